import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { SEED_FILE, startTestApp, type TestApp } from '@ledger/testing';
import { transpileApps } from '@ledger/testing/transpile';
import { importerFor } from '../../apps/api/src/ledger/seed';

const REPO = join(__dirname, '..', '..');
const CITE = [{ sourceId: 'dispatch-008', quote: 'test citation' }];

/** An NDJSON file with one line per case; blank lines count in the numbering. */
const MIXED_LINES = [
  /* 1 */ JSON.stringify({ op: 'registerCompany', input: { id: 'nvidia', name: 'NVIDIA' } }),
  /* 2 */ '{"op":"registerCompany","input":{"id":"broken",',
  /* 3 */ JSON.stringify({ op: 'mergeCompanies', input: { id: 'spacex' } }),
  /* 4 */ JSON.stringify({
    op: 'amendDeal',
    input: { dealId: 'no-such-deal', terms: [{ key: 'capacity', text: 'more' }], reason: 'test', citations: CITE },
  }),
  /* 5 */ JSON.stringify({ op: 'registerCompany', input: { id: 'Not A Slug!', name: 'Bad id' } }),
  /* 6 */ '',
  /* 7 */ JSON.stringify({ op: 'registerSource', input: { id: 'bad-kind', title: 'A newspaper', kind: 'NEWSPAPER' } }),
  /* 8 */ JSON.stringify({ op: 'registerCompany', input: { id: 'spacex', name: 'SpaceX again' } }),
  /* 9 */ JSON.stringify(['not', 'an', 'object']),
];
const MIXED_FAILURES = [
  { line: 2, code: 'BAD_USER_INPUT' },
  { line: 3, code: 'BAD_USER_INPUT' },
  { line: 4, code: 'NOT_FOUND' },
  { line: 5, code: 'BAD_USER_INPUT' },
  { line: 7, code: 'BAD_USER_INPUT' },
  { line: 8, code: 'ALREADY_EXISTS' },
  { line: 9, code: 'BAD_USER_INPUT' },
];

describe('Given the seeded ledger and the ledger import path (LedgerImporter over the served schema)', () => {
  let api: TestApp;
  let dir: string;
  beforeAll(async () => {
    api = await startTestApp();
    dir = mkdtempSync(join(tmpdir(), 'ledger-import-'));
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const head = async () => (await api.data<{ ledgerHead: { position: string } }>(`{ ledgerHead { position } }`)).ledgerHead.position;
  const file = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  };

  it('When a file mixing a good line with malformed, unknown, NOT_FOUND and BAD_USER_INPUT lines is imported, then only the good line appends and each failure is reported by line number with its code', async () => {
    const reported: { line: number; code: string }[] = [];
    const report = await importerFor(api.app).importFile(file('mixed.ndjson', MIXED_LINES), (failure) => reported.push({ line: failure.line, code: failure.code }));
    expect({ lines: report.lines, appended: report.appended, alreadyImported: report.alreadyImported }).toEqual({ lines: 9, appended: 1, alreadyImported: 0 });
    expect(report.failures.map(({ line, code }) => ({ line, code }))).toEqual(MIXED_FAILURES);
    expect(reported).toEqual(MIXED_FAILURES);
    expect(report.failures.find((failure) => failure.line === 3)?.message).toContain('mergeCompanies');
    expect(report.failures.find((failure) => failure.line === 4)?.message).toContain('no-such-deal');
    expect(await head()).toBe('28');
    const data = await api.data<{ company: { name: string; history: { position: string; recordedBy: string }[] }; bad: null }>(
      `{ company(id: "nvidia") { name history { position recordedBy } } bad: source(id: "bad-kind") { id } }`,
    );
    expect(data).toEqual({ company: { name: 'NVIDIA', history: [{ position: '28', recordedBy: 'ledger-import' }] }, bad: null });
  });

  it('When the same file is imported again, then nothing is appended: the good line counts as already imported and the failures repeat', async () => {
    const report = await importerFor(api.app).importFile(join(dir, 'mixed.ndjson'));
    expect({ lines: report.lines, appended: report.appended, alreadyImported: report.alreadyImported }).toEqual({ lines: 9, appended: 0, alreadyImported: 1 });
    expect(report.failures.map(({ line, code }) => ({ line, code }))).toEqual(MIXED_FAILURES);
    expect(await head()).toBe('28');
  });

  it('When the seed file is imported again, then all 27 lines are already imported and nothing is appended', async () => {
    const report = await importerFor(api.app).importFile(SEED_FILE);
    expect(report).toEqual({ lines: 27, appended: 0, alreadyImported: 27, failures: [] });
    expect(await head()).toBe('28');
    expect(await api.data(`{ verifyLedger { ok checkedEvents } }`)).toEqual({ verifyLedger: { ok: true, checkedEvents: 28 } });
  });

  it('When a line reuses an explicit idempotency key with a different input, then it fails IDEMPOTENCY_KEY_REUSED', async () => {
    const seedLine = {
      op: 'signDeal',
      input: {
        id: 'another-deal',
        title: 'Another deal',
        kind: 'OTHER',
        parties: [
          { companyId: 'spacex', role: 'PARTNER' },
          { companyId: 'xai', role: 'PARTNER' },
        ],
        terms: [],
        citations: CITE,
        idempotencyKey: 'seed-deal-spacex-anthropic',
      },
    };
    const report = await importerFor(api.app).importFile(file('reuse.ndjson', [JSON.stringify(seedLine)]));
    expect(report.failures.map(({ line, code }) => ({ line, code }))).toEqual([{ line: 1, code: 'IDEMPOTENCY_KEY_REUSED' }]);
    expect(report.appended).toBe(0);
    expect(await head()).toBe('28');
  });

  it('When a file repeats a new line, then the first copy appends and the second counts as already imported', async () => {
    const line = JSON.stringify({ op: 'registerCompany', input: { id: 'amd', name: 'AMD' } });
    const first = await importerFor(api.app).importFile(file('amd.ndjson', [line, line]));
    expect(first).toEqual({ lines: 2, appended: 1, alreadyImported: 1, failures: [] });
    expect(await head()).toBe('29');
  });
});

/**
 * The real `ledger import` command, run as a process against this test's own database. It is built
 * into a scratch directory (never into the shared dist/) the way Jest builds the sources: swc, per
 * file, path aliases rewritten; well under a second, where `nest build cli` takes 10-60 s.
 */
describe('Given the CLI built from source and a seeded database', () => {
  let api: TestApp;
  let buildDir: string;
  let dataDir: string;
  let cli: string;
  beforeAll(async () => {
    api = await startTestApp();
    // Under node_modules/.cache so the built files resolve the repository's node_modules.
    buildDir = join(REPO, 'node_modules', '.cache', `ledger-cli-test-${randomBytes(4).toString('hex')}`);
    transpileApps(REPO, join(buildDir, 'out'));
    cli = join(buildDir, 'out', 'apps', 'cli', 'src', 'main.js');
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
  });
  afterAll(async () => {
    await api?.close();
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const ledger = (...args: string[]) => run(process.execPath, [cli, ...args], {
      DATABASE_URL: api.databaseUrl,
      // The test cluster runs with fsync off (global-setup.mjs): the CLI refuses it without this.
      LEDGER_UNSAFE_DURABILITY: '1',
    });

  it('When `ledger import` runs on a mixed file, then it exits 1, prints each failing line with its code on stderr and a summary on stdout', async () => {
    const path = join(dataDir, 'mixed.ndjson');
    writeFileSync(path, `${MIXED_LINES.join('\n')}\n`);
    const result = await ledger('import', path);
    expect(result.code).toBe(1);
    const failureLines = result.stderr
      .split('\n')
      .filter((line) => line.startsWith('line '))
      .map((line) => /^line (\d+): ([A-Z_]+) /.exec(line)?.slice(1, 3));
    expect(failureLines).toEqual(MIXED_FAILURES.map(({ line, code }) => [String(line), code]));
    expect(result.stdout).toMatch(/^9 lines: 1 appended, 0 already imported, 7 failed/);
    expect(result.stdout).not.toContain('Statistics refreshed'); // 1 event onto 27: less than a tenth
    expect(await api.data(`{ company(id: "nvidia") { name } ledgerHead { position } }`)).toEqual({ company: { name: 'NVIDIA' }, ledgerHead: { position: '28' } });
  });

  it('When `ledger import` runs the seed file again, then it exits 0 having appended nothing', async () => {
    const result = await ledger('import', SEED_FILE);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^27 lines: 0 appended, 27 already imported, 0 failed/);
    expect(await api.data(`{ ledgerHead { position } }`)).toEqual({ ledgerHead: { position: '28' } });
  });

  it('When `ledger verify` and `ledger head` run, then they report the same chain as the API', async () => {
    const verify = await ledger('verify');
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toEqual({ ok: true, checkedEvents: 28, firstBadPosition: null, message: null });
    const headResult = await ledger('head');
    const apiHead = await api.data<{ ledgerHead: unknown }>(`{ ledgerHead { position hash recordedAt } }`);
    expect(JSON.parse(headResult.stdout)).toEqual(apiHead.ledgerHead);
  });

  it('When `ledger import` is given no file, then it exits 2 with a usage hint', async () => {
    const result = await ledger('import');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('import needs a FILE');
  });

  it('When `ledger import` adds a tenth of the ledger or more, then it refreshes the planner`s statistics (ANALYZE, VACUUM of deal_parties) and says so', async () => {
    // Given: manual ANALYZE and VACUUM counts (autovacuum's own are counted apart)
    const counts = async () => {
      const client = new Client({ connectionString: api.databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ relname: string; analyzed: string; vacuumed: string }>(
          `SELECT relname, analyze_count AS analyzed, vacuum_count AS vacuumed FROM pg_stat_user_tables
            WHERE relname IN ('events', 'streams', 'deals', 'claims', 'deal_parties') ORDER BY relname`,
        );
        return Object.fromEntries(rows.map((row) => [row.relname, { analyzed: Number(row.analyzed), vacuumed: Number(row.vacuumed) }]));
      } finally {
        await client.end();
      }
    };
    const before = await counts();
    const path = join(dataDir, 'companies.ndjson');
    const lines = ['alpha', 'bravo', 'charlie', 'delta'].map((name) => JSON.stringify({ op: 'registerCompany', input: { id: `${name}-labs`, name: `${name} Labs` } }));
    writeFileSync(path, `${lines.join('\n')}\n`);
    // When: 4 events onto 28 (a tenth of the 32 or more)
    const result = await ledger('import', path);
    // Then
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^4 lines: 4 appended, 0 already imported, 0 failed \([\d.]+ s\)\nStatistics refreshed/);
    const after = await counts();
    for (const table of ['events', 'streams', 'deals', 'claims', 'deal_parties']) expect(after[table]!.analyzed).toBeGreaterThan(before[table]!.analyzed);
    expect(after.deal_parties!.vacuumed).toBeGreaterThan(before.deal_parties!.vacuumed);
  });
});

function run(command: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
