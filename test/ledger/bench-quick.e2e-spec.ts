/**
 * CI check of `npm run bench`: it completes and its results are well-formed. Never timings: the
 * figures of a shared CI runner (and of the test server, whose fsync is off) mean nothing, so only
 * their presence, finiteness and the counts that do not depend on speed are checked.
 *
 * The CI size: `--quick` with fewer events and one-second phases, a fresh database on the test
 * server (DATABASE_URL), the API and CLI from a scratch swc build (never the shared dist/).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testServerUrl } from '@ledger/testing';

const REPO = join(__dirname, '..', '..');
const EVENTS = 2000;

jest.setTimeout(300_000);

/** Every number anywhere in `value` that is not finite, by path. */
function nonFinite(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => nonFinite(item, `${path}[${index}]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => nonFinite(item, `${path}.${key}`));
  return [];
}

const LOAD_FIELDS = ['concurrency', 'seconds', 'eventsPerSecond', 'events', 'operations', 'errors', 'latencyMs'];
const PERCENTILES = ['count', 'p50', 'p95', 'p99', 'max'];

describe('Given `npm run bench` in its CI size (a fresh database on the test server, a scratch swc build)', () => {
  let resultsDir: string;
  let run: { code: number | null; stdout: string; stderr: string };
  beforeAll(async () => {
    resultsDir = mkdtempSync(join(tmpdir(), 'ledger-bench-results-'));
    const args = ['bench/run.cjs', '--quick', '--events', String(EVENTS), '--seconds', '1', '--warmup', '0.2', '--reads', '10', '--build', 'swc', '--results-dir', resultsDir];
    run = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, args, {
        cwd: REPO,
        // The test server is a throwaway cluster with fsync off, which the API refuses unless told so.
        env: { ...process.env, DATABASE_URL: testServerUrl(), LEDGER_UNSAFE_DURABILITY: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  });
  afterAll(() => {
    if (resultsDir) rmSync(resultsDir, { recursive: true, force: true });
  });

  it('When it runs, then it exits 0 and prints one table with every figure and the machine it ran on', () => {
    if (run.code !== 0) throw new Error(`bench exited ${run.code}:\n${run.stderr.slice(-6000)}`);
    const tableLines = run.stdout.split('\n').filter((line) => line.startsWith('|'));
    // Header, separator, 3 raw, 4 appends, 2 no-op floors, import, 8 reads, rebuild, verify, RSS.
    expect(tableLines).toHaveLength(2 + 3 + 4 + 2 + 1 + 8 + 3);
    for (const label of ['Raw Postgres', 'GraphQL appends', 'GraphQL no-op query', '`ledger import`', 'As-of one company', 'As-of one deal', 'As-of one claim', 'As-of a page of 50 companies', '`ledger rebuild`', '`ledger verify`', 'API peak RSS']) {
      expect(tableLines.some((line) => line.includes(label))).toBe(true);
    }
    expect(run.stdout).toMatch(/^Machine: \d+ × .+PostgreSQL/m);
  });

  it('When its JSON is read, then it is well-formed: every field present, every number finite, the counts consistent', () => {
    const files = readdirSync(resultsDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2}T[\\d-]+Z-${EVENTS}\\.json$`));
    const result = JSON.parse(readFileSync(join(resultsDir, files[0]!), 'utf8'));

    expect(nonFinite(result)).toEqual([]);
    expect(result).toMatchObject({
      schema: 'ledger-bench/1',
      options: { events: EVENTS, quick: true, build: 'swc' },
      machine: { server: 'DATABASE_URL' },
    });
    for (const key of ['cpus', 'cpuModel', 'memoryBytes', 'node']) expect(result.machine).toHaveProperty(key);
    for (const key of ['serverVersion', 'fsync', 'synchronousCommit']) expect(result.machine.postgres).toHaveProperty(key);

    // The ledger: every generated line imported, positions line for line.
    expect(result.ledger.lines).toBe(EVENTS);
    expect(result.import).toMatchObject({ lines: EVENTS, appended: EVENTS, failed: 0, exitCode: 0 });
    expect(result.ledger.headAfterImport).toBe(EVENTS);

    for (const load of [result.raw.singleRow16, result.raw.tenRow4, result.raw.tenRow16, ...result.appends, ...result.floor]) {
      for (const field of LOAD_FIELDS) expect(load).toHaveProperty(field);
      for (const field of PERCENTILES) expect(load.latencyMs).toHaveProperty(field);
    }
    expect(result.appends.map((append: { concurrency: number }) => append.concurrency)).toEqual([1, 4, 16, 64]);
    for (const append of result.appends) expect(append).toHaveProperty('ratioToRawSingleRow');
    expect(result.floor.map((request: { concurrency: number }) => request.concurrency)).toEqual([16, 64]);
    for (const request of result.floor) expect(request).toMatchObject({ errors: 0, ratioToRawSingleRow: expect.any(Number) });
    for (const request of result.floor) expect(request.operations).toBeGreaterThan(0);

    expect(result.reads.map((read: { kind: string; at: string }) => `${read.kind}@${read.at}`)).toEqual([
      'company@old',
      'company@head',
      'deal@old',
      'deal@head',
      'claim@old',
      'claim@head',
      'companiesPage@old',
      'companiesPage@head',
    ]);
    for (const read of result.reads) {
      expect(read).toMatchObject({ requests: 10, errors: 0, missing: 0 });
      for (const field of PERCENTILES) expect(read.latencyMs).toHaveProperty(field);
      for (const field of PERCENTILES) expect(read.baseline.latencyMs).toHaveProperty(field);
    }

    // Rebuild and verify cover the whole ledger: the import and the appends of the load phases.
    expect(result.rebuild).toMatchObject({ events: result.ledger.headAtReads, error: null });
    expect(result.verify).toMatchObject({ ok: true, checkedEvents: result.ledger.headAtReads, error: null });
    for (const key of ['startSeconds', 'idleRssBytes', 'peakRssBytes']) expect(result.api).toHaveProperty(key);

    expect(result.targets).toHaveLength(13);
    for (const target of result.targets) expect(typeof target.met).toBe('boolean');
    expect(typeof result.table).toBe('string');
  });
});
