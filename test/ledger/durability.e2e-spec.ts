/**
 * Durability settings (issue 5, item 6): the API and the CLI refuse to start against a database
 * that can lose acknowledged commits (fsync or synchronous_commit off), and say why, unless
 * LEDGER_UNSAFE_DURABILITY=1 marks it as a throwaway database; a durable one is accepted as is.
 * `synchronous_commit = off` is set per database (ALTER DATABASE), so the refusal is tested the same
 * way on the suite's embedded cluster (fsync off as well) and on a DATABASE_URL server (fsync on);
 * the durable case runs on a dedicated embedded cluster with the default settings.
 */
import { Client } from 'pg';
import { spawn } from 'node:child_process';
import { assessDurability, assertDurableDatabase, readDurabilitySettings, UnsafeDurabilityError } from '@ledger/event-store/database/durability';
import { ApiProcess } from '@ledger/testing/soak/api-process';
import { buildLedger, REPO_ROOT, type BuiltLedger } from '@ledger/testing/soak/build';
import { DedicatedPostgres } from '@ledger/testing/soak/database-outage';
import { createTestDatabase, testServerUrl, withSuperuser, type TestDatabase } from '@ledger/testing';

describe('Given the durability settings of a database', () => {
  it('When fsync or synchronous_commit is off, then the settings are unsafe and the report says why; full_page_writes off is only noted', () => {
    expect(assessDurability({ fsync: 'on', synchronousCommit: 'on', fullPageWrites: 'on' })).toEqual({
      settings: { fsync: 'on', synchronousCommit: 'on', fullPageWrites: 'on' },
      problems: [],
      notes: [],
    });
    for (const synchronousCommit of ['local', 'remote_write', 'remote_apply']) {
      expect(assessDurability({ fsync: 'on', synchronousCommit, fullPageWrites: 'on' }).problems).toEqual([]);
    }
    const unsafe = assessDurability({ fsync: 'off', synchronousCommit: 'off', fullPageWrites: 'off' });
    expect(unsafe.problems).toEqual([expect.stringMatching(/^fsync is off/), expect.stringMatching(/^synchronous_commit is off/)]);
    expect(unsafe.notes).toEqual([expect.stringMatching(/^full_page_writes is off/)]);
    expect(new UnsafeDurabilityError(unsafe).message).toMatch(/Refusing to start.*fsync is off.*synchronous_commit is off.*LEDGER_UNSAFE_DURABILITY=1/s);
  });
});

describe('Given a database with synchronous_commit off, and a durable one', () => {
  let build: BuiltLedger;
  let unsafe: TestDatabase;
  let durable: DedicatedPostgres;
  let serverFsync: string;
  beforeAll(async () => {
    build = buildLedger();
    unsafe = await createTestDatabase();
    await withSuperuser(testServerUrl(), (client) => client.query(`ALTER DATABASE ${client.escapeIdentifier(unsafe.name)} SET synchronous_commit = off`));
    serverFsync = (await readDurabilitySettings(unsafe.url)).fsync;
    durable = await DedicatedPostgres.start(build);
  }, 120_000);
  afterAll(async () => {
    await unsafe?.drop();
    await durable?.remove();
    build?.remove();
  });

  it('When the check runs on each, then the unsafe one is refused unless allowed, and the durable one passes', async () => {
    await expect(assertDurableDatabase(unsafe.url, { allowUnsafe: false })).rejects.toThrow(/synchronous_commit is off/);
    const warnings: string[] = [];
    const allowed = await assertDurableDatabase(unsafe.url, { allowUnsafe: true, warn: (message) => warnings.push(message) });
    expect(allowed.settings.synchronousCommit).toBe('off');
    expect(warnings.join('\n')).toMatch(/LEDGER_UNSAFE_DURABILITY=1: running on a database that can lose acknowledged events/);
    const report = await assertDurableDatabase(durable.url, { allowUnsafe: false });
    expect(report).toEqual({ settings: { fsync: 'on', synchronousCommit: 'on', fullPageWrites: 'on' }, problems: [], notes: [] });
  });

  it('When the embedded server runs as npm start runs it, then its WAL is minimal (a rebuild skips it for the tables it truncates) and commits stay durable', async () => {
    const client = new Client({ connectionString: durable.url });
    await client.connect();
    try {
      const settings = await client.query<{ name: string; setting: string }>(
        `SELECT name, setting FROM pg_settings WHERE name IN ('wal_level', 'max_wal_senders', 'fsync', 'synchronous_commit') ORDER BY name`,
      );
      expect(settings.rows).toEqual([
        { name: 'fsync', setting: 'on' },
        { name: 'max_wal_senders', setting: '0' },
        { name: 'synchronous_commit', setting: 'on' },
        { name: 'wal_level', setting: 'minimal' },
      ]);
    } finally {
      await client.end();
    }
  });

  it('When the API starts on the unsafe database, then it exits 1 naming the setting and LEDGER_UNSAFE_DURABILITY, before listening', async () => {
    const api = await ApiProcess.spawn({ apiMain: build.apiMain, env: { DATABASE_URL: unsafe.url, LEDGER_SEED: 'off' } });
    let timer: NodeJS.Timeout | undefined;
    const status = await Promise.race([api.exited, new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), 60_000)))]);
    clearTimeout(timer);
    if (status === 'timeout') await api.kill();
    expect(status).toEqual({ code: 1, signal: null });
    expect(api.log).toMatch(/Refusing to start: the database does not make commits durable/);
    expect(api.log).toMatch(/synchronous_commit is off/);
    if (serverFsync === 'off') expect(api.log).toMatch(/fsync is off/);
    expect(api.log).toMatch(/LEDGER_UNSAFE_DURABILITY=1/);
    expect(api.log).not.toMatch(/listening/i);
  }, 90_000);

  it('When the API starts on it with LEDGER_UNSAFE_DURABILITY=1, then it serves, and warns', async () => {
    const api = await ApiProcess.start({ apiMain: build.apiMain, env: { DATABASE_URL: unsafe.url, LEDGER_SEED: 'off', LEDGER_UNSAFE_DURABILITY: '1' } });
    try {
      await expect(api.waitForLog(/LEDGER_UNSAFE_DURABILITY=1: running on a database that can lose acknowledged events/)).resolves.toBeTruthy();
    } finally {
      await api.stop();
    }
  }, 90_000);

  it('When the API starts on the durable database without the flag, then it serves', async () => {
    const api = await ApiProcess.start({ apiMain: build.apiMain, env: { DATABASE_URL: durable.url, LEDGER_SEED: 'off' } });
    try {
      // Everything logged up to "listening" (the last start-up line) has arrived, without the warning.
      expect(await api.waitForLog(/GraphQL API listening on/)).not.toMatch(/LEDGER_UNSAFE_DURABILITY|Refusing/);
    } finally {
      await api.stop();
    }
  }, 90_000);

  it('When the CLI runs on the unsafe database, then it exits 1 with the reason; with LEDGER_UNSAFE_DURABILITY=1 it works', async () => {
    const refused = await run(build.cliMain, ['head'], { DATABASE_URL: unsafe.url });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Refusing to start.*synchronous_commit is off.*LEDGER_UNSAFE_DURABILITY=1/s);
    const allowed = await run(build.cliMain, ['head'], { DATABASE_URL: unsafe.url, LEDGER_UNSAFE_DURABILITY: '1' });
    expect(allowed).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(allowed.stdout)).toMatchObject({ position: expect.any(String) });
  }, 90_000);

  it('When LEDGER_UNSAFE_DURABILITY has a value that is not a switch, then the start fails naming the variable', async () => {
    const result = await run(build.cliMain, ['head'], { DATABASE_URL: unsafe.url, LEDGER_UNSAFE_DURABILITY: 'maybe' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/LEDGER_UNSAFE_DURABILITY: must be 1 or 0, not "maybe"/);
  }, 90_000);
});

function run(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
