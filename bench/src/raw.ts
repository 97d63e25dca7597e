/**
 * The baselines: what PostgreSQL itself does on this server, with `pg` and nothing else, measured in
 * the same run as the API. Tables live in the schema bench_raw; bench_raw.events is a copy of the
 * structure of the ledger's events table (columns, constraints, indexes; not its triggers).
 */
import { createHash, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { closedLoop, percentiles, type LoadResult, type Percentiles } from './stats';

const STREAMS_PER_WORKER = 500;
const MAX_WORKERS = 64;

export interface RawPayload {
  readonly type: string;
  readonly data: string;
  readonly citations: string;
  readonly entityIds: string[];
  readonly occurredOn: string | null;
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'ledger-bench-raw' });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

export async function setUpRawTables(url: string): Promise<void> {
  const client = await connect(url);
  try {
    await client.query('DROP SCHEMA IF EXISTS bench_raw CASCADE');
    await client.query('CREATE SCHEMA bench_raw');
    await client.query('CREATE TABLE bench_raw.events (LIKE public.events INCLUDING ALL)');
    await client.query('CREATE TABLE bench_raw.streams (id text PRIMARY KEY, version integer NOT NULL)');
    await client.query('CREATE SEQUENCE bench_raw.positions');
    await client.query(`INSERT INTO bench_raw.streams SELECT 'raw-' || g, 0 FROM generate_series(0, $1::int - 1) g`, [STREAMS_PER_WORKER * MAX_WORKERS]);
    await client.query('ANALYZE bench_raw.streams');
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function dropRawTables(url: string): Promise<void> {
  const client = await connect(url);
  try {
    await client.query('DROP SCHEMA IF EXISTS bench_raw CASCADE');
  } finally {
    await client.end().catch(() => undefined);
  }
}

const COLUMNS = 'position, id, stream_id, version, type, schema_version, data, citations, entity_ids, occurred_on, recorded_at, recorded_by, previous_hash, hash';
const ROW_PARAMS = 10;
function rowValues(offset: number): string {
  const p = (index: number): string => `$${offset + index}`;
  return `(nextval('bench_raw.positions'), ${p(1)}::uuid, ${p(2)}, ${p(3)}, ${p(4)}, 1, ${p(5)}::jsonb, ${p(6)}::jsonb, ${p(7)}::text[], ${p(8)}::date, now(), 'ledger-bench', ${p(9)}, ${p(10)})`;
}

interface Worker {
  client: Client;
  streams: { id: string; version: number }[];
  next: number;
  payload: number;
}

/**
 * Append transactions of `rowsPerTransaction` events at `connections` connections, each event with
 * its stream version check: `UPDATE streams SET version = expected + 1 WHERE id = ... AND version =
 * expected` (must touch every row) then the INSERT, one transaction, committed (fsync as configured).
 */
export async function rawAppends(
  url: string,
  options: { connections: number; rowsPerTransaction: number; warmupSeconds: number; seconds: number; payloads: readonly RawPayload[] },
): Promise<LoadResult> {
  const { connections, rowsPerTransaction: rows, payloads } = options;
  if (connections > MAX_WORKERS) throw new Error(`at most ${MAX_WORKERS} connections`);
  const workers: Worker[] = [];
  try {
    for (let w = 0; w < connections; w++) {
      const client = await connect(url);
      // Each worker owns its streams: no lock waits between workers, as for independent entities.
      const { rows: streams } = await client.query<{ id: string; version: number }>(
        `SELECT id, version FROM bench_raw.streams WHERE id = ANY($1::text[])`,
        [Array.from({ length: STREAMS_PER_WORKER }, (_, i) => `raw-${w * STREAMS_PER_WORKER + i}`)],
      );
      workers.push({ client, streams, next: 0, payload: w * 97 });
    }
    const insertText = `INSERT INTO bench_raw.events (${COLUMNS}) VALUES ${Array.from({ length: rows }, (_, i) => rowValues(i * ROW_PARAMS)).join(', ')}`;
    const updateOne = 'UPDATE bench_raw.streams SET version = $2::int + 1 WHERE id = $1 AND version = $2::int';
    const updateMany =
      'UPDATE bench_raw.streams s SET version = v.expected + 1 FROM unnest($1::text[], $2::int[]) AS v(id, expected) WHERE s.id = v.id AND s.version = v.expected';
    return await closedLoop({
      concurrency: connections,
      warmupSeconds: options.warmupSeconds,
      seconds: options.seconds,
      operation: async (index) => {
        const worker = workers[index]!;
        const chosen: { id: string; version: number }[] = [];
        for (let i = 0; i < rows; i++) {
          chosen.push(worker.streams[worker.next]!);
          worker.next = (worker.next + 1) % worker.streams.length;
        }
        const values: unknown[] = [];
        for (const stream of chosen) {
          const payload = payloads[worker.payload++ % payloads.length]!;
          const previous = createHash('sha256').update(`${stream.id}:${stream.version}`).digest('hex');
          const hash = createHash('sha256').update(previous).update(payload.data).digest('hex');
          values.push(randomUUID(), stream.id, stream.version + 1, payload.type, payload.data, payload.citations, payload.entityIds, payload.occurredOn, previous, hash);
        }
        const client = worker.client;
        await client.query('BEGIN');
        try {
          const updated =
            rows === 1
              ? await client.query({ name: 'raw-update-1', text: updateOne, values: [chosen[0]!.id, chosen[0]!.version] })
              : await client.query({ name: `raw-update-${rows}`, text: updateMany, values: [chosen.map((s) => s.id), chosen.map((s) => s.version)] });
          if (updated.rowCount !== rows) throw new Error(`stream version check touched ${updated.rowCount} of ${rows} rows`);
          await client.query({ name: `raw-insert-${rows}`, text: insertText, values });
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
        for (const stream of chosen) stream.version += 1;
        return rows;
      },
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.client.end().catch(() => undefined)));
  }
}

/** INSERT INTO a copy of events SELECT * FROM events: how fast Postgres rewrites every event row once. */
export async function rawCopyEvents(url: string): Promise<{ rows: number; seconds: number; rowsPerSecond: number }> {
  const client = await connect(url);
  try {
    await client.query('DROP TABLE IF EXISTS bench_raw.events_copy');
    await client.query('CREATE TABLE bench_raw.events_copy (LIKE public.events INCLUDING DEFAULTS)');
    const began = performance.now();
    const result = await client.query('INSERT INTO bench_raw.events_copy SELECT * FROM public.events');
    const seconds = (performance.now() - began) / 1000;
    await client.query('DROP TABLE bench_raw.events_copy');
    const rows = result.rowCount ?? 0;
    return { rows, seconds, rowsPerSecond: rows / Math.max(seconds, 1e-9) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Reads every event in position order (pages of 10,000) and chains SHA-256 over the canonical JSON
 * of each, in this process: the floor under verifyLedger (which does that plus its checks).
 */
export async function rawReadAndHash(url: string): Promise<{ events: number; seconds: number }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const canonicalize = require('canonicalize') as (value: unknown) => string | undefined;
  const client = await connect(url);
  try {
    const began = performance.now();
    let after = '0';
    let events = 0;
    let hash = '';
    for (;;) {
      const { rows } = await client.query<Record<string, unknown> & { position: string }>(
        { name: 'raw-read-page', text: 'SELECT position, id, stream_id, version, type, schema_version, data, citations, occurred_on, recorded_at, recorded_by, hash FROM public.events WHERE position > $1 ORDER BY position LIMIT 10000', values: [after] },
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        const content = canonicalize({
          position: row.position,
          id: row.id,
          streamId: row.stream_id,
          version: row.version,
          type: row.type,
          schemaVersion: row.schema_version,
          data: row.data,
          citations: row.citations,
          occurredOn: row.occurred_on,
          recordedAt: row.recorded_at instanceof Date ? row.recorded_at.toISOString() : row.recorded_at,
          recordedBy: row.recorded_by,
        });
        hash = createHash('sha256').update(hash).update(content ?? '').digest('hex');
      }
      events += rows.length;
      after = rows[rows.length - 1]!.position;
    }
    return { events, seconds: (performance.now() - began) / 1000 };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Latency of one indexed query repeated `count` times from one connection (a read baseline). */
export async function rawQueryLatency(
  url: string,
  count: number,
  query: (index: number) => { text: string; values: unknown[] },
): Promise<{ latencyMs: Percentiles; rows: number; errors: number }> {
  const client = await connect(url);
  const latencies: number[] = [];
  let rows = 0;
  let errors = 0;
  try {
    for (let index = 0; index < count; index++) {
      const { text, values } = query(index);
      const began = performance.now();
      try {
        const result = await client.query({ name: `raw-read-${hashText(text)}`, text, values });
        latencies.push(performance.now() - began);
        rows += result.rowCount ?? 0;
      } catch {
        errors += 1;
      }
    }
  } finally {
    await client.end().catch(() => undefined);
  }
  return { latencyMs: percentiles(latencies), rows, errors };
}

function hashText(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 12);
}
