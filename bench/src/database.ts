/**
 * A fresh database for one benchmark run, on one server shared by the baseline and the API:
 * - DATABASE_URL unset: an embedded PostgreSQL in a new temp directory, fsync and synchronous_commit
 *   ON (the defaults, as in production), stopped and deleted at the end;
 * - DATABASE_URL set: a new database `ledger_bench_<random>` on that server, dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { withDatabase } from '../../libs/event-store/src/database/database-url';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../libs/event-store/src/database/embedded-postgres';

export interface BenchDatabase {
  readonly url: string;
  readonly name: string;
  readonly server: 'embedded' | 'DATABASE_URL';
  drop(): Promise<void>;
}

export interface ServerSettings {
  readonly version: string;
  readonly serverVersion: string;
  readonly fsync: string;
  readonly synchronousCommit: string;
  readonly fullPageWrites: string;
  readonly sharedBuffers: string;
  readonly maxConnections: string;
}

export async function createBenchDatabase(log: (line: string) => void): Promise<BenchDatabase> {
  const configured = process.env.DATABASE_URL?.trim();
  if (configured) {
    const name = `ledger_bench_${randomBytes(5).toString('hex')}`;
    await withClient(configured, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
    const url = withDatabase(configured, name);
    log(`created database ${name} on the DATABASE_URL server`);
    let dropped: Promise<void> | undefined;
    return {
      url,
      name,
      server: 'DATABASE_URL',
      drop: () =>
        (dropped ??= withClient(configured, async (client) => {
          await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
        }).then(() => log(`dropped database ${name}`))),
    };
  }

  // The library's own embedded server: same flags, root handling and orphan care.
  // The mkdtemp directory itself is the data directory (as root, Postgres runs as `postgres`, which
  // must traverse every parent: /tmp is 1777).
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-pg-'));
  chmodSync(dataDir, 0o755);
  const started = Date.now();
  let server: EmbeddedPostgresHandle;
  try {
    server = await startEmbeddedPostgres({ dataDir, database: 'ledger_bench', postgresFlags: ['-c', 'max_connections=200'] });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  log(`embedded PostgreSQL started in ${dataDir} (${Date.now() - started} ms)`);
  let stopped: Promise<void> | undefined;
  return {
    url: server.url,
    name: 'ledger_bench',
    server: 'embedded',
    drop: () =>
      (stopped ??= server.stop().finally(() => {
        rmSync(dataDir, { recursive: true, force: true });
        log('embedded PostgreSQL stopped and its directory deleted');
      })),
  };
}

export async function serverSettings(url: string): Promise<ServerSettings> {
  return withClient(url, async (client) => {
    const show = async (name: string): Promise<string> => {
      const { rows } = await client.query<Record<string, string>>(`SHOW ${name}`);
      return Object.values(rows[0] ?? {})[0] ?? '';
    };
    const { rows } = await client.query<{ version: string }>('SELECT version()');
    return {
      version: rows[0]?.version ?? '',
      serverVersion: await show('server_version'),
      fsync: await show('fsync'),
      synchronousCommit: await show('synchronous_commit'),
      fullPageWrites: await show('full_page_writes'),
      sharedBuffers: await show('shared_buffers'),
      maxConnections: await show('max_connections'),
    };
  });
}

export async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'ledger-bench' });
  client.on('error', () => undefined); // surfaced by the failing query instead
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
