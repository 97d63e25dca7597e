import { randomUUID } from 'node:crypto';
import type { LedgerCommand } from '@ledger/domain/ledger/commands';
import { decide, isCreation, referencedIds, streamIdOf, type TargetRow } from '@ledger/domain/ledger/decide';
import type { EntityKind } from '@ledger/domain/ledger/entities';
import type { DomainEvent, RecordedEvent } from '@ledger/domain/ledger/events';
import {
  evolveRow,
  mentionedEntityIds,
  rowsTouchedBy,
  type ProjectionName,
  type ProjectionRows,
} from '@ledger/domain/ledger/projections';
import { concurrencyConflict, DomainError, idempotencyKeyReused } from '@ledger/domain/shared/errors';
import type { StoredEvent } from './event-records';
import { chainHash } from './hashing';

/** A command with everything the store needs to append it. */
export interface AppendRequest {
  readonly command: LedgerCommand;
  /** The authenticated principal: recorded as the event's recordedBy, and the idempotency namespace. */
  readonly actor: string;
  /** The server's clock when the request arrived; recordedAt is max(previous recordedAt, now). */
  readonly now: Date;
  readonly idempotencyKey: string | null;
  /** Hex SHA-256 of the client's input (without its idempotency key): same key + other input fails. */
  readonly fingerprint: string;
}

export interface AppendResult extends StoredEvent {
  /** The entity the command created or changed (the retract target for retract). */
  readonly entityId: string;
  /** True when an earlier request with the same idempotency key was answered again. */
  readonly replayed: boolean;
  /**
   * The projection rows as they stand right after this event (the row versions valid from its
   * position), when the store planned it in this process; absent for a replay of a stored result.
   * The API answers the mutation's payload from them instead of reading them back.
   */
  readonly rows?: readonly TouchedRow[];
}

/** A projection row as it stands right after an event. */
export interface TouchedRow {
  readonly projection: ProjectionName;
  readonly id: string;
  readonly row: ProjectionRows[ProjectionName];
}

/** What idempotency_keys keeps as a request's first result. */
export interface StoredIdempotencyResult {
  readonly entityId: string;
  readonly eventPosition: string;
}

export interface StreamState {
  readonly kind: EntityKind;
  readonly version: number;
}

export interface HeadState {
  readonly position: bigint;
  readonly hash: string | null;
  readonly recordedAtMs: number;
}

/** One version of a projection row written by this batch, valid for [validFrom, validTo). */
export interface RowVersion {
  readonly projection: ProjectionName;
  readonly row: ProjectionRows[ProjectionName];
  /** The version it follows (null for the entity's first): what a version adds goes to its parts table, if any (ProjectionParts). */
  readonly previous: ProjectionRows[ProjectionName] | null;
  readonly validFrom: string;
  validTo: string | null;
}

export type PlannedOutcome =
  | { readonly kind: 'appended'; readonly result: AppendResult }
  | { readonly kind: 'replay-stored'; readonly entityId: string; readonly eventPosition: string }
  | { readonly kind: 'failed'; readonly error: DomainError };

export const KIND_OF_PROJECTION: Partial<Record<EntityKind, ProjectionName>> = {
  DEAL: 'deals',
  CLAIM: 'claims',
  REBUTTAL: 'rebuttals',
  TALENT_MOVE: 'talent_moves',
};

const KIND_CREATED_BY: Record<LedgerCommand['type'], EntityKind | null> = {
  registerSource: 'SOURCE',
  registerCompany: 'COMPANY',
  signDeal: 'DEAL',
  amendDeal: null,
  terminateDeal: null,
  claimValuation: 'CLAIM',
  makeClaim: 'CLAIM',
  recordTalentDeparture: 'TALENT_MOVE',
  postRebuttal: 'REBUTTAL',
  retract: null,
};

export function expectedVersionOf(command: LedgerCommand): number | null {
  return 'expectedVersion' in command ? command.expectedVersion : null;
}

export function idempotencySlot(actor: string, key: string): string {
  return `${actor.length}:${actor}:${key}`;
}

export function rowSlot(projection: ProjectionName, id: string): string {
  return `${projection}:${id}`;
}

/** Every stream id a batch must know: what the commands reference, their own streams, named people. */
export function streamIdsOf(requests: readonly AppendRequest[]): string[] {
  const ids = new Set<string>();
  for (const { command } of requests) {
    ids.add(streamIdOf(command));
    for (const id of referencedIds(command)) ids.add(id);
  }
  return [...ids];
}

/** The current projection rows a batch may need as decide targets or evolve inputs. */
export function rowSlotsOf(requests: readonly AppendRequest[], streams: ReadonlyMap<string, StreamState>): { projection: ProjectionName; id: string }[] {
  const slots = new Map<string, { projection: ProjectionName; id: string }>();
  const add = (projection: ProjectionName | undefined, id: string) => {
    if (projection) slots.set(rowSlot(projection, id), { projection, id });
  };
  for (const { command } of requests) {
    if (command.type === 'postRebuttal') {
      const kind = streams.get(command.targetId)?.kind;
      if (kind) add(KIND_OF_PROJECTION[kind], command.targetId);
    } else if (command.type === 'recordTalentDeparture') {
      add('people', command.personId);
    } else if (!isCreation(command)) {
      const id = streamIdOf(command);
      const kind = streams.get(id)?.kind;
      if (kind) add(KIND_OF_PROJECTION[kind], id);
    }
  }
  return [...slots.values()];
}

/**
 * Plans a batch of appends in memory, in arrival order, as if each ran alone after the previous
 * ones: it keeps the streams, the rows and the idempotency keys the batch has changed so far, so a
 * request sees the effects of earlier requests of its batch. A request that fails (conflict,
 * unknown id, bad input) changes nothing and never fails another. The caller writes the outcome.
 */
export class AppendPlan {
  readonly events: { stored: StoredEvent; request: AppendRequest; entityIds: string[] }[] = [];
  /** Streams created or moved by the batch: id → state and, for new ones, the creating position. */
  readonly streamWrites = new Map<string, { kind: EntityKind; version: number; createdPosition: string }>();
  /** Pre-existing current rows superseded by the batch: slot → position from which they stop. */
  readonly closedRows = new Map<string, { projection: ProjectionName; id: string; validTo: string }>();
  readonly rowVersions: RowVersion[] = [];
  readonly keyWrites: { actor: string; key: string; fingerprint: string; result: StoredIdempotencyResult }[] = [];

  private readonly latestVersionOf = new Map<string, RowVersion>();
  private readonly batchKeys = new Map<string, { fingerprint: string; result: AppendResult }>();
  private head: HeadState;

  constructor(
    head: HeadState,
    private readonly streams: Map<string, StreamState>,
    private readonly rows: Map<string, ProjectionRows[ProjectionName]>,
    private readonly storedKeys: ReadonlyMap<string, { fingerprint: string; result: StoredIdempotencyResult }>,
  ) {
    this.head = head;
  }

  get headState(): HeadState {
    return this.head;
  }

  plan(request: AppendRequest): PlannedOutcome {
    try {
      return this.planOrThrow(request);
    } catch (error) {
      if (error instanceof DomainError) return { kind: 'failed', error };
      throw error;
    }
  }

  private planOrThrow(request: AppendRequest): PlannedOutcome {
    const { command, idempotencyKey } = request;
    const slot = idempotencyKey === null ? null : idempotencySlot(request.actor, idempotencyKey);
    if (slot !== null) {
      const inBatch = this.batchKeys.get(slot);
      if (inBatch) {
        if (inBatch.fingerprint !== request.fingerprint) throw idempotencyKeyReused(idempotencyKey!);
        return { kind: 'appended', result: { ...inBatch.result, replayed: true } };
      }
      const stored = this.storedKeys.get(slot);
      if (stored) {
        if (stored.fingerprint !== request.fingerprint) throw idempotencyKeyReused(idempotencyKey!);
        return { kind: 'replay-stored', ...stored.result };
      }
    }

    const streamId = streamIdOf(command);
    const creation = isCreation(command);
    const known = new Map<string, EntityKind>();
    for (const id of referencedIds(command)) {
      const stream = this.streams.get(id);
      if (stream) known.set(id, stream.kind);
    }
    const stream = this.streams.get(streamId);
    let target: TargetRow | null = null;
    if (command.type === 'postRebuttal') {
      target = this.currentTarget(command.targetId);
    } else if (!creation && stream) {
      target = this.currentTarget(streamId);
    }

    // decide first: an id of the wrong kind (amendDeal of a company) is NOT_FOUND or BAD_USER_INPUT,
    // not a version conflict on someone else's stream.
    const decided = decide(command, { target, known });
    const expected = expectedVersionOf(command);
    const streamVersion = creation ? 0 : (stream?.version ?? 0);
    if (!creation && expected !== null && expected !== streamVersion) {
      throw concurrencyConflict(streamId, expected, streamVersion);
    }

    const stored = this.record(decided, streamVersion + 1, request);
    const recorded = stored.event;
    this.events.push({ stored, request, entityIds: mentionedEntityIds(recorded, target) });

    const kind = creation ? KIND_CREATED_BY[command.type] : (stream?.kind ?? null);
    if (kind === null) throw new Error(`No stream kind for ${command.type} on ${streamId}`);
    this.setStream(streamId, kind, recorded.version, recorded.position);
    if (decided.type === 'TALENT_DEPARTED' && !this.streams.has(decided.data.personId)) {
      this.setStream(decided.data.personId, 'PERSON', 0, recorded.position);
    }
    // Literals with every key (no `{ ...object, newKey }`: V8 builds those slowly, see createdRow).
    const rows = rowsTouchedBy(recorded).map((touch) => ({ projection: touch.projection, id: touch.id, row: this.evolve(touch.projection, touch.id, recorded) }));

    const entityId = decided.type === 'ENTRY_RETRACTED' ? decided.data.targetId : streamId;
    const result: AppendResult = { event: stored.event, hash: stored.hash, previousHash: stored.previousHash, entityId, replayed: false, rows };
    if (slot !== null) {
      this.batchKeys.set(slot, { fingerprint: request.fingerprint, result });
      this.keyWrites.push({
        actor: request.actor,
        key: idempotencyKey!,
        fingerprint: request.fingerprint,
        result: { entityId, eventPosition: recorded.position },
      });
    }
    return { kind: 'appended', result };
  }

  private currentTarget(id: string): TargetRow | null {
    const kind = this.streams.get(id)?.kind;
    const projection = kind ? KIND_OF_PROJECTION[kind] : undefined;
    if (!projection) return null;
    return (this.rows.get(rowSlot(projection, id)) as TargetRow | undefined) ?? null;
  }

  /** Position, ledger time (never backwards, milliseconds) and the chained hash. */
  private record(decided: DomainEvent, version: number, request: AppendRequest): StoredEvent {
    const position = this.head.position + 1n;
    const recordedAtMs = Math.max(this.head.recordedAtMs, request.now.getTime());
    // Assigned onto the fresh copy, not spread into a new literal with them: half the cost (11 → 5.6 µs).
    const event: RecordedEvent = Object.assign(JSON.parse(JSON.stringify(decided)) as DomainEvent, {
      id: randomUUID(),
      position: position.toString(),
      version,
      schemaVersion: 1,
      recordedAt: new Date(recordedAtMs).toISOString(),
      recordedBy: request.actor,
    });
    const hash = chainHash(this.head.hash, event);
    const stored: StoredEvent = { event, hash, previousHash: this.head.hash };
    this.head = { position, hash, recordedAtMs };
    return stored;
  }

  private setStream(id: string, kind: EntityKind, version: number, position: string): void {
    const previous = this.streamWrites.get(id);
    const existed = this.streams.has(id);
    this.streams.set(id, { kind, version });
    this.streamWrites.set(id, {
      kind,
      version,
      createdPosition: previous?.createdPosition ?? (existed ? '0' : position),
    });
  }

  private evolve(projection: ProjectionName, id: string, event: RecordedEvent): ProjectionRows[ProjectionName] {
    const slot = rowSlot(projection, id);
    const current = this.rows.get(slot) ?? null;
    const next = evolveRow(projection, current, event);
    const previousVersion = this.latestVersionOf.get(slot);
    if (previousVersion) previousVersion.validTo = event.position;
    else if (current) this.closedRows.set(slot, { projection, id, validTo: event.position });
    const version: RowVersion = { projection, row: next, previous: current, validFrom: event.position, validTo: null };
    this.rowVersions.push(version);
    this.latestVersionOf.set(slot, version);
    this.rows.set(slot, next);
    return next;
  }
}
