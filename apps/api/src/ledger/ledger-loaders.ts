import DataLoader from 'dataloader';
import type { ProjectionName, ProjectionRows, ProjectionSummaries, SummarizedProjection } from '@ledger/domain/ledger/projections';
import type { LedgerReader, StoredEvent } from '@ledger/event-store';

/**
 * Per-request batching: every nested list or reference is loaded through a DataLoader keyed by the
 * ledger position the read is cut at, so a page of 50 companies with their deals costs a bounded
 * number of SQL statements, and a view at one position never mixes with another.
 */
export class LedgerLoaders {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();

  constructor(private readonly reader: LedgerReader) {}

  row<P extends ProjectionName>(projection: P, id: string, at: string): Promise<ProjectionRows[P] | null> {
    return this.rowLoader(projection, at).load(id) as Promise<ProjectionRows[P] | null>;
  }

  private rowLoader(projection: ProjectionName, at: string): DataLoader<string, unknown> {
    return this.loader(`row:${projection}:${at}`, async (ids) => {
      const rows = await this.reader.rowsById(projection, ids, at);
      return ids.map((id) => rows.get(id) ?? null);
    });
  }

  /** Seeds the request's cache with a row known to be the one at `at` (a mutation's own result). */
  primeRow<P extends ProjectionName>(projection: P, id: string, at: string, row: ProjectionRows[P]): void {
    this.rowLoader(projection, at).prime(id, row);
  }

  rowsBy<P extends ProjectionName>(projection: P, column: string, key: string, at: string): Promise<ProjectionRows[P][]> {
    const loader = this.loader(`rows:${projection}:${column}:${at}`, async (keys) => {
      const grouped = await this.reader.rowsByKeys(projection, column, keys, at);
      return keys.map((key) => grouped.get(key) ?? []);
    });
    return loader.load(key) as Promise<ProjectionRows[P][]>;
  }

  /** Like rowsBy, each row's list shape (see LedgerReader.summariesByKeys). */
  summariesBy<P extends SummarizedProjection>(projection: P, column: string, key: string, at: string): Promise<ProjectionSummaries[P][]> {
    const loader = this.loader(`summaries:${projection}:${column}:${at}`, async (keys) => {
      const grouped = await this.reader.summariesByKeys(projection, column, keys, at);
      return keys.map((key) => grouped.get(key) ?? []);
    });
    return loader.load(key) as Promise<ProjectionSummaries[P][]>;
  }

  event(id: string, at: string): Promise<StoredEvent | null> {
    const loader = this.loader(`event:${at}`, async (ids) => {
      const events = await this.reader.eventsByIds(ids, at);
      return ids.map((id) => events.get(id) ?? null);
    });
    return loader.load(id) as Promise<StoredEvent | null>;
  }

  /** The events of one stream (`stream`) or every event that mentions an entity (`mention`), in ledger order. */
  events(key: 'stream' | 'mention', id: string, at: string): Promise<StoredEvent[]> {
    const loader = this.loader(`events:${key}:${at}`, async (ids) => {
      const grouped = await this.reader.eventsGroupedBy(key, ids, at);
      return ids.map((id) => grouped.get(id) ?? []);
    });
    return loader.load(id) as Promise<StoredEvent[]>;
  }

  private loader(name: string, batch: (keys: readonly string[]) => Promise<unknown[]>): DataLoader<string, unknown> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<string, unknown>(batch, { maxBatchSize: 500 });
      this.loaders.set(name, loader);
    }
    return loader;
  }
}
