// Jest globalTeardown of the `integration` project: undoes global-setup.mjs.
// Embedded: stop the server and delete its temp data directory.
// DATABASE_URL: drop this run's template and the test databases cloned from it
// (ledger_test_<run>_*); nothing else on that server is touched.
import fs from 'node:fs';
import pg from 'pg';

const STATE = Symbol.for('ledger.test-database');

export default async function globalTeardown() {
  const state = globalThis[STATE];
  if (!state) return;
  globalThis[STATE] = undefined;
  if (state.server) {
    await state.server.stop();
    if (state.dataDir) fs.rmSync(state.dataDir, { recursive: true, force: true });
    return;
  }
  if (!state.serverUrl) return;
  const client = new pg.Client({ connectionString: state.serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT datname FROM pg_database WHERE datname = $1 OR starts_with(datname, $2) ORDER BY datname`,
      [state.template ?? '', `ledger_test_${state.runId}_`],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}
