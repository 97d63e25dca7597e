import type { EntityKind } from '@ledger/domain/ledger/entities';
import type { EventType } from '@ledger/domain/ledger/events';
import type { ProjectionName, ProjectionRows, ProjectionSummaries, SummarizedProjection } from '@ledger/domain/ledger/projections';
import type { Pool } from 'pg';
import { EVENT_COLUMNS, toStoredEvent, toStoredEventAsStored, type EventRecord, type StoredEvent } from './event-records';
import { partsColumn, PROJECTION_TABLES, rowFromStored, SUMMARY_COLUMNS } from './projection-tables';

export interface LedgerHeadState {
  readonly position: string;
  readonly hash: string | null;
  readonly recordedAt: string | null;
}

/** Row filters the read side needs; columns are whitelisted per projection. */
export interface RowFilter {
  readonly equals?: Readonly<Record<string, string>>;
  /** Array column contains the value (GIN-indexed party_ids, subject_ids). */
  readonly contains?: Readonly<Record<string, string>>;
  /** Case-insensitive substring of the `name` column. */
  readonly nameContains?: string;
}

/** A page of rows ordered by id: after `afterId`, at most `limit`, matching `filter`. */
export interface ListOptions {
  readonly afterId?: string | null;
  readonly limit: number;
  readonly filter?: RowFilter;
}

export interface EventQuery {
  readonly streamId?: string | null;
  readonly types?: readonly EventType[] | null;
  readonly entityId?: string | null;
  readonly afterPosition?: string | null;
  readonly recordedFrom?: Date | null;
  readonly recordedTo?: Date | null;
}

const FILTER_COLUMNS = new Set([
  'kind',
  'metric',
  'name',
  'party_ids',
  'subject_ids',
  'target_id',
  'root_claim_id',
  'person_id',
  'from_company_id',
  'to_company_id',
]);

/**
 * Keys with a position index of their own: a table of (key, valid_from, row id, valid_to) kept from
 * the projection table by triggers (see the deal_parties migration), read instead of the GIN index
 * on the array column, so that only the row versions visible at the position are fetched.
 */
const POSITION_INDEXED_KEYS: Readonly<Record<string, { readonly table: string; readonly key: string; readonly rowId: string }>> = {
  'deals.party_ids': { table: 'deal_parties', key: 'company_id', rowId: 'deal_id' },
};

/** SQL for "the row version visible at ledger position $at". */
/** A row version's list shape, or its whole doc (a superset) where the summary is NULL (written before projection version 4). */
const summaryOf = (projection: SummarizedProjection) => `coalesce(${SUMMARY_COLUMNS[projection]}, doc::json)`;

/** The largest position a Postgres bigint holds. */
export const MAX_POSITION = 9223372036854775807n;

const VISIBLE_AT = (parameter: string, alias = '') =>
  `${alias}valid_from <= ${parameter}::bigint AND (${alias}valid_to IS NULL OR ${alias}valid_to > ${parameter}::bigint)`;

/**
 * Reads projections and events as of a ledger position. Every read takes the position it is cut
 * at: the current state is the state at the head, so "now" and "as of" are one code path.
 */
export class LedgerReader {
  /**
   * Every read goes through `pool` (pg, the pool Prisma's adapter uses), not Prisma's raw queries.
   * Projection rows first: through Prisma's raw-query mapping a company's hundreds of deal docs were
   * walked and copied again after pg had parsed them (about a third of such a request's CPU, most of
   * it garbage collection). Then the rest: each $queryRaw cost about 0.75 ms of CPU in Prisma's
   * client, and an asOf read made two (the head, the position's instant), 1.5 ms of a company read as
   * of the head at 1,000,000 events, more than its SQL.
   */
  constructor(private readonly pool: Pool) {}

  async head(): Promise<LedgerHeadState> {
    const { rows } = await this.pool.query<{ position: string; hash: string | null; recorded_at: Date | null }>(
      'SELECT position, hash, recorded_at FROM ledger_head WHERE id = 1',
    );
    const head = rows[0];
    return {
      position: head?.position ?? '0',
      hash: head?.hash ?? null,
      recordedAt: head?.recorded_at ? head.recorded_at.toISOString() : null,
    };
  }

  /** The last position recorded at or before `instant` ("0" when none). */
  async positionAt(instant: Date): Promise<string> {
    const { rows } = await this.pool.query<{ position: string | null }>(
      'SELECT max(position) AS position FROM events WHERE recorded_at <= $1::timestamptz',
      [instant.toISOString()],
    );
    return rows[0]?.position ?? '0';
  }

  /**
   * The head and the instant of the event at `position` (null for none, e.g. position 0 or one
   * after the head), read in one statement: an asOf read at a position needs both, and this saves
   * it a round trip.
   */
  async headAndInstantOf(position: string): Promise<{ head: string; recordedAt: string | null }> {
    // A position beyond bigint's range names no event (and must not reach the ::bigint cast).
    const asBigint = BigInt(position) <= MAX_POSITION ? position : null;
    const { rows } = await this.pool.query<{ head: string; recorded_at: Date | null }>(
      `SELECT (SELECT position FROM ledger_head WHERE id = 1) AS head,
              (SELECT recorded_at FROM events WHERE position = $1::bigint) AS recorded_at`,
      [asBigint],
    );
    const row = rows[0];
    return { head: row?.head ?? '0', recordedAt: row?.recorded_at ? row.recorded_at.toISOString() : null };
  }

  async recordedAtOf(position: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ recorded_at: Date }>('SELECT recorded_at FROM events WHERE position = $1::bigint', [position]);
    return rows[0] ? rows[0].recorded_at.toISOString() : null;
  }

  /** Rows by id as of `at`. */
  async rowsById<P extends ProjectionName>(projection: P, ids: readonly string[], at: string): Promise<Map<string, ProjectionRows[P]>> {
    const result = new Map<string, ProjectionRows[P]>();
    if (ids.length === 0) return result;
    const table = PROJECTION_TABLES[projection].table;
    const { rows } = await this.pool.query<{ id: string; doc: object; parts?: unknown }>(
      `SELECT id, doc${partsColumn(projection, table)} FROM ${table} WHERE id = ANY($1::text[]) AND ${VISIBLE_AT('$2')}`,
      [[...new Set(ids)], at],
    );
    for (const row of rows) result.set(row.id, rowFromStored(projection, row.doc, row.parts));
    return result;
  }

  /** Rows as of `at`, ordered by id, after `afterId`, at most `limit`. */
  async listRows<P extends ProjectionName>(projection: P, at: string, options: ListOptions): Promise<ProjectionRows[P][]> {
    const table = PROJECTION_TABLES[projection].table;
    const rows = await this.listDocs<object>(table, `doc${partsColumn(projection, table)}`, at, options);
    return rows.map((row) => rowFromStored(projection, row.doc, row.parts));
  }

  /** Like listRows, each row's list shape (see summariesByKeys). */
  async listSummaries<P extends SummarizedProjection>(projection: P, at: string, options: ListOptions): Promise<ProjectionSummaries[P][]> {
    const rows = await this.listDocs<ProjectionSummaries[P]>(PROJECTION_TABLES[projection].table, `${summaryOf(projection)} AS doc`, at, options);
    return rows.map((row) => row.doc);
  }

  /** `selection` names the doc `doc` (and any parts `parts`: see partsColumn). */
  private async listDocs<Doc>(table: string, selection: string, at: string, options: ListOptions): Promise<{ doc: Doc; parts?: unknown }[]> {
    const parameters: unknown[] = [at];
    const conditions = [VISIBLE_AT('$1')];
    const add = (value: unknown) => {
      parameters.push(value);
      return `$${parameters.length}`;
    };
    if (options.afterId) conditions.push(`id > ${add(options.afterId)}`);
    for (const [column, value] of Object.entries(options.filter?.equals ?? {})) {
      conditions.push(`${checkedColumn(column)} = ${add(value)}`);
    }
    for (const [column, value] of Object.entries(options.filter?.contains ?? {})) {
      conditions.push(`${checkedColumn(column)} @> ARRAY[${add(value)}::text]`);
    }
    if (options.filter?.nameContains) {
      conditions.push(`name ILIKE ${add(`%${escapeLike(options.filter.nameContains)}%`)}`);
    }
    const sql = `SELECT ${selection} FROM ${table} WHERE ${conditions.join(' AND ')} ORDER BY id LIMIT ${add(options.limit)}`;
    const { rows } = await this.pool.query<{ doc: Doc; parts?: unknown }>(sql, parameters);
    return rows;
  }

  /** Rows whose `column` (text or text[]) holds one of `keys`, as of `at`, grouped by key. */
  async rowsByKeys<P extends ProjectionName>(projection: P, column: string, keys: readonly string[], at: string): Promise<Map<string, ProjectionRows[P][]>> {
    const table = PROJECTION_TABLES[projection].table;
    const grouped = await this.docsByKeys<object>(table, `doc${partsColumn(projection, table)}`, column, keys, at);
    return new Map([...grouped].map(([key, rows]) => [key, rows.map((row) => rowFromStored(projection, row.doc, row.parts))]));
  }

  /**
   * Like rowsByKeys, but each row's list shape (ProjectionSummaries): a fraction of the JSON to
   * read and parse, sent as stored (a json column). Versions whose summary is NULL (written before
   * projection version 4, until the start-up rebuild fills them) fall back to the whole doc, which
   * holds every field of the summary.
   */
  async summariesByKeys<P extends SummarizedProjection>(
    projection: P,
    column: string,
    keys: readonly string[],
    at: string,
  ): Promise<Map<string, ProjectionSummaries[P][]>> {
    const grouped = await this.docsByKeys<ProjectionSummaries[P]>(PROJECTION_TABLES[projection].table, `${summaryOf(projection)} AS doc`, column, keys, at);
    return new Map([...grouped].map(([key, rows]) => [key, rows.map((row) => row.doc)]));
  }

  /** `selection` as in listDocs. */
  private async docsByKeys<Doc>(
    table: string,
    selection: string,
    column: string,
    keys: readonly string[],
    at: string,
  ): Promise<Map<string, { doc: Doc; parts?: unknown }[]>> {
    const grouped = new Map<string, { doc: Doc; parts?: unknown }[]>(keys.map((key) => [key, []]));
    if (keys.length === 0) return grouped;
    const name = checkedColumn(column);
    const link = POSITION_INDEXED_KEYS[`${table}.${name}`];
    const isArray = name.endsWith('_ids');
    const match = isArray ? `${name} && $1::text[]` : `${name} = ANY($1::text[])`;
    const keyOf = isArray ? `unnest(${name})` : name;
    const text = link
      ? `SELECT link.${link.key} AS key, ${selection} FROM ${link.table} AS link
           JOIN ${table} ON ${table}.id = link.${link.rowId} AND ${table}.valid_from = link.valid_from
         WHERE link.${link.key} = ANY($1::text[]) AND ${VISIBLE_AT('$2', 'link.')}
         ORDER BY ${table}.id`
      : `SELECT matched.* FROM (SELECT ${keyOf} AS key, ${selection}, id FROM ${table}
           WHERE ${match} AND ${VISIBLE_AT('$2')}) AS matched
         WHERE key = ANY($1::text[]) ORDER BY id`;
    const { rows } = await this.pool.query<{ key: string; doc: Doc; parts?: unknown }>(text, [[...new Set(keys)], at]);
    for (const row of rows) grouped.get(row.key)?.push(row);
    return grouped;
  }

  /** Kinds of entities that existed at `at` (for node(id)). */
  async kindsOf(ids: readonly string[], at: string): Promise<Map<string, EntityKind>> {
    const { rows } = await this.pool.query<{ id: string; kind: EntityKind }>(
      'SELECT id, kind FROM streams WHERE id = ANY($1::text[]) AND created_position > 0 AND created_position <= $2::bigint',
      [[...new Set(ids)], at],
    );
    return new Map(rows.map((row) => [row.id, row.kind]));
  }

  async eventsByIds(ids: readonly string[], at: string): Promise<Map<string, StoredEvent>> {
    const uuids = ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
    if (uuids.length === 0) return new Map();
    const { rows } = await this.pool.query<EventRecord>(`SELECT ${EVENT_COLUMNS} FROM events WHERE id = ANY($1::uuid[]) AND position <= $2::bigint`, [uuids, at]);
    return new Map(rows.map((row) => [row.id, toStoredEvent(row)]));
  }

  /** Events of the given streams, or mentioning the given entities, as of `at`, in ledger order. */
  async eventsGroupedBy(
    key: 'stream' | 'mention',
    ids: readonly string[],
    at: string,
  ): Promise<Map<string, StoredEvent[]>> {
    const grouped = new Map<string, StoredEvent[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return grouped;
    const unique = [...new Set(ids)];
    const { rows } = await this.pool.query<EventRecord & { key: string }>(
      key === 'stream'
        ? `SELECT stream_id AS key, ${EVENT_COLUMNS} FROM events
            WHERE stream_id = ANY($1::text[]) AND position <= $2::bigint ORDER BY position`
        : `SELECT mention AS key, ${EVENT_COLUMNS} FROM events, unnest(entity_ids) AS mention
            WHERE entity_ids && $1::text[] AND mention = ANY($1::text[]) AND position <= $2::bigint
            ORDER BY position`,
      [unique, at],
    );
    for (const row of rows) grouped.get(row.key)?.push(toStoredEvent(row));
    return grouped;
  }

  /** A page of events as of `at`, in position order. */
  async events(query: EventQuery, at: string, afterPosition: string | null, limit: number): Promise<StoredEvent[]> {
    const parameters: unknown[] = [at];
    const conditions = ['position <= $1::bigint'];
    const add = (value: unknown) => {
      parameters.push(value);
      return `$${parameters.length}`;
    };
    if (query.streamId) conditions.push(`stream_id = ${add(query.streamId)}`);
    if (query.types && query.types.length > 0) conditions.push(`type = ANY(${add([...query.types])}::text[])`);
    if (query.entityId) conditions.push(`entity_ids @> ARRAY[${add(query.entityId)}::text]`);
    if (query.afterPosition) conditions.push(`position > ${add(query.afterPosition)}::bigint`);
    if (afterPosition) conditions.push(`position > ${add(afterPosition)}::bigint`);
    if (query.recordedFrom) conditions.push(`recorded_at >= ${add(query.recordedFrom.toISOString())}::timestamptz`);
    if (query.recordedTo) conditions.push(`recorded_at <= ${add(query.recordedTo.toISOString())}::timestamptz`);
    const { rows } = await this.pool.query<EventRecord>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE ${conditions.join(' AND ')} ORDER BY position LIMIT ${add(limit)}`,
      parameters,
    );
    return rows.map(toStoredEvent);
  }

  /**
   * Stored events with their hashes, from `fromPosition` to `toPosition` inclusive, in batches,
   * exactly as stored (bodies not upcast): the form the hash chain covers.
   */
  async *storedEvents(fromPosition: string, toPosition: string, batchSize = 2000): AsyncGenerator<StoredEvent[]> {
    let after = (BigInt(fromPosition) - 1n).toString();
    for (;;) {
      const { rows } = await this.pool.query<EventRecord>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position > $1::bigint AND position <= $2::bigint ORDER BY position LIMIT $3`,
        [after, toPosition, batchSize],
      );
      if (rows.length === 0) return;
      yield rows.map(toStoredEventAsStored);
      after = rows[rows.length - 1]!.position.toString();
    }
  }
}

function checkedColumn(column: string): string {
  if (!FILTER_COLUMNS.has(column)) throw new Error(`Unknown filter column ${column}`);
  return column;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (match) => `\\${match}`);
}
