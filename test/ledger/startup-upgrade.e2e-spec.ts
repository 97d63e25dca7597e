/**
 * `npm start` on a database whose projections were written by an older PROJECTION_VERSION: the API
 * has `ledger upgrade` rebuild them in a child process (Node's default heap) before it serves,
 * instead of rebuilding inside its own 256 MiB heap, which a million-event ledger exhausts.
 */
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@ledger/testing';
import { buildFromSource, runNode, startNode, type SourceBuild } from '@ledger/testing/build-from-source';
import { PROJECTION_VERSION } from '@ledger/event-store';

const UNSET = ['LEDGER_ADMIN_TOKEN', 'NODE_ENV', 'PORT', 'HOST', 'LEDGER_SEED'];
/** The test cluster runs with fsync off (global-setup.mjs): processes opt in, as the test app does. */
const TEST_CLUSTER = { LEDGER_UNSAFE_DURABILITY: '1' };

describe('Given a seeded ledger whose projections are from an older version, one table emptied', () => {
  let build: SourceBuild;
  let database: TestDatabase;
  beforeAll(() => {
    build = buildFromSource();
  });
  afterAll(async () => {
    await database?.drop();
    build?.remove();
  });

  const serverEnv = () => ({ DATABASE_URL: database.url, PORT: '0', HOST: '127.0.0.1', LEDGER_SEED: 'off', ...TEST_CLUSTER });
  const sql = async <T extends Record<string, unknown>>(text: string): Promise<T[]> => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query<T>(text)).rows;
    } finally {
      await client.end();
    }
  };
  const companyCount = async (port: string) => {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ companies(first: 100) { edges { node { id } } } }' }),
    });
    return ((await response.json()) as { data: { companies: { edges: unknown[] } } }).data.companies.edges.length;
  };

  it('When the API starts, Then `ledger upgrade` rebuilds them in a child process first, and the API serves the rebuilt rows', async () => {
    database = await createTestDatabase();
    const imported = await runNode(build.cli, ['import', 'data/seed-ledger.ndjson'], { DATABASE_URL: database.url, ...TEST_CLUSTER }, UNSET);
    expect(imported.code).toBe(0);
    const seeding = startNode(build.api, serverEnv(), UNSET);
    let seeded: number;
    try {
      const [, port] = await seeding.waitFor(/listening on http:\/\/localhost:(\d+)\/graphql/, 60_000);
      seeded = await companyCount(port!);
    } finally {
      await seeding.stop();
    }
    expect(seeded).toBeGreaterThan(3);
    expect(seeding.output()).not.toContain('ledger upgrade');

    await sql(`UPDATE projection_state SET version = ${PROJECTION_VERSION - 1}`);
    await sql('DELETE FROM companies');

    const server = startNode(build.api, serverEnv(), UNSET);
    try {
      const [, port] = await server.waitFor(/listening on http:\/\/localhost:(\d+)\/graphql/, 60_000);
      expect(server.output()).toMatch(
        new RegExp(`Projections rebuilt by the ledger upgrade command in a child process: Projections were version ${PROJECTION_VERSION - 1}: rebuilt \\d+ rows from \\d+ events`),
      );
      expect(await companyCount(port!)).toBe(seeded);
      expect(await sql<{ version: number }>('SELECT version FROM projection_state')).toEqual([{ version: PROJECTION_VERSION }]);
    } finally {
      await server.stop();
    }
  });
});
