import type { Citation } from '@ledger/domain/ledger/citations';
import type { DomainEvent, EventType, RecordedEvent } from '@ledger/domain/ledger/events';

/** An `events` row as raw SQL returns it through Prisma. */
export interface EventRecord {
  readonly position: bigint;
  readonly id: string;
  readonly stream_id: string;
  readonly version: number;
  readonly type: EventType;
  readonly schema_version: number;
  readonly data: unknown;
  readonly citations: unknown;
  readonly occurred_on: Date | null;
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

function recordedEvent(record: EventRecord, data: unknown): RecordedEvent {
  const body = { type: record.type, data };
  const event = {
    ...body,
    streamId: record.stream_id,
    citations: record.citations as readonly Citation[],
    occurredOn: record.occurred_on ? record.occurred_on.toISOString().slice(0, 10) : null,
    id: record.id,
    position: record.position.toString(),
    version: record.version,
    schemaVersion: record.schema_version,
    recordedAt: record.recorded_at.toISOString(),
    recordedBy: record.recorded_by,
  } as DomainEvent & Omit<RecordedEvent, keyof DomainEvent>;
  return event as RecordedEvent;
}

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
