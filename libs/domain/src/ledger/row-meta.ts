import type { Citation } from './citations';
import type { RowMeta } from './entities';
import type { EntryRetracted, RecordedEvent } from './events';

/**
 * A row created by `event` of the entity's own stream: its meta, then `fields`. Written as one
 * literal with the fields spread at its end. `{ ...createdRowMeta(), field: … }` (an object spread
 * first, then keys it does not have) takes a slow path in Node 20's V8: about 1 µs per added key
 * (10 µs per row here) and the resulting object JSON.stringify-ed six times slower, on every event a
 * replay or an append applies. Spreads that only override keys the object has are fast.
 */
export function createdRow<Fields extends object>(id: string, event: RecordedEvent, fields: Fields): RowMeta & Fields {
  return {
    id,
    version: event.version,
    position: event.position,
    createdPosition: event.position,
    recordedAt: event.recordedAt,
    updatedAt: event.recordedAt,
    ...fields,
  };
}

/** Meta of a row changed by a later `event` of the entity's own stream. */
export function updatedRowMeta(row: RowMeta, event: RecordedEvent): RowMeta {
  return {
    id: row.id,
    version: event.version,
    position: event.position,
    createdPosition: row.createdPosition,
    recordedAt: row.recordedAt,
    updatedAt: event.recordedAt,
  };
}

/** A retractable row (claim, rebuttal, talent move). */
interface RetractableRow extends RowMeta {
  readonly citations: readonly Citation[];
  readonly retracted: boolean;
  readonly retractionReason: string | null;
}

/** `row` withdrawn by ENTRY_RETRACTED `event`: marked retracted with its reason, the retraction's citations merged in. */
export function retractedRow<Row extends RetractableRow>(row: Row, event: RecordedEvent<EntryRetracted>): Row {
  return {
    ...row,
    ...updatedRowMeta(row, event),
    citations: mergeCitations(row.citations, event.citations),
    retracted: true,
    retractionReason: event.data.reason,
  };
}

/** A projection was handed an event it cannot apply: a bug in the caller, never a user error. */
export class ProjectionError extends Error {
  constructor(projection: string, rowId: string | null, event: RecordedEvent) {
    super(
      `The ${projection} projection cannot apply ${event.type} (position ${event.position}, stream ${event.streamId}) ` +
        (rowId === null ? 'without an existing row' : `to the row "${rowId}"`),
    );
    this.name = 'ProjectionError';
  }
}

function citationKey(citation: Citation): string {
  return JSON.stringify([citation.sourceId, citation.quote, citation.locator, citation.role]);
}

/** `existing` then the citations of `added` not already present, exact duplicates removed. */
export function mergeCitations(existing: readonly Citation[], added: readonly Citation[]): Citation[] {
  const seen = new Set(existing.map(citationKey));
  const merged = [...existing];
  for (const citation of added) {
    const key = citationKey(citation);
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(copyCitation(citation));
  }
  return merged;
}

export function copyCitation(citation: Citation): Citation {
  return { sourceId: citation.sourceId, quote: citation.quote, locator: citation.locator, role: citation.role };
}
