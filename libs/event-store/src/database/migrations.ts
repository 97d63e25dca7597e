/**
 * Applies Prisma-format migrations (`<dir>/<timestamp>_<name>/migration.sql`) with `pg`,
 * because the Prisma 7 CLI cannot migrate offline. The bookkeeping is Prisma's own:
 * the `_prisma_migrations` table, sha256 hex checksums of migration.sql, and the same
 * advisory lock key as `prisma migrate deploy`, so the history stays Prisma-compatible.
 *
 * Each migration runs in its own transaction together with its history row: it is
 * either fully applied and recorded, or not at all. Consequently a migration must not
 * contain statements that cannot run in a transaction block (CREATE INDEX CONCURRENTLY,
 * VACUUM, ...) nor its own BEGIN/COMMIT.
 */
import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { redactUrl, repoRoot } from './database-url';
import { withLedgerSessions } from './session-options';

/** The key `prisma migrate` itself locks (pg_advisory_lock(72707369)). */
export const MIGRATION_LOCK_KEY = 72707369;

export interface LocalMigration {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export function defaultMigrationsDir(): string {
  return path.join(repoRoot(), 'prisma', 'migrations');
}

/** sha256 hex of the script, as Prisma computes it. */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex');
}

/** Prisma also accepts a checksum taken with the other line-ending convention. */
function checksumMatches(sql: string, checksum: string): boolean {
  return (
    migrationChecksum(sql) === checksum ||
    migrationChecksum(sql.replace(/\r\n/g, '\n')) === checksum ||
    migrationChecksum(sql.replace(/\r?\n/g, '\r\n')) === checksum
  );
}

/** Local migration folders in name order (which is timestamp order). */
export function readMigrations(migrationsDir: string = defaultMigrationsDir()): LocalMigration[] {
  if (!fs.existsSync(migrationsDir)) {
    throw new MigrationError(`Migrations directory ${migrationsDir} does not exist`);
  }
  const names = fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return names.map((name) => {
    const file = path.join(migrationsDir, name, 'migration.sql');
    if (!fs.existsSync(file)) {
      throw new MigrationError(`Migration ${name} has no migration.sql (${file})`);
    }
    const sql = fs.readFileSync(file, 'utf8');
    return { name, sql, checksum: migrationChecksum(sql) };
  });
}

const CREATE_HISTORY_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface HistoryRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

async function readHistory(client: Client): Promise<HistoryRow[] | undefined> {
  const { rows } = await client.query<{ exists: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS exists`,
  );
  if (!rows[0]?.exists) return undefined;
  const history = await client.query<HistoryRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at
       FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );
  return history.rows;
}

/** Splits local migrations into applied and pending; throws on edited or failed ones. */
function compare(local: LocalMigration[], history: HistoryRow[]): { pending: LocalMigration[] } {
  const live = history.filter((row) => row.rolled_back_at === null);
  const failed = live.filter((row) => row.finished_at === null);
  if (failed.length > 0) {
    throw new MigrationError(
      `Migration ${failed.map((row) => row.migration_name).join(', ')} started but never finished ` +
        '(a failed `prisma migrate` run). Fix the database, then mark it rolled back ' +
        '(UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE ...) before migrating again.',
    );
  }
  const applied = new Map(live.map((row) => [row.migration_name, row]));
  const pending: LocalMigration[] = [];
  for (const migration of local) {
    const row = applied.get(migration.name);
    if (!row) {
      pending.push(migration);
    } else if (!checksumMatches(migration.sql, row.checksum)) {
      throw new MigrationError(
        `Migration ${migration.name} was edited after it was applied: its migration.sql has checksum ` +
          `${migration.checksum} but the database recorded ${row.checksum}. Never edit an applied ` +
          'migration; restore the file and add a new migration instead.',
      );
    }
  }
  return { pending };
}

/**
 * Applies every local migration not yet recorded in `_prisma_migrations`, each in its
 * own transaction, under a session advisory lock. Returns the names applied, in order.
 */
export async function applyMigrations(
  databaseUrl: string,
  migrationsDir: string = defaultMigrationsDir(),
): Promise<{ applied: string[] }> {
  const local = readMigrations(migrationsDir);
  const client = new Client({ connectionString: withLedgerSessions(databaseUrl), application_name: 'ledger-migrate' });
  client.on('error', () => undefined); // surfaced by the failing query instead
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(CREATE_HISTORY_TABLE);
      const { pending } = compare(local, (await readHistory(client)) ?? []);
      for (const migration of pending) {
        await client.query('BEGIN');
        try {
          const { rows } = await client.query<{ started_at: Date }>('SELECT now() AS started_at');
          await client.query(migration.sql);
          await client.query(
            `INSERT INTO "_prisma_migrations"
               (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
             VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, $4, 1)`,
            [randomUUID(), migration.checksum, migration.name, rows[0]?.started_at],
          );
          await client.query('COMMIT');
          applied.push(migration.name);
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          const message = error instanceof Error ? error.message : String(error);
          const position = (error as { position?: string }).position;
          throw new MigrationError(
            `Migration ${migration.name} failed and was rolled back: ${message}` +
              (position ? ` (at character ${position} of migration.sql)` : '') +
              ` [database ${redactUrl(databaseUrl)}]`,
            { cause: error },
          );
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
  return { applied };
}

/**
 * Names of local migrations not yet applied (for the health check). Does not lock;
 * throws like applyMigrations on an edited or failed migration.
 */
export async function pendingMigrations(
  databaseUrl: string,
  migrationsDir: string = defaultMigrationsDir(),
): Promise<string[]> {
  const local = readMigrations(migrationsDir);
  const client = new Client({ connectionString: withLedgerSessions(databaseUrl), application_name: 'ledger-migrate' });
  client.on('error', () => undefined); // surfaced by the failing query instead
  await client.connect();
  try {
    const history = await readHistory(client);
    return compare(local, history ?? []).pending.map((migration) => migration.name);
  } finally {
    await client.end().catch(() => undefined);
  }
}
