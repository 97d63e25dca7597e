import { createHash } from 'node:crypto';
import { types } from 'pg';
import { configure } from 'safe-stable-stringify';
import type { RecordedEvent } from '@ledger/domain/ledger/events';
import { chainHash, eventContent } from './hashing';

/**
 * An `events` row for verification, every column as the text PostgreSQL sends (SQL NULL as null):
 * nothing is parsed on the thread that reads, so the parsing can move to a worker with the hashing.
 */
export type RawEventRow = readonly (string | null)[];

/** The columns of a RawEventRow, in order (the world date as text, so no time zone can shift it). */
export const RAW_EVENT_COLUMNS =
  'position, id, stream_id, version, type, schema_version, data, citations, occurred_on::text, recorded_at, recorded_by, previous_hash, hash';

export const RAW = { POSITION: 0, PREVIOUS_HASH: 11, HASH: 12 } as const;

// The parsers pg itself applies to these columns (int4, jsonb, timestamptz), so an event hashes
// here exactly as it does when read through pg (and as the append path hashed it).
const parseInt4 = types.getTypeParser(23, 'text') as (text: string) => number;
const parseJsonb = types.getTypeParser(3802, 'text') as (text: string) => unknown;
const parseTimestamptz = types.getTypeParser(1184, 'text') as (text: string) => Date;

/** recorded_at as the ISO instant the event carries; throws for what pg does not parse to a valid Date ('infinity' is a number). */
function recordedAtOf(text: string): string {
  const parsed: unknown = parseTimestamptz(text);
  if (!(parsed instanceof Date)) throw new Error(`recorded_at ${text} is not an instant`);
  return parsed.toISOString();
}

/** The event as stored (body not upcast, like toStoredEventAsStored): what its hash covers. */
export function recordedEventOfRaw(row: RawEventRow): RecordedEvent {
  const text = (index: number): string | null => row[index] ?? null;
  const parsed = <T>(index: number, parse: (value: string) => T): T | null => {
    const value = text(index);
    return value === null ? null : parse(value);
  };
  return {
    type: text(4),
    data: parsed(6, parseJsonb),
    streamId: text(2),
    citations: parsed(7, parseJsonb),
    occurredOn: text(8),
    id: text(1),
    position: text(0),
    version: parsed(3, parseInt4),
    schemaVersion: parsed(5, parseInt4),
    recordedAt: parsed(9, recordedAtOf),
    recordedBy: text(10),
  } as unknown as RecordedEvent;
}

/**
 * Index of the first row whose content does not hash to its stored hash (chained on the row's own
 * stored previous_hash; the caller checks that it links to the row before), or -1 when all do.
 *
 * A row whose content cannot be parsed or hashed at all counts as altered too: the append path
 * never stores one, but PostgreSQL accepts values that have no event behind them (a recorded_at of
 * 'infinity', which pg parses as a number; a JSON number such as 1e400 in the body, which jsonb
 * keeps and JSON.parse reads as Infinity, which canonical JSON refuses).
 */
export function firstAlteredIndex(rows: readonly RawEventRow[]): number {
  for (let index = 0; index < rows.length; index += 1) {
    if (!matchesItsHash(rows[index]!)) return index;
  }
  return -1;
}

function matchesItsHash(row: RawEventRow): boolean {
  const previousHash = row[RAW.PREVIOUS_HASH] ?? null;
  try {
    const event = recordedEventOfRaw(row);
    return quickHash(previousHash, event) === row[RAW.HASH] || chainHash(previousHash, event) === row[RAW.HASH];
  } catch {
    return false;
  }
}

/**
 * Sorted-key JSON from safe-stable-stringify, about twice as fast as canonicalize here and the same
 * text for every value JSON.parse yields (keys sorted by UTF-16 code units, strings and numbers as
 * JSON.stringify writes them). Only a match is taken from it: its output is JSON that parses back to
 * its input, so hashing to the stored hash means the content is what was hashed at append time.
 * Anything else (a mismatch, a value it refuses) is decided by chainHash itself.
 */
const sortedJson = configure({ deterministic: true, bigint: false, circularValue: Error, strict: true });

function quickHash(previousHash: string | null, event: RecordedEvent): string | null {
  let text: string | undefined;
  try {
    text = sortedJson(eventContent(event));
  } catch {
    return null;
  }
  return text === undefined ? null : createHash('sha256').update(previousHash ?? '').update(text).digest('hex');
}
