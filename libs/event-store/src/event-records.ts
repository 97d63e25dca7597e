import type { Citation } from '@ledger/domain/ledger/citations';
import type { DomainEvent, EventType, RecordedEvent } from '@ledger/domain/ledger/events';

/** An `events` row as raw SQL returns it (bigint as BigInt through Prisma, as a string through pg). */
export interface EventRecord {
  readonly position: bigint | string;
  readonly id: string;
  readonly stream_id: string;
  readonly version: number;
  readonly type: EventType;
  readonly schema_version: number;
  readonly data: unknown;
  readonly citations: unknown;
  /** A Date through Prisma; the text "YYYY-MM-DD" through pg (selected as occurred_on::text). */
  readonly occurred_on: Date | string | null;
  readonly recorded_at: Date;
  readonly recorded_by: string;
  readonly previous_hash: string | null;
  readonly hash: string;
}

export interface StoredEvent {
  readonly event: RecordedEvent;
  readonly hash: string;
  readonly previousHash: string | null;
}

/**
 * Upcasters: event bodies are never edited in place; an older schema_version is lifted to the
 * current shape when read. Version 1 is the only one so far.
 */
function upcast(type: EventType, schemaVersion: number, data: unknown): unknown {
  if (schemaVersion !== 1) throw new Error(`No upcaster for ${type} schema version ${schemaVersion}`);
  return data;
}

export function toRecordedEvent(record: EventRecord): RecordedEvent {
  return recordedEvent(record, upcast(record.type, record.schema_version, record.data));
}

/** One object literal, no spread: spreading a temporary body cost a replay about 4 µs an event. */
function recordedEvent(record: EventRecord, data: unknown): RecordedEvent {
  const event = {
    type: record.type,
    data,
    streamId: record.stream_id,
    citations: record.citations as readonly Citation[],
    occurredOn: record.occurred_on === null ? null : typeof record.occurred_on === 'string' ? record.occurred_on : record.occurred_on.toISOString().slice(0, 10),
    id: record.id,
    position: record.position.toString(),
    version: record.version,
    schemaVersion: record.schema_version,
    recordedAt: record.recorded_at.toISOString(),
    recordedBy: record.recorded_by,
  } as DomainEvent & Omit<RecordedEvent, keyof DomainEvent>;
  return event as RecordedEvent;
}

/** The events columns for a pg query: the world date as text, so no time zone can shift it. */
export const EVENT_COLUMNS =
  'position, id, stream_id, version, type, schema_version, data, citations, occurred_on::text AS occurred_on, ' +
  'recorded_at, recorded_by, previous_hash, hash';

export function toStoredEvent(record: EventRecord): StoredEvent {
  return { event: toRecordedEvent(record), hash: record.hash, previousHash: record.previous_hash };
}

/**
 * The event exactly as stored, body not upcast: what its hash covers. Verification and export
 * read this form, so a row of any schema_version (or a corrupted one) is checked, never rejected.
 */
export function toStoredEventAsStored(record: EventRecord): StoredEvent {
  return { event: recordedEvent(record, record.data), hash: record.hash, previousHash: record.previous_hash };
}
