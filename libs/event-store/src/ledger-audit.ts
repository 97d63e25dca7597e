import { Client, type ClientBase, type Pool, type PoolClient, type QueryArrayResult, type QueryResult } from 'pg';
import { evolveRow, rowsTouchedBy, type ProjectionName } from '@ledger/domain/ledger/projections';
import { RAW, RAW_EVENT_COLUMNS, type RawEventRow } from './chain-check';
import { defaultWorkerCount, inThreadChecker, workerChecker, type ContentChecker } from './chain-checkers';
import type { LedgerReader } from './ledger-reader';
import { inTransaction } from './database/sql';
import { CopyBatch, copyInto, CopyLines, copyRowVersion, copyRowVersions, copyText, rowOfCopyVersion, type CopyRowVersion } from './projection-copy';
import { DERIVED_TABLES, PART_TABLES, partsOf, PROJECTION_LOCK, PROJECTION_NAMES, PROJECTION_TABLES, projectionColumns } from './projection-tables';
import { toRecordedEvent, type EventRecord } from './event-records';

export interface Verification {
  readonly ok: boolean;
  readonly checkedEvents: number;
  readonly firstBadPosition: string | null;
  readonly message: string | null;
}

export interface RebuildReport {
  readonly events: number;
  readonly rows: number;
  readonly seconds: number;
}

export interface LedgerAuditOptions {
  /** Worker threads that recompute hashes for a long verification (default: one per core, at most 4; 0: none). */
  readonly verifyWorkers?: number;
  /** Shortest range (in events) verified with worker threads (default 20,000): starting them costs a few tens of ms. */
  readonly verifyWorkerThreshold?: number;
  /** Events per page read by verify and rebuild (default 5,000). */
  readonly pageSize?: number;
}

/** Row versions per COPY of a rebuild, at most (and at most about this many bytes). */
const COPY_BATCH_ROWS = 2_000;
const COPY_BATCH_BYTES = 2 * 1024 * 1024;
/** Bytes of COPY data queued behind the one being written before the replay waits for them. */
const COPY_AHEAD_BYTES = 16 * 1024 * 1024;
/** Events replayed between two turns of the event loop. */
const REPLAY_SLICE = 250;
const DEFAULT_PAGE_SIZE = 5_000;
const DEFAULT_WORKER_THRESHOLD = 20_000;

/** Every column as the text PostgreSQL sent: verify parses (and hashes) where it hashes. */
const TEXT_COLUMNS = { getTypeParser: () => (text: string) => text };

/** The events columns a replay needs (no hashes), the world date as text like EVENT_COLUMNS. */
const REPLAY_COLUMNS =
  'position, id, stream_id, version, type, schema_version, data, citations, occurred_on::text AS occurred_on, recorded_at, recorded_by';

/**
 * The shape of the projection rows this code writes. Bump it whenever a read model changes (a new
 * field in a row's doc, a new typed column): the next start finds an older version in
 * projection_state and rebuilds every projection from the events.
 */
export const PROJECTION_VERSION = 5;

/**
 * Auditing: recompute the hash chain; rebuild the projections from the events alone. Both talk to
 * pg directly (a statement inside a Prisma interactive transaction costs about four times a pg one,
 * see EventStore), verify on a connection of the pool, rebuild on one of the pool and one of its
 * own, and read the events in pages, the next page fetched while the current one is processed.
 */
export class LedgerAudit {
  private readonly verifyWorkers: number;
  private readonly verifyWorkerThreshold: number;
  private readonly pageSize: number;

  constructor(
    private readonly pool: Pool,
    private readonly reader: LedgerReader,
    options: LedgerAuditOptions = {},
  ) {
    this.verifyWorkers = options.verifyWorkers ?? defaultWorkerCount();
    this.verifyWorkerThreshold = options.verifyWorkerThreshold ?? DEFAULT_WORKER_THRESHOLD;
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  }

  /**
   * Recomputes every hash from `fromPosition` to `toPosition` (default: the whole ledger) and checks
   * the links, the density of positions and, for a check up to the head, the head's hash.
   * Hashes cover the event as stored (schema_version 1 bodies are read unchanged).
   *
   * Positions and links are checked here, in order, as pages arrive; the hashes of a page are
   * recomputed (from each row's stored previous_hash, which the link check compares with the row
   * before) in worker threads for a long range, and the outcomes are taken page by page in order,
   * so the first bad position is the same as a sequential check's.
   */
  async verify(fromPosition: string | null = null, toPosition: string | null = null): Promise<Verification> {
    const head = await this.reader.head();
    const from = fromPosition ?? '1';
    const to = toPosition ?? head.position;
    if (BigInt(from) < 1n || BigInt(to) > BigInt(head.position) || BigInt(from) > BigInt(to)) {
      if (head.position === '0' && fromPosition === null && toPosition === null) {
        return { ok: true, checkedEvents: 0, firstBadPosition: null, message: 'The ledger is empty' };
      }
      return {
        ok: false,
        checkedEvents: 0,
        firstBadPosition: null,
        message: `The range ${from}..${to} is not within the ledger (head ${head.position})`,
      };
    }
    const events = BigInt(to) - BigInt(from) + 1n;
    const client = await this.pool.connect();
    const checker =
      this.verifyWorkers > 0 && events >= BigInt(this.verifyWorkerThreshold) ? workerChecker(this.verifyWorkers) : inThreadChecker();
    try {
      const verification = await this.verifyRange(client, checker, BigInt(from), BigInt(to));
      if (verification.ok && toPosition === null && verification.lastHash !== head.hash) {
        return { ok: false, checkedEvents: verification.checkedEvents, firstBadPosition: head.position, message: 'The ledger head does not carry the hash of the last event' };
      }
      const { lastHash: _lastHash, ...result } = verification;
      return result;
    } finally {
      client.release();
      await checker.close();
    }
  }

  private async verifyRange(
    client: PoolClient,
    checker: ContentChecker,
    from: bigint,
    to: bigint,
  ): Promise<Verification & { readonly lastHash: string | null }> {
    let previousHash: string | null = null;
    if (from > 1n) {
      const rows = await client.query<{ hash: string }>('SELECT hash FROM events WHERE position = $1::bigint', [(from - 1n).toString()]);
      previousHash = rows.rows[0]?.hash ?? null;
    }
    let checked = 0;
    const bad = (position: string, message: string, checkedEvents: number) => ({
      ok: false,
      checkedEvents,
      firstBadPosition: position,
      message,
      lastHash: null,
    });
    interface Page {
      readonly rows: readonly RawEventRow[];
      readonly altered: Promise<number>;
      /** The position or link failure that ended the page early, if any. */
      readonly stop: { readonly position: string; readonly message: string } | null;
    }
    const pages: Page[] = [];
    /** Takes the oldest page's hash outcome: a failure in its rows comes before the page's own stop. */
    const settle = async (): Promise<(Verification & { lastHash: null }) | null> => {
      const page = pages.shift()!;
      const index = await page.altered;
      if (index >= 0) {
        const position = page.rows[index]![RAW.POSITION]!;
        return bad(position, `Event ${position} was altered: its content does not match its hash`, checked + index);
      }
      checked += page.rows.length;
      return page.stop ? bad(page.stop.position, page.stop.message, checked) : null;
    };
    let expected = from;
    const pagesOfEvents = eventPages<RawEventRow>(client, { columns: RAW_EVENT_COLUMNS, asTextArrays: true }, from - 1n, to, this.pageSize);
    for await (const rows of pagesOfEvents) {
      if (rows.length === 0) continue;
      let stop: Page['stop'] = null;
      let passed = 0;
      for (const row of rows) {
        const position = row[RAW.POSITION]!;
        if (position !== expected.toString()) {
          stop = { position: expected.toString(), message: `Position ${expected} is missing` };
          break;
        }
        if (row[RAW.PREVIOUS_HASH] !== previousHash) {
          stop = { position, message: `Event ${position} does not link to the hash of event ${expected - 1n}` };
          break;
        }
        previousHash = row[RAW.HASH] ?? null;
        expected += 1n;
        passed += 1;
      }
      const hashed = passed === rows.length ? rows : rows.slice(0, passed);
      const altered = hashed.length === 0 ? Promise.resolve(-1) : checker.firstAltered(hashed);
      altered.catch(() => undefined); // awaited in order by settle(); never unhandled meanwhile
      pages.push({ rows: hashed, altered, stop });
      if (stop) break;
      while (pages.length > 2 * this.verifyWorkers + 1) {
        const failed = await settle();
        if (failed) return failed;
      }
    }
    while (pages.length > 0) {
      const failed = await settle();
      if (failed) return failed;
    }
    if (expected !== to + 1n) return bad(expected.toString(), `Position ${expected} is missing`, checked);
    return { ok: true, checkedEvents: checked, firstBadPosition: null, message: null, lastHash: previousHash };
  }

  /**
   * Replays every event into fresh projection tables, in one transaction holding the head lock
   * (appends wait). The rows it writes must equal the inline projections exactly.
   *
   * Events are read in pages on a second connection (they are immutable and the head is locked, so
   * it sees exactly the events up to the locked head), the next page fetched while the current one
   * is replayed. That connection is a pg Client of its own, made from the pool's settings and closed
   * at the end, not a second one from the pool: with a pool of one connection, or of two in the API
   * and the CLI (whose event stream holds one for its LISTEN), the rebuild waited forever for it. So a
   * rebuild uses one connection more than the pool's maximum while it runs.
   *
   * Only the current version of each entity stays in memory, as its COPY line (UTF-8
   * bytes keep the garbage collector's work small); each event's row is parsed back from the doc
   * in it, as the inline projection reads it back from its table. Versions go out in COPYs (see
   * projection-copy.ts), one at a time on the transaction's connection while the replay goes on.
   */
  async rebuild(): Promise<RebuildReport> {
    const started = process.hrtime.bigint();
    let events = 0;
    let rows = 0;
    // The events' connection is opened before any lock, so the rebuild never waits for it while holding one.
    const eventsClient = await this.eventsConnection();
    try {
      await inTransaction(this.pool, async (tx) => {
        // Waits for appends in flight and holds new ones back (see PROJECTION_LOCK), then the head.
        await tx.query('SELECT pg_advisory_xact_lock($1::int, $2::int)::text', [PROJECTION_LOCK.classId, PROJECTION_LOCK.objectId]);
        const head = await tx.query<{ position: string }>('SELECT position FROM ledger_head WHERE id = 1 FOR UPDATE');
        const headPosition = head.rows[0]?.position ?? '0';
        // (A derived table is emptied by its source table's TRUNCATE trigger.)
        const tables = [...PROJECTION_NAMES.map((name) => PROJECTION_TABLES[name].table), ...PART_TABLES.map((part) => part.table)];
        await tx.query(`TRUNCATE ${tables.join(', ')}`);
        for (const derived of DERIVED_TABLES) await tx.query(`ALTER TABLE ${derived.from} DISABLE TRIGGER ${derived.insertTrigger}`);
        const indexes = await dropIndexes(tx, [...tables, ...DERIVED_TABLES.map((derived) => derived.table)]);
        // Memory for building them again (sorts, GIN's accumulator), for this transaction only.
        await tx.query(`SET LOCAL maintenance_work_mem = '256MB'`);
        // Each entity's current version as its COPY line in UTF-8, outside the JavaScript heap: a
        // million entities' docs held as strings were promoted and copied by the garbage collector,
        // a third of the replay's time. A superseded version goes out with the position that
        // superseded it as its valid_to, the current ones at the end with none.
        const current = new Map<string, CopyRowVersion>();
        const pending = new Map<ProjectionName, CopyBatch>(PROJECTION_NAMES.map((name) => [name, new CopyBatch()]));
        // What each version adds to the one before, for projections with a parts table (ProjectionParts): a line per version.
        const pendingParts = new Map(PART_TABLES.map((part) => [part.projection, new CopyLines()]));
        // COPYs run one after another on the transaction's connection while the replay goes on; the
        // replay waits only when more than COPY_AHEAD_BYTES are queued, and gives the event loop a
        // turn after each slice of events so that the socket keeps PostgreSQL fed.
        let writing: Promise<unknown> = Promise.resolve();
        let queuedBytes = 0;
        let writeFailure: unknown = null;
        const queueCopy = async (bytes: number, write: () => Promise<void>) => {
          queuedBytes += bytes;
          writing = writing.then(async () => {
            await write();
            queuedBytes -= bytes;
          });
          writing.catch((error: unknown) => {
            writeFailure ??= error; // ends the replay at its next slice; awaited below
          });
          if (queuedBytes > COPY_AHEAD_BYTES) await writing;
        };
        const isFull = (batch: { rows: number; bytes: number }) => batch.rows >= COPY_BATCH_ROWS || batch.bytes >= COPY_BATCH_BYTES;
        const flush = async (projection: ProjectionName, force: boolean) => {
          const batch = pending.get(projection)!;
          if (batch.rows === 0 || (!force && !isFull(batch))) return;
          pending.set(projection, new CopyBatch());
          rows += batch.rows;
          await queueCopy(batch.bytes, () => copyRowVersions(tx, projection, batch));
        };
        const flushParts = async (force: boolean) => {
          for (const part of PART_TABLES) {
            const batch = pendingParts.get(part.projection)!;
            if (batch.rows === 0 || (!force && !isFull(batch))) continue;
            pendingParts.set(part.projection, new CopyLines());
            await queueCopy(batch.bytes, () => copyInto(tx, part.table, part.columns.map(([name]) => name).join(', '), batch.data()));
          }
        };
        try {
          for await (const records of eventPages<EventRecord>(eventsClient, { columns: REPLAY_COLUMNS }, 0n, BigInt(headPosition), this.pageSize)) {
            for (let index = 0; index < records.length; index += 1) {
              const event = toRecordedEvent(records[index]!);
              for (const touch of rowsTouchedBy(event)) {
                const key = `${touch.projection}\u0000${touch.id}`;
                const previous = current.get(key);
                const row = previous ? rowOfCopyVersion(previous) : null;
                if (previous) pending.get(touch.projection)!.add(previous, event.position);
                const next = evolveRow(touch.projection, row, event);
                const parts = partsOf(touch.projection);
                if (parts) {
                  const added = parts.added(row, next);
                  pendingParts.get(touch.projection)!.add([copyText(touch.id), event.position, copyText(JSON.stringify(added))]);
                }
                current.set(key, copyRowVersion(touch.projection, next, event.position));
              }
              events += 1;
              if (events % REPLAY_SLICE === 0) {
                if (writeFailure) throw writeFailure;
                for (const projection of PROJECTION_NAMES) await flush(projection, false);
                await flushParts(false);
                await new Promise<void>((resolve) => setImmediate(resolve));
              }
            }
          }
        } finally {
          await writing.catch(() => undefined);
        }
        for (const [key, version] of current) {
          const projection = key.slice(0, key.indexOf('\u0000')) as ProjectionName;
          pending.get(projection)!.add(version, null);
          await flush(projection, false);
        }
        current.clear();
        for (const projection of PROJECTION_NAMES) await flush(projection, true);
        await flushParts(true);
        await writing;
        await restoreIndexes(tx, indexes.filter((index) => !DERIVED_TABLES.some((derived) => derived.table === index.table)));
        for (const derived of DERIVED_TABLES) {
          await tx.query(`SELECT ${derived.refill}()`);
          await restoreIndexes(tx, indexes.filter((index) => index.table === derived.table));
          await tx.query(`ALTER TABLE ${derived.from} ENABLE TRIGGER ${derived.insertTrigger}`);
        }
        await tx.query('UPDATE projection_state SET version = $1, rebuilt_at = now() WHERE id = 1', [PROJECTION_VERSION]);
      });
    } finally {
      await eventsClient.end().catch(() => undefined);
    }
    await this.refreshStatistics();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { events, rows, seconds };
  }

  /** A connected pg Client with the pool's own settings (URL, session options, application_name), outside the pool. */
  private async eventsConnection(): Promise<Client> {
    // pg-pool keeps `password` as a non-enumerable property of its options (so that it is not logged): copied by name.
    const client = new Client({ ...this.pool.options, password: this.pool.options.password, pipeline: false });
    // As the pool does for its clients: a dropped connection must not crash the process (the query fails instead).
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  }

  /**
   * After a rebuild every projection table is new to the planner: its statistics describe the
   * truncated table and no page is marked all-visible, until autovacuum comes by. Measured on a
   * million events right after a rebuild: a company's deals were read through a bitmap heap scan of
   * deal_parties (2,715 heap pages for 5,545 deals, 96 ms) instead of its index-only scan. So the
   * tables are analysed (about 0.4 s each at that size) and the narrow link tables vacuumed (their
   * reads are index-only scans, which need the visibility map; 0.2 s), outside the transaction, as
   * VACUUM must be. The big tables' own vacuum is left to autovacuum.
   *
   * A bulk import (`events`: also the events and streams tables) leaves the same state behind when
   * autovacuum lags or is off: on 1,000,000 imported events (PostgreSQL 15, autovacuum off)
   * deal_parties still had the statistics of an empty table, and a company's deals were read with a
   * parallel bitmap heap scan whose workers alone took 5–7 ms (a company read as of the head: p50 20
   * against 13 ms after ANALYZE and VACUUM).
   */
  async refreshStatistics(options: { readonly events?: boolean } = {}): Promise<void> {
    for (const derived of DERIVED_TABLES) await this.pool.query(`VACUUM (ANALYZE) ${derived.table}`);
    for (const projection of PROJECTION_NAMES) await this.pool.query(`ANALYZE ${PROJECTION_TABLES[projection].table}`);
    for (const part of PART_TABLES) await this.pool.query(`ANALYZE ${part.table}`);
    if (options.events) for (const table of ['events', 'streams']) await this.pool.query(`ANALYZE ${table}`);
  }

  /** Rebuilds the projections when they were written by another PROJECTION_VERSION; null when current. */
  async ensureProjectionsCurrent(): Promise<(RebuildReport & { fromVersion: number }) | null> {
    const rows = await this.pool.query<{ version: number }>('SELECT version FROM projection_state WHERE id = 1');
    const fromVersion = rows.rows[0]?.version ?? 0;
    if (fromVersion === PROJECTION_VERSION) return null;
    return { ...(await this.rebuild()), fromVersion };
  }

  /**
   * md5 over the md5 of every row of each projection table, in key order: equal checksums, equal
   * tables. Hashing rows first keeps the aggregate at 32 bytes a row (a million rows stay far below
   * PostgreSQL's 1 GB string limit). A json column (kept as the text it was given) is compared as
   * jsonb: the same document written by the append path (through jsonb_to_recordset, jsonb's
   * spacing and key order) and by a rebuild (COPY, JSON.stringify's) is the same value.
   */
  async projectionChecksums(): Promise<Record<string, string>> {
    const tables = [
      ...PROJECTION_NAMES.map((projection) => ({ name: projection, table: PROJECTION_TABLES[projection].table, key: ['id', 'valid_from'], columns: projectionColumns(projection) })),
      ...PART_TABLES.map((part) => ({ name: part.table, table: part.table, key: part.key, columns: part.columns })),
    ];
    const checksums = new Map<string, string>();
    // One table per connection, as many at once as the machine has cores (each is one backend's
    // sequential scan, hash and sort): on 200,000 events (PostgreSQL 15, 2 cores) the eight took
    // 7.4-8.6 s one after another and 4.4-4.9 s two at a time.
    const queue = [...tables];
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const fields = next.columns.map(([column, type]) => (type === 'json' ? `t.${column}::jsonb` : `t.${column}`)).join(', ');
        const order = next.key.map((column) => `t.${column}`).join(', ');
        const rows = await this.pool
          .query<{ checksum: string | null; count: string }>(
            `SELECT md5(coalesce(string_agg(md5(row(${fields})::text), '' ORDER BY ${order}), '')) AS checksum, count(*) AS count FROM ${next.table} AS t`,
          )
          .catch((error: unknown) => {
            queue.length = 0; // the other connections stop after their current table
            throw error;
          });
        checksums.set(next.name, `${rows.rows[0]?.count ?? '0'}:${rows.rows[0]?.checksum ?? ''}`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(defaultWorkerCount(), tables.length) }, worker));
    return Object.fromEntries(tables.map(({ name }) => [name, checksums.get(name)!]));
  }
}

/** An index (or primary key) of a table a rebuild refills, as dropIndexes found it. */
interface TableIndex {
  readonly table: string;
  /** The constraint's name (a primary key or unique constraint), null for a plain index. */
  readonly constraint: string | null;
  readonly name: string;
  /** CREATE INDEX … for an index, PRIMARY KEY (…) or UNIQUE (…) for a constraint. */
  readonly definition: string;
}

/**
 * Drops the indexes and primary keys of `tables` (just truncated, in the rebuild's transaction, which
 * already holds them exclusively) so that their rows are loaded without maintaining an index row by
 * row, and returns them for restoreIndexes, which builds each once, sorted, when the rows are in.
 * Measured on the rebuttals of a 200,000-event ledger (66,135 rows, a primary key and three more
 * indexes, PostgreSQL 15): inserting into the indexed table took 852 ms, into the bare one 212 ms and
 * building the four indexes 385 ms. The definitions come from the catalog, so they are exactly the
 * migrations' (a failed rebuild rolls back and leaves the indexes as they were).
 */
async function dropIndexes(tx: PoolClient, tables: readonly string[]): Promise<TableIndex[]> {
  const { rows } = await tx.query<TableIndex>(
    `SELECT i.indrelid::regclass::text AS table, c.conname AS constraint, i.indexrelid::regclass::text AS name,
            CASE WHEN c.conname IS NULL THEN pg_get_indexdef(i.indexrelid) ELSE pg_get_constraintdef(c.oid) END AS definition
       FROM pg_index AS i LEFT JOIN pg_constraint AS c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u')
      WHERE i.indrelid = ANY($1::regclass[])
      ORDER BY i.indrelid::regclass::text, c.conname NULLS LAST, i.indexrelid::regclass::text`,
    [tables],
  );
  for (const index of rows) {
    await tx.query(index.constraint ? `ALTER TABLE ${index.table} DROP CONSTRAINT ${index.constraint}` : `DROP INDEX ${index.name}`);
  }
  return rows;
}

async function restoreIndexes(tx: PoolClient, indexes: readonly TableIndex[]): Promise<void> {
  for (const index of indexes) {
    await tx.query(index.constraint ? `ALTER TABLE ${index.table} ADD CONSTRAINT ${index.constraint} ${index.definition}` : index.definition);
  }
}

/**
 * The events in (after, last] as pages of position ranges: positions are dense, so a page holds at
 * most `pageSize` events, and a narrow range keeps the plan an index range scan whatever the table's
 * statistics say. The next page is fetched while the caller works on the current one; leaving early
 * waits for the page in flight, so the connection is idle when the caller releases or closes it.
 */
async function* eventPages<R>(
  client: ClientBase,
  select: { readonly columns: string; readonly asTextArrays?: boolean },
  after: bigint,
  last: bigint,
  pageSize: number,
): AsyncGenerator<R[]> {
  const upTo = (from: bigint): bigint => (from + BigInt(pageSize) < last ? from + BigInt(pageSize) : last);
  const read = (from: bigint): Promise<QueryResult | QueryArrayResult> => {
    const text = `SELECT ${select.columns} FROM events WHERE position > $1::bigint AND position <= $2::bigint ORDER BY position`;
    const values = [from.toString(), upTo(from).toString()];
    // As text arrays: every column as the text PostgreSQL sent (verify parses where it hashes).
    return select.asTextArrays ? client.query({ text, values, rowMode: 'array', types: TEXT_COLUMNS }) : client.query(text, values);
  };
  let reading: Promise<QueryResult | QueryArrayResult> | null = after < last ? read(after) : null;
  try {
    while (reading) {
      const { rows } = await reading;
      after = upTo(after);
      reading = after < last ? read(after) : null;
      yield rows as R[];
    }
  } finally {
    await reading?.catch(() => undefined);
  }
}
