import type { RecordedEvent } from '../ledger/events';
import { createdRow, ProjectionError } from '../ledger/row-meta';
import type { SourceRow } from './read-model';

/** Sources are registered once and never change. */
export function evolveSource(row: SourceRow | null, event: RecordedEvent): SourceRow {
  if (event.type !== 'SOURCE_REGISTERED' || row !== null) throw new ProjectionError('sources', row?.id ?? null, event);
  const { data } = event;
  return createdRow(data.sourceId, event, {
    url: data.url,
    title: data.title,
    publisher: data.publisher,
    author: data.author,
    kind: data.kind,
    publishedOn: data.publishedOn,
  });
}
