import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyMigrations, pendingMigrations, readMigrations } from '@ledger/event-store/database/migrations';
import { createTestDatabase, TestDatabase, withSuperuser } from '@ledger/testing/database';

const FIRST = '20260101000000_create_widgets';
const SECOND = '20260102000000_add_gadgets';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function writeMigration(dir: string, name: string, sql: string): void {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  fs.writeFileSync(path.join(dir, name, 'migration.sql'), sql);
}

interface HistoryRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  applied_steps_count: number;
  rolled_back_at: Date | null;
}

function history(url: string): Promise<HistoryRow[]> {
  return withSuperuser(url, async (client) => {
    const { rows } = await client.query<HistoryRow>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at
         FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    return rows;
  });
}

describe('migration runner', () => {
  let dir: string;
  const databases: TestDatabase[] = [];
  const freshDatabase = async (): Promise<TestDatabase> => {
    const db = await createTestDatabase({ empty: true });
    databases.push(db);
    return db;
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-migrations-'));
    writeMigration(dir, FIRST, 'CREATE TABLE widgets (id integer PRIMARY KEY, name text NOT NULL);\n');
    writeMigration(
      dir,
      SECOND,
      '-- two statements in one migration\r\nCREATE TABLE gadgets (id integer PRIMARY KEY);\r\nINSERT INTO widgets VALUES (1, \'first\');\r\n',
    );
    fs.writeFileSync(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
  });

  afterAll(async () => {
    await Promise.all(databases.map((db) => db.drop()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('Given a fresh empty database, When migrations are applied, Then every folder is recorded in order with its sha256 checksum', async () => {
    const db = await freshDatabase();
    expect(await pendingMigrations(db.url, dir)).toEqual([FIRST, SECOND]);

    const result = await applyMigrations(db.url, dir);

    expect(result.applied).toEqual([FIRST, SECOND]);
    const rows = await history(db.url);
    expect(rows.map((row) => row.migration_name)).toEqual([FIRST, SECOND]);
    for (const row of rows) {
      const sql = fs.readFileSync(path.join(dir, row.migration_name, 'migration.sql'), 'utf8');
      expect(row.checksum).toBe(sha256(sql));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.rolled_back_at).toBeNull();
    }
    const widgets = await withSuperuser(db.url, (client) => client.query('SELECT name FROM widgets'));
    expect(widgets.rows).toEqual([{ name: 'first' }]);
    expect(await pendingMigrations(db.url, dir)).toEqual([]);
  });

  it("Given a fresh database whose default DateStyle is 'German, DMY', When migrations are applied, Then they are recorded with their times as on any other", async () => {
    const db = await freshDatabase();
    await withSuperuser(db.url, (client) => client.query(`ALTER DATABASE ${client.escapeIdentifier(db.name)} SET DateStyle = 'German, DMY'`));

    const result = await applyMigrations(db.url, dir);

    expect(result.applied).toEqual([FIRST, SECOND]);
    // Read in SQL: this database's own sessions write dates in its German style, which pg cannot parse.
    const recorded = await withSuperuser(db.url, (client) =>
      client.query<{ migration_name: string; times: boolean }>(
        'SELECT migration_name, started_at IS NOT NULL AND finished_at >= started_at AS times FROM _prisma_migrations ORDER BY started_at, migration_name',
      ),
    );
    expect(recorded.rows).toEqual([
      { migration_name: FIRST, times: true },
      { migration_name: SECOND, times: true },
    ]);
  });

  it('Given an up-to-date database, When migrations are applied again, Then nothing is applied', async () => {
    const db = await freshDatabase();
    await applyMigrations(db.url, dir);

    const second = await applyMigrations(db.url, dir);

    expect(second.applied).toEqual([]);
    expect(await history(db.url)).toHaveLength(2);
  });

  it('Given an applied migration whose file was edited, When migrating, Then it fails naming the migration', async () => {
    const db = await freshDatabase();
    await applyMigrations(db.url, dir);
    // Simulates editing the file after it was applied.
    await withSuperuser(db.url, (client) =>
      client.query(`UPDATE "_prisma_migrations" SET checksum = $1 WHERE migration_name = $2`, [sha256('old'), FIRST]),
    );

    await expect(applyMigrations(db.url, dir)).rejects.toThrow(
      new RegExp(`Migration ${FIRST} was edited after it was applied`),
    );
    await expect(pendingMigrations(db.url, dir)).rejects.toThrow(/was edited after it was applied/);
  });

  it('Given a migration that fails, When migrating, Then it is rolled back and not recorded, and earlier ones stay', async () => {
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-migrations-broken-'));
    try {
      writeMigration(broken, FIRST, fs.readFileSync(path.join(dir, FIRST, 'migration.sql'), 'utf8'));
      writeMigration(broken, '20260103000000_broken', 'CREATE TABLE half_done (id integer);\nSELECT no_such_function();\n');
      const db = await freshDatabase();

      await expect(applyMigrations(db.url, broken)).rejects.toThrow(
        /Migration 20260103000000_broken failed and was rolled back: function no_such_function\(\) does not exist/,
      );

      expect((await history(db.url)).map((row) => row.migration_name)).toEqual([FIRST]);
      const halfDone = await withSuperuser(db.url, (client) => client.query(`SELECT to_regclass('half_done') AS t`));
      expect(halfDone.rows[0].t).toBeNull();
      expect(await pendingMigrations(db.url, broken)).toEqual(['20260103000000_broken']);
    } finally {
      fs.rmSync(broken, { recursive: true, force: true });
    }
  });

  it('Given two runners racing on a fresh database, When both migrate, Then each migration is applied exactly once', async () => {
    const db = await freshDatabase();

    const [a, b] = await Promise.all([applyMigrations(db.url, dir), applyMigrations(db.url, dir)]);

    expect([...a.applied, ...b.applied].sort()).toEqual([FIRST, SECOND]);
    expect(await history(db.url)).toHaveLength(2);
  });

  it('Given the test template, When a test database is cloned, Then it already has every repository migration', async () => {
    const db = await createTestDatabase();
    databases.push(db);

    expect(await pendingMigrations(db.url)).toEqual([]);
    expect((await history(db.url)).map((row) => row.migration_name)).toEqual(readMigrations().map((m) => m.name));
  });
});
