/**
 * Given/When/Then helpers for the domain's specs (Emmett style):
 *
 *   given({ known: { spacex: 'COMPANY' } }).when(command).then(expectedEvent);
 *   given({ known }).when(command).thenThrows('NOT_FOUND', ['input.parties.1.companyId']);
 *   givenEvents(signed, amended).thenRow('deals', 'deal-id', expectedRow);
 *
 * Framework-free (plain Errors with a readable diff), so it compiles without jest's types.
 */
import { DomainError, type ErrorCode } from '../../shared/errors';
import type { LedgerCommand } from '../commands';
import { decide } from '../decide';
import type { DecisionState, TargetRow } from '../decision-state';
import type { EntityKind, KnownEntities } from '../entities';
import type { DomainEvent, RecordedEvent } from '../events';
import { projectEvents, type ProjectionName, type ProjectionRows, type ProjectionTables } from '../projections';

export interface GivenState {
  readonly known?: KnownEntities | Readonly<Record<string, EntityKind>>;
  readonly target?: TargetRow | null;
}

/** JSON with sorted keys: the form two values are compared in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2);
}

function sortKeys(value: unknown): unknown {
  if (value instanceof Map) return { '<Map>': [...value.entries()].map(([key, entry]) => [sortKeys(key), sortKeys(entry)]) };
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}

/** Throws unless `actual` and `expected` are deep-equal (as canonical JSON). */
export function assertDeepEqual(actual: unknown, expected: unknown, what: string): void {
  const actualJson = canonicalJson(actual);
  const expectedJson = canonicalJson(expected);
  if (actualJson !== expectedJson) {
    throw new Error(`${what} differs.\nExpected:\n${expectedJson}\nReceived:\n${actualJson}`);
  }
}

function toDecisionState(state: GivenState): DecisionState {
  const known = state.known instanceof Map ? state.known : new Map(Object.entries(state.known ?? {}));
  return { known, target: state.target ?? null };
}

export interface WhenStep {
  /** Asserts decide returns exactly `expected`. */
  then(expected: DomainEvent): void;
  /** Asserts decide throws a DomainError with `code` (and exactly these `fields`, when given); returns it. */
  thenThrows(code: ErrorCode, fields?: readonly string[]): DomainError;
  /** The event decide returns, for assertions of its own (throws if decide throws). */
  thenEvent(): DomainEvent;
}

export interface GivenStep {
  when(command: LedgerCommand): WhenStep;
}

/** Starts a decider spec from the state the handler would have looked up. */
export function given(state: GivenState = {}): GivenStep {
  const decisionState = toDecisionState(state);
  return {
    when(command: LedgerCommand): WhenStep {
      return {
        then(expected: DomainEvent): void {
          assertDeepEqual(decide(command, decisionState), expected, `The event decided for ${command.type}`);
        },
        thenThrows(code: ErrorCode, fields?: readonly string[]): DomainError {
          let event: DomainEvent;
          try {
            event = decide(command, decisionState);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            if (error.code !== code) {
              throw new Error(`Expected ${command.type} to fail ${code}, but it failed ${error.code}: ${error.message}`);
            }
            if (fields !== undefined) assertDeepEqual(error.details['fields'], fields, `The fields at fault of ${code}`);
            return error;
          }
          throw new Error(`Expected ${command.type} to fail ${code}, but it decided:\n${canonicalJson(event)}`);
        },
        thenEvent(): DomainEvent {
          return decide(command, decisionState);
        },
      };
    },
  };
}

/** Ledger time and position a test gives an event, as the store would. */
export interface RecordingMeta {
  readonly position: number | string;
  readonly version: number;
  readonly recordedAt: string;
  readonly id?: string;
  readonly recordedBy?: string;
}

/** What the store adds to a decided event. */
export interface RecordedFields {
  readonly id: string;
  readonly position: string;
  readonly version: number;
  readonly schemaVersion: number;
  readonly recordedAt: string;
  readonly recordedBy: string;
}

/** A decided event as the store would record it. */
export function recorded<E extends DomainEvent>(event: E, meta: RecordingMeta): E & RecordedFields {
  const position = String(meta.position);
  return {
    ...event,
    id: meta.id ?? `00000000-0000-4000-8000-${position.padStart(12, '0')}`,
    position,
    version: meta.version,
    schemaVersion: 1,
    recordedAt: meta.recordedAt,
    recordedBy: meta.recordedBy ?? 'test',
  };
}

export interface GivenEventsStep {
  readonly tables: ProjectionTables;
  /** The row `id` of `projection` after the events (throws if absent). */
  row<P extends ProjectionName>(projection: P, id: string): ProjectionRows[P];
  /** Asserts the row `id` of `projection` equals `expected`. */
  thenRow<P extends ProjectionName>(projection: P, id: string, expected: ProjectionRows[P]): void;
}

/** Replays recorded events through the inline projections. */
export function givenEvents(...events: RecordedEvent[]): GivenEventsStep {
  const tables = projectEvents(events);
  const row = <P extends ProjectionName>(projection: P, id: string): ProjectionRows[P] => {
    const table: ReadonlyMap<string, ProjectionRows[P]> = tables[projection];
    const found = table.get(id);
    if (found === undefined) throw new Error(`No row "${id}" in ${projection}`);
    return found;
  };
  return {
    tables,
    row,
    thenRow<P extends ProjectionName>(projection: P, id: string, expected: ProjectionRows[P]): void {
      assertDeepEqual(row(projection, id), expected, `The ${projection} row "${id}"`);
    },
  };
}
