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
import {
  alreadyExists,
  badInput,
  concurrencyConflict,
  DomainError,
  idempotencyKeyReused,
} from '@ledger/domain/shared/errors';
import type { Prisma, PrismaClient } from './generated/prisma/client';
import { chainHash } from './hashing';
import { PROJECTION_LOCK, PROJECTION_TABLES, insertRowParams, insertRowSql } from './projection-tables';
import { toStoredEvent, type EventRecord, type StoredEvent } from './event-records';

type Tx = Prisma.TransactionClient;

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

export interface AppendResult {
  readonly event: RecordedEvent;
  readonly hash: string;
  readonly previousHash: string | null;
  /** The entity the command created or changed (the retract target for retract). */
  readonly entityId: string;
  /** True when an earlier request with the same idempotency key was answered again. */
  readonly replayed: boolean;
}

interface StoredIdempotencyResult {
  readonly entityId: string;
  readonly eventPosition: string;
}

const KIND_OF_PROJECTION: Partial<Record<EntityKind, ProjectionName>> = {
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

const TRANSACTION_OPTIONS = { isolationLevel: 'ReadCommitted', maxWait: 10_000, timeout: 30_000 } as const;

/**
 * The append path. One Postgres transaction per command:
 * idempotency check → lock the stream row (expected version) → decide → lock the ledger head
 * → position, recordedAt, hash → insert the event → inline projections → commit.
 * The head row lock is taken last and held to commit, so positions are gap-free and in commit order.
 */
export class EventStore {
  constructor(private readonly prisma: PrismaClient) {}

  async append(request: AppendRequest): Promise<AppendResult> {
    try {
      return await this.prisma.$transaction((tx) => this.appendInTransaction(tx, request), TRANSACTION_OPTIONS);
    } catch (error) {
      throw await this.translateStoreError(error, request);
    }
  }

  private translateStoreError(error: unknown, request: AppendRequest): Promise<unknown> {
    return translateStoreErrorWith(this.prisma, error, request).catch(() => error);
  }

  private async appendInTransaction(tx: Tx, request: AppendRequest): Promise<AppendResult> {
    const { command, actor, idempotencyKey } = request;
    // Shared with other appends, exclusive with a rebuild: taken before any projection table is read.
    await tx.$queryRaw`SELECT pg_advisory_xact_lock_shared(${PROJECTION_LOCK.classId}::int, ${PROJECTION_LOCK.objectId}::int)::text`;

    if (idempotencyKey !== null) {
      const replay = await this.findIdempotentResult(tx, request);
      if (replay) return replay;
    }

    const streamId = streamIdOf(command);
    const creation = isCreation(command);
    const known = await this.lookUpEntities(tx, referencedIds(command));

    let target: TargetRow | null = null;
    let streamVersion = 0;
    if (!creation) {
      const locked = await tx.$queryRaw<{ kind: EntityKind; version: number }[]>`
        SELECT kind, version FROM streams WHERE id = ${streamId} FOR UPDATE`;
      const stream = locked[0];
      if (stream) {
        streamVersion = stream.version;
        target = await this.currentTargetRow(tx, stream.kind, streamId);
      }
    } else if (command.type === 'postRebuttal') {
      const targetKind = known.get(command.targetId);
      if (targetKind) target = await this.currentTargetRow(tx, targetKind, command.targetId);
    }

    // decide first: an id of the wrong kind (amendDeal of a company) is NOT_FOUND or BAD_USER_INPUT,
    // not a version conflict on someone else's stream. decide checks expectedVersion against the
    // target row read under the stream lock; the check below is the store's own line of defence.
    const decided = decide(command, { target, known });
    const expected = expectedVersionOf(command);
    if (!creation && expected !== null && expected !== streamVersion) {
      throw concurrencyConflict(streamId, expected, streamVersion);
    }

    if (creation) {
      const kind = KIND_CREATED_BY[command.type];
      if (kind === null) throw new Error(`${command.type} does not create a stream`);
      await this.reserveId(tx, streamId, kind);
    }
    if (decided.type === 'TALENT_DEPARTED') {
      await this.reservePerson(tx, decided.data.personId);
    }

    const stored = await this.commitEvent(tx, decided, streamVersion + 1, request, target);
    const recorded = stored.event;

    for (const touch of rowsTouchedBy(recorded)) {
      await this.applyProjection(tx, touch.projection, touch.id, recorded);
    }

    const entityId = decided.type === 'ENTRY_RETRACTED' ? decided.data.targetId : streamId;
    if (idempotencyKey !== null) {
      const result: StoredIdempotencyResult = { entityId, eventPosition: recorded.position };
      await tx.$executeRaw`
        INSERT INTO idempotency_keys (principal, key, fingerprint, event_position, result)
        VALUES (${actor}, ${idempotencyKey}, ${request.fingerprint}, ${recorded.position}::bigint, ${JSON.stringify(result)}::jsonb)`;
    }
    return { ...stored, entityId, replayed: false };
  }

  /** Same key and same input: the first result. Same key, other input: IDEMPOTENCY_KEY_REUSED. */
  private async findIdempotentResult(tx: Tx, request: AppendRequest): Promise<AppendResult | null> {
    const key = request.idempotencyKey ?? '';
    // Serialises concurrent requests with one key, so exactly one of them appends.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`idempotency:${request.actor.length}:${request.actor}:${key}`}, 0))`;
    const rows = await tx.$queryRaw<{ fingerprint: string; result: StoredIdempotencyResult }[]>`
      SELECT fingerprint, result FROM idempotency_keys WHERE principal = ${request.actor} AND key = ${key}`;
    const stored = rows[0];
    if (!stored) return null;
    if (stored.fingerprint !== request.fingerprint) throw idempotencyKeyReused(key);
    const events = await tx.$queryRaw<EventRecord[]>`
      SELECT * FROM events WHERE position = ${stored.result.eventPosition}::bigint`;
    const event = events[0];
    if (!event) throw new Error(`Idempotency key ${key} points at a missing event`);
    return { ...toStoredEvent(event), entityId: stored.result.entityId, replayed: true };
  }

  private async lookUpEntities(tx: Tx, ids: readonly string[]): Promise<Map<string, EntityKind>> {
    const known = new Map<string, EntityKind>();
    if (ids.length === 0) return known;
    const rows = await tx.$queryRaw<{ id: string; kind: EntityKind }[]>`
      SELECT id, kind FROM streams WHERE id = ANY(${[...new Set(ids)]}::text[])`;
    for (const row of rows) known.set(row.id, row.kind);
    return known;
  }

  private async currentTargetRow(tx: Tx, kind: EntityKind, id: string): Promise<TargetRow | null> {
    const projection = KIND_OF_PROJECTION[kind];
    if (!projection) return null;
    return (await this.currentRow(tx, projection, id)) as TargetRow | null;
  }

  private async currentRow<P extends ProjectionName>(tx: Tx, projection: P, id: string): Promise<ProjectionRows[P] | null> {
    const rows = await tx.$queryRawUnsafe<{ doc: ProjectionRows[P] }[]>(
      `SELECT doc FROM ${PROJECTION_TABLES[projection].table} WHERE id = $1 AND valid_to IS NULL`,
      id,
    );
    return rows[0]?.doc ?? null;
  }

  /** Claims a new id; a concurrent or earlier holder makes it ALREADY_EXISTS. */
  private async reserveId(tx: Tx, id: string, kind: EntityKind): Promise<void> {
    const inserted = await tx.$executeRaw`
      INSERT INTO streams (id, kind, version, created_position) VALUES (${id}, ${kind}, 0, 0)
      ON CONFLICT (id) DO NOTHING`;
    if (inserted === 0) {
      const rows = await tx.$queryRaw<{ kind: string }[]>`SELECT kind FROM streams WHERE id = ${id}`;
      throw alreadyExists(id, (rows[0]?.kind ?? 'entity').toLowerCase().replace('_', ' '));
    }
  }

  /** A person is named by departures; the first one reserves the id. The row lock orders concurrent departures. */
  private async reservePerson(tx: Tx, personId: string): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO streams (id, kind, version, created_position) VALUES (${personId}, 'PERSON', 0, 0)
      ON CONFLICT (id) DO NOTHING`;
    const rows = await tx.$queryRaw<{ kind: string }[]>`SELECT kind FROM streams WHERE id = ${personId} FOR UPDATE`;
    if (rows[0]?.kind !== 'PERSON') throw alreadyExists(personId, (rows[0]?.kind ?? 'entity').toLowerCase());
  }

  /** Locks the head (last), assigns position, recordedAt and hash, inserts the event and moves the head. */
  private async commitEvent(
    tx: Tx,
    decided: DomainEvent,
    version: number,
    request: AppendRequest,
    target: TargetRow | null,
  ): Promise<StoredEvent> {
    const heads = await tx.$queryRaw<{ position: bigint; hash: string | null; recorded_at: Date | null }[]>`
      SELECT position, hash, recorded_at FROM ledger_head WHERE id = 1 FOR UPDATE`;
    const head = heads[0];
    if (!head) throw new Error('The ledger head row is missing: were the migrations applied?');
    const position = (head.position + 1n).toString();
    const recordedAtMs = Math.max(head.recorded_at?.getTime() ?? 0, request.now.getTime());
    const recorded: RecordedEvent = {
      ...(JSON.parse(JSON.stringify(decided)) as DomainEvent),
      id: randomUUID(),
      position,
      version,
      schemaVersion: 1,
      recordedAt: new Date(recordedAtMs).toISOString(),
      recordedBy: request.actor,
    };
    const hash = chainHash(head.hash, recorded);
    await tx.$executeRaw`
      INSERT INTO events (position, id, stream_id, version, type, schema_version, data, citations, entity_ids,
                          occurred_on, recorded_at, recorded_by, idempotency_key, previous_hash, hash)
      VALUES (${position}::bigint, ${recorded.id}::uuid, ${recorded.streamId}, ${version}, ${recorded.type}, 1,
              ${JSON.stringify(recorded.data)}::jsonb, ${JSON.stringify(recorded.citations)}::jsonb,
              ${mentionedEntityIds(recorded, target)}::text[], ${recorded.occurredOn}::date, ${recorded.recordedAt}::timestamptz,
              ${recorded.recordedBy}, ${request.idempotencyKey}, ${head.hash}, ${hash})`;
    await tx.$executeRaw`
      UPDATE streams SET version = ${version},
             created_position = CASE WHEN version = 0 THEN ${position}::bigint ELSE created_position END
      WHERE id = ${recorded.streamId}`;
    await tx.$executeRaw`
      UPDATE ledger_head SET position = ${position}::bigint, hash = ${hash}, recorded_at = ${recorded.recordedAt}::timestamptz
      WHERE id = 1`;
    return { event: recorded, hash, previousHash: head.hash };
  }

  private async applyProjection(tx: Tx, projection: ProjectionName, id: string, event: RecordedEvent): Promise<void> {
    const table = PROJECTION_TABLES[projection].table;
    const current = await this.currentRow(tx, projection, id);
    const next = evolveRow(projection, current, event);
    if (current) {
      await tx.$executeRawUnsafe(
        `UPDATE ${table} SET valid_to = $2::bigint WHERE id = $1 AND valid_to IS NULL`,
        id,
        event.position,
      );
    } else if (projection === 'people') {
      await tx.$executeRaw`UPDATE streams SET created_position = ${event.position}::bigint WHERE id = ${id} AND created_position = 0`;
    }
    await tx.$executeRawUnsafe(insertRowSql(projection), ...insertRowParams(projection, next, event.position, null));
  }
}

function expectedVersionOf(command: LedgerCommand): number | null {
  return 'expectedVersion' in command ? command.expectedVersion : null;
}

/** Database errors that a client's input can cause become coded errors; anything else stays internal. */
async function translateStoreErrorWith(prisma: PrismaClient, error: unknown, request: AppendRequest): Promise<unknown> {
  if (error instanceof DomainError) return error;
  const text = error instanceof Error ? `${error.message} ${JSON.stringify((error as { meta?: unknown }).meta ?? '')}` : '';
  if (/23505|P2002|unique constraint/i.test(text) && /events_stream_version_unique|stream_id/.test(text)) {
    // The stream row lock makes this a last line of defence: report the version that won.
    const streamId = streamIdOf(request.command);
    const rows = await prisma.$queryRaw<{ version: number }[]>`SELECT version FROM streams WHERE id = ${streamId}`;
    const actual = rows[0]?.version ?? 0;
    return concurrencyConflict(streamId, expectedVersionOf(request.command) ?? Math.max(actual - 1, 0), actual);
  }
  if (/22P05|unsupported Unicode escape|invalid byte sequence|0x00/i.test(text)) {
    return badInput('Text must not contain NUL characters', ['input']);
  }
  return error;
}
