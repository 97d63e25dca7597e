import { createTestDatabase, startTestApp, withSuperuser, type TestApp, type TestDatabase } from '@ledger/testing';

interface HealthBody {
  status: string;
  info?: Record<string, { status: string; message?: string }>;
  error?: Record<string, { status: string; message?: string }>;
}

async function get(api: TestApp, path: string): Promise<{ status: number; body: HealthBody }> {
  const response = await fetch(new URL(path, api.url));
  return { status: response.status, body: (await response.json()) as HealthBody };
}

describe('Given the API on a migrated database', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ seed: false });
  });
  afterAll(async () => {
    await api.close();
  });

  it('When /health/live is asked, then it answers 200 ok', async () => {
    expect(await get(api, '/health/live')).toEqual({ status: 200, body: { status: 'ok', info: {}, error: {}, details: {} } });
  });

  it('When /health/ready is asked, then the database answers and no migration is pending: 200 ok', async () => {
    const ready = await get(api, '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, migrations: { status: 'up' } }, error: {} });
  });
});

describe('Given the API on a database that loses a migration, then the database itself', () => {
  let database: TestDatabase;
  let api: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startTestApp({ seed: false, databaseUrl: database.url });
  });
  afterAll(async () => {
    await api.close();
    await database.drop();
  });

  it('When a migration is no longer recorded as applied, then ready is 503 naming it, and live stays 200', async () => {
    const [latest] = await withSuperuser(database.url, async (client) =>
      (
        await client.query<{ migration_name: string }>(
          `DELETE FROM "_prisma_migrations" WHERE migration_name = (SELECT max(migration_name) FROM "_prisma_migrations") RETURNING migration_name`,
        )
      ).rows.map((row) => row.migration_name),
    );
    const ready = await get(api, '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({
      status: 'error',
      info: { database: { status: 'up' } },
      error: { migrations: { status: 'down', message: `Pending migrations: ${latest}` } },
    });
    expect((await get(api, '/health/live')).status).toBe(200);
  });

  it('When the database is gone, then ready is 503 with the database down, and live stays 200', async () => {
    await database.drop();
    const ready = await get(api, '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'error', error: { database: { status: 'down' }, migrations: { status: 'down' } } });
    expect(JSON.stringify(ready.body)).not.toMatch(/password|postgresql:\/\//);
    expect((await get(api, '/health/live')).status).toBe(200);
  });
});
