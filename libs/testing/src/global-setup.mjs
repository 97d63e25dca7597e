// Jest globalSetup of the `integration` project (runs once, in Jest's main process,
// and only when at least one integration test is selected).
//
// 1. The test server: DATABASE_URL's server when set (CI against a real PostgreSQL),
//    else an embedded PostgreSQL in a fresh mkdtemp directory (fsync off: tests only).
// 2. A template database `ledger_template_<run>` migrated once with our runner.
// 3. Workers learn both through process.env (workers are forked after globalSetup and
//    inherit it): LEDGER_TEST_SERVER_URL, LEDGER_TEST_TEMPLATE, LEDGER_TEST_RUN_ID.
//    libs/testing/src/database.ts clones one database per test file from the template.
//
// The TypeScript modules are required through `createRequire`: while a global hook runs,
// Jest hooks `require` with its configured transform (@swc/jest), so the .ts files of
// libs/event-store are transpiled on the fly and the logic is not duplicated here.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const STATE = Symbol.for('ledger.test-database');
const STALE_AFTER_MS = 15 * 60 * 1000;

export default async function globalSetup() {
  const started = Date.now();
  const log = process.env.LEDGER_TEST_PG_LOG ? (line) => console.log(`[test-db] ${line}`) : undefined;
  const { startEmbeddedPostgres, stopOrphanedPostmaster } = require('../../event-store/src/database/embedded-postgres.ts');
  const { applyMigrations } = require('../../event-store/src/database/migrations.ts');
  const { validateDatabaseUrl, withDatabase } = require('../../event-store/src/database/database-url.ts');
  const { Client } = require('pg');

  const runId = randomBytes(4).toString('hex');
  const state = { runId, server: undefined, dataDir: undefined, serverUrl: undefined, template: undefined };
  globalThis[STATE] = state;

  const configured = process.env.DATABASE_URL?.trim();
  if (configured) {
    validateDatabaseUrl(configured);
    // A maintenance connection only: tests never touch DATABASE_URL's own database.
    state.serverUrl = withDatabase(configured, 'postgres');
  } else {
    await reapStaleClusters(stopOrphanedPostmaster);
    // The mkdtemp directory itself is the data directory: as root, Postgres runs as the
    // `postgres` user, which must be able to traverse every parent (/tmp is 1777).
    state.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-'));
    fs.chmodSync(state.dataDir, 0o755);
    state.server = await startEmbeddedPostgres({
      dataDir: state.dataDir,
      database: 'postgres',
      unsafeFast: true, // fsync/synchronous_commit/full_page_writes off: throwaway cluster
      postgresFlags: ['-c', 'max_connections=300'],
      log,
    });
    state.serverUrl = state.server.serverUrl;
  }

  const template = `ledger_template_${runId}`;
  let applied;
  try {
    const client = new Client({ connectionString: state.serverUrl });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(template)}`);
    } finally {
      await client.end();
    }
    state.template = template;
    ({ applied } = await applyMigrations(withDatabase(state.serverUrl, template)));
  } catch (error) {
    // Jest skips globalTeardown when globalSetup fails: clean up here.
    const { default: globalTeardown } = await import('./global-teardown.mjs');
    await globalTeardown().catch(() => undefined);
    throw error;
  }

  process.env.LEDGER_TEST_SERVER_URL = state.serverUrl;
  process.env.LEDGER_TEST_TEMPLATE = template;
  process.env.LEDGER_TEST_RUN_ID = runId;
  log?.(
    `${state.server ? 'embedded' : 'DATABASE_URL'} server ready, template ${template} ` +
      `(${applied.length} migrations) in ${Date.now() - started} ms`,
  );
}

/** Clusters left in the temp dir by a killed Jest run: stop their orphaned postmaster, delete them. */
async function reapStaleClusters(stopOrphanedPostmaster) {
  const tmp = os.tmpdir();
  let entries = [];
  try {
    entries = fs.readdirSync(tmp).filter((name) => name.startsWith('ledger-test-'));
  } catch {
    return;
  }
  for (const name of entries) {
    const dir = path.join(tmp, name);
    try {
      const hadPid = fs.existsSync(path.join(dir, 'postmaster.pid'));
      const stoppedOrphan = hadPid ? await stopOrphanedPostmaster(dir) : false;
      const old = Date.now() - fs.statSync(dir).mtimeMs > STALE_AFTER_MS;
      if (!fs.existsSync(path.join(dir, 'postmaster.pid')) && (stoppedOrphan || old)) {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    } catch {
      // In use by a concurrent run (its postmaster has a live parent): leave it alone.
    }
  }
}
