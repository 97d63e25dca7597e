/**
 * One real PostgreSQL database per test file, cloned from the template that the
 * integration project's globalSetup migrated once (Immich style):
 *
 *   const db = await createTestDatabase();   // in beforeAll
 *   ...use db.url...
 *   await db.drop();                         // in afterAll (optional: teardown drops them)
 *
 * The server is LEDGER_TEST_SERVER_URL (embedded, or DATABASE_URL's server on CI);
 * DATABASE_URL's own database is never used.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  /** URL of the new database. */
  url: string;
  /** Its name: ledger_test_<run>_<random>. */
  name: string;
  /** Drops it (terminating any session still connected). Idempotent. */
  drop(): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  /** An empty database (from template0) instead of a clone of the migrated template. */
  empty?: boolean;
}

function requireEnv(name: 'LEDGER_TEST_SERVER_URL' | 'LEDGER_TEST_TEMPLATE'): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: database tests must run in Jest's "integration" project, whose ` +
        'globalSetup (libs/testing/src/global-setup.mjs) starts the test server and migrates the template.',
    );
  }
  return value;
}

/** URL of the test server's maintenance database (`postgres`). */
export function testServerUrl(): string {
  return requireEnv('LEDGER_TEST_SERVER_URL');
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** CREATE DATABASE ledger_test_<run>_<random> TEMPLATE <migrated template>. */
export async function createTestDatabase(options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  const template = options.empty ? 'template0' : requireEnv('LEDGER_TEST_TEMPLATE');
  const runId = process.env.LEDGER_TEST_RUN_ID ?? 'local';
  const name = `ledger_test_${runId}_${randomBytes(5).toString('hex')}`;
  await withSuperuser(serverUrl, (client) =>
    client.query(`CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE ${client.escapeIdentifier(template)}`),
  );
  let dropped: Promise<void> | undefined;
  return {
    url: databaseUrl(serverUrl, name),
    name,
    drop: () => {
      dropped ??= withSuperuser(serverUrl, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      });
      return dropped;
    },
  };
}

/** Runs `fn` with a connected pg.Client on `url` (the test server's superuser), then closes it. */
export async function withSuperuser<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined); // reported by the failing query instead
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
