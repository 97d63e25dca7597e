/**
 * `npm run bench`: the ledger's benchmark. Every figure stands beside a baseline measured in the same
 * run on the same PostgreSQL server (DESIGN.md §6, issue 4). See the README's "Benchmark" section.
 *
 * Phases: build check → fresh database → generate the NDJSON ledger → `ledger import` (real CLI
 * process) → raw Postgres appends (the ceiling) → the API as a process: GraphQL appends at 1/4/16/64
 * clients, as-of reads at an old position and at the head, RSS → raw INSERT…SELECT, `ledger rebuild`
 * → raw read-and-hash, `ledger verify` → one table on stdout, the same figures as JSON in bench/results.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, createReadStream, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { redactUrl } from '../../libs/event-store/src/database/database-url';
import { prepareBuild, type AppBuild } from './build';
import { createBenchDatabase, serverSettings, withClient, type BenchDatabase } from './database';
import { generateLedger } from './generate';
import { asOfReads, chooseReadTargets, graphqlAppends, GraphqlClient, graphqlFloor, type ReadKind } from './graphql';
import { runCli, startApi, tail, type ApiProcess } from './processes';
import { dropRawTables, rawAppends, rawCopyEvents, rawQueryLatency, rawReadAndHash, setUpRawTables, type RawPayload } from './raw';
import { finish, type BenchResult, type ImportFigure, type ReadFigure, type Unfinished } from './report';
import type { LoadResult } from './stats';

const USAGE = `Usage: npm run bench [-- options]

  --events N        events in the generated ledger (default 1,000,000; 50,000 with --quick)
  --quick           50,000 events, 4 s load phases, 50 requests per read figure (under 3 minutes on 2 cores)
  --seconds N       measured seconds per load phase (default 20; 4 with --quick)
  --warmup N        warm-up seconds before each load phase (default 3; 1 with --quick)
  --reads N         requests per as-of read figure (default 200; 50 with --quick)
  --seed N          seed of the generated ledger (default 20261122)
  --build dist|swc  run dist/ (default; \`nest build api\` first when missing or stale) or a scratch swc build
  --results-dir D   where the JSON goes (default bench/results)

DATABASE_URL unset: an embedded PostgreSQL in a temp directory (fsync on), deleted at the end.
DATABASE_URL set: a new database ledger_bench_<random> on that server, dropped at the end.`;

interface Options {
  events: number;
  quick: boolean;
  seconds: number;
  warmup: number;
  reads: number;
  seed: number;
  build: 'dist' | 'swc';
  resultsDir: string;
}

function parseOptions(argv: string[], repo: string): Options | 'help' {
  const quick = argv.includes('--quick');
  const options: Options = {
    events: quick ? 50_000 : 1_000_000,
    quick,
    seconds: quick ? 4 : 20,
    warmup: quick ? 1 : 3,
    reads: quick ? 50 : 200,
    seed: 20261122,
    build: 'dist',
    resultsDir: join(repo, 'bench', 'results'),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value\n\n${USAGE}`);
      return next;
    };
    const number = (min: number): number => {
      const text = value().replace(/[_,]/g, '');
      const parsed = Number(text);
      if (!Number.isFinite(parsed) || parsed < min) throw new Error(`${arg} needs a number ≥ ${min}, not "${text}"`);
      return parsed;
    };
    switch (arg) {
      case '--help':
      case '-h':
        return 'help';
      case '--quick':
        break;
      case '--events':
        options.events = Math.floor(number(100));
        break;
      case '--seconds':
        options.seconds = number(0.5);
        break;
      case '--warmup':
        options.warmup = number(0);
        break;
      case '--reads':
        options.reads = Math.floor(number(1));
        break;
      case '--seed':
        options.seed = Math.floor(number(0));
        break;
      case '--build': {
        const build = value();
        if (build !== 'dist' && build !== 'swc') throw new Error('--build is dist or swc');
        options.build = build;
        break;
      }
      case '--results-dir':
        options.resultsDir = resolve(value());
        break;
      default:
        throw new Error(`Unknown option "${arg}"\n\n${USAGE}`);
    }
  }
  return options;
}

export async function main(argv: string[], repo: string): Promise<number> {
  const parsed = parseOptions(argv, repo);
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const options = parsed;
  const started = new Date();
  const clock = performance.now();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const log = (line: string): void => {
    process.stderr.write(`[bench ${((performance.now() - clock) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);
  };

  const cleanups: (() => Promise<void> | void)[] = [];
  let cleaning: Promise<void> | undefined;
  const cleanup = (): Promise<void> =>
    (cleaning ??= (async () => {
      for (const step of cleanups.reverse()) {
        try {
          await step();
        } catch (error) {
          log(`clean-up: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    })());
  const onSignal = (signal: NodeJS.Signals): void => {
    log(`${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    const build: AppBuild = prepareBuild(repo, options.build, log);
    cleanups.push(() => build.cleanup());
    const work = mkdtempSync(join(os.tmpdir(), 'ledger-bench-'));
    chmodSync(work, 0o755);
    cleanups.push(() => rmSync(work, { recursive: true, force: true }));
    const database: BenchDatabase = await createBenchDatabase(log);
    cleanups.push(() => database.drop());
    const settings = await serverSettings(database.url);
    log(`PostgreSQL ${settings.serverVersion} at ${redactUrl(database.url)}: fsync ${settings.fsync}, synchronous_commit ${settings.synchronousCommit}`);
    if (settings.fsync !== 'on' || settings.synchronousCommit === 'off') {
      // The API and the CLI refuse such a server unless told it is a throwaway one.
      if (!process.env.LEDGER_UNSAFE_DURABILITY) {
        throw new Error(
          `the DATABASE_URL server does not make commits durable (fsync ${settings.fsync}, synchronous_commit ${settings.synchronousCommit}): ` +
            'the API refuses it. Benchmark a durable server, or set LEDGER_UNSAFE_DURABILITY=1 (figures are then not production figures).',
        );
      }
      log('warning: this server does not flush commits (fsync/synchronous_commit off): figures are not production figures');
    }

    // A token for the API's access control (production refuses to run open); sent on every request.
    const adminToken = randomBytes(32).toString('base64url');
    const headers = { authorization: `Bearer ${adminToken}` };
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: database.url,
      LEDGER_SEED: 'off',
      LEDGER_ADMIN_TOKEN: adminToken,
      NODE_ENV: 'production',
    };

    // ------------------------------------------------------------ the ledger
    const ledgerFile = join(work, `ledger-${options.events}.ndjson`);
    const began = performance.now();
    const manifest = generateLedger(ledgerFile, options.events, options.seed);
    const generateSeconds = (performance.now() - began) / 1000;
    log(`generated ${manifest.lines.toLocaleString('en-US')} events (${(manifest.bytes / 1024 / 1024).toFixed(0)} MiB) in ${generateSeconds.toFixed(1)} s: ` +
      Object.entries(manifest.ops).map(([op, count]) => `${op} ${count}`).join(', '));
    const payloads = await rawPayloads(ledgerFile);

    log(`ledger import ${relative(repo, ledgerFile) || ledgerFile} (the real CLI, as a process)…`);
    const importRun = await runCli(repo, build, ['import', ledgerFile], env);
    const importFigure = parseImport(importRun, manifest.lines);
    log(`import: ${importRun.stdout.trim() || `(no summary; exit ${importRun.code})`}`);
    if (importFigure.failed > 0 || importRun.code !== 0) {
      log(`warning: ${importFigure.failed} lines failed (exit ${importRun.code}); first: ${importFigure.firstFailures.join(' | ') || importRun.stderr.slice(0, 500)}`);
    }
    if (importFigure.appended === 0) throw new Error(`the import appended nothing:\n${importRun.stderr.slice(-4000)}`);
    const headAfterImport = await ledgerHead(database.url);
    const oldPosition = Math.max(1, Math.floor(headAfterImport * 0.1));

    // ------------------------------------------------------------ raw Postgres ceiling
    await setUpRawTables(database.url);
    const rawPhase = async (connections: number, rowsPerTransaction: number): Promise<LoadResult> => {
      const result = await rawAppends(database.url, { connections, rowsPerTransaction, warmupSeconds: options.warmup, seconds: options.seconds, payloads });
      log(`raw ${rowsPerTransaction}-event txns at ${connections} connections: ${Math.round(result.eventsPerSecond)} ev/s, p50 ${result.latencyMs.p50.toFixed(2)} ms, p99 ${result.latencyMs.p99.toFixed(2)} ms` +
        (result.errors ? `, ${result.errors} errors (${result.firstError})` : ''));
      return result;
    };
    const singleRow16 = await rawPhase(16, 1);
    const tenRow4 = await rawPhase(4, 10);
    const tenRow16 = await rawPhase(16, 10);

    // ------------------------------------------------------------ the API
    const port = await freePort();
    const logFile = join(work, 'api.log');
    log(`starting the API (node ${relative(repo, build.apiMain)}, ${build.kind === 'dist' ? 'a copy of dist/' : 'the swc build'})…`);
    const api: ApiProcess = await startApi(repo, build, env, port, logFile, headers);
    cleanups.push(() => api.stop());
    await new Promise((done) => setTimeout(done, 1000));
    const idleRss = api.currentRss() ?? 0;
    log(`API up in ${api.startSeconds.toFixed(1)} s (pid ${api.pid}), idle RSS ${(idleRss / 1024 / 1024).toFixed(0)} MiB`);

    const appends: BenchResult['appends'] = [];
    for (const concurrency of [1, 4, 16, 64]) {
      const client = new GraphqlClient(api.url, headers, concurrency);
      try {
        const result = await graphqlAppends(client, manifest, {
          concurrency,
          warmupSeconds: options.warmup,
          seconds: options.seconds,
          tag: `${concurrency}x`,
          seed: options.seed + concurrency,
        });
        appends.push({ ...result, ratioToRawSingleRow: result.eventsPerSecond / Math.max(singleRow16.eventsPerSecond, 1e-9) });
        log(`GraphQL appends at ${concurrency} clients: ${Math.round(result.eventsPerSecond)} ev/s, p50 ${result.latencyMs.p50.toFixed(1)} ms, p99 ${result.latencyMs.p99.toFixed(1)} ms` +
          (result.errors ? `, ${result.errors} errors (${result.firstError})` : ''));
      } finally {
        client.close();
      }
    }

    const floor: BenchResult['floor'] = [];
    for (const concurrency of [16, 64]) {
      const client = new GraphqlClient(api.url, headers, concurrency);
      try {
        const result = await graphqlFloor(client, { concurrency, warmupSeconds: options.warmup, seconds: options.seconds });
        floor.push({ ...result, ratioToRawSingleRow: result.eventsPerSecond / Math.max(singleRow16.eventsPerSecond, 1e-9) });
        log(`GraphQL { __typename } at ${concurrency} clients (the stack's floor): ${Math.round(result.eventsPerSecond)} req/s, p50 ${result.latencyMs.p50.toFixed(1)} ms, p99 ${result.latencyMs.p99.toFixed(1)} ms` +
          (result.errors ? `, ${result.errors} errors (${result.firstError})` : ''));
      } finally {
        client.close();
      }
    }

    const reads: ReadFigure[] = [];
    const reader = new GraphqlClient(api.url, headers, 1);
    let headAtReads: number;
    try {
      headAtReads = Number((await reader.data<{ ledgerHead: { position: string } }>('{ ledgerHead { position } }')).ledgerHead.position);
      const targets = chooseReadTargets(manifest, oldPosition, 50, options.seed);
      for (const kind of ['company', 'deal', 'claim', 'companiesPage'] as ReadKind[]) {
        for (const [at, position] of [['old', oldPosition], ['head', headAtReads]] as const) {
          const result = await asOfReads(reader, kind, at, String(position), targets, options.reads);
          const baseline = await readBaseline(database.url, kind, position, targets, options.reads);
          reads.push({ ...result, baseline });
          log(`as-of ${kind} at ${at} (${position}): p50 ${result.latencyMs.p50.toFixed(1)} / p95 ${result.latencyMs.p95.toFixed(1)} / p99 ${result.latencyMs.p99.toFixed(1)} ms` +
            (result.errors + result.missing ? `, ${result.errors} errors, ${result.missing} missing (${result.firstError ?? ''})` : '') +
            `; raw ${baseline.latencyMs.p95.toFixed(2)} ms p95`);
        }
      }
    } finally {
      reader.close();
    }
    const rss = api.peakRss();
    await api.stop();
    const peakRss = Math.max(rss.hwmBytes ?? 0, rss.sampledBytes ?? 0);
    log(`API stopped; peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
    if (/error/i.test(tail(logFile, 20_000)) && appends.some((append) => append.errors > 0)) {
      log(`the API's log ends with:\n${tail(logFile, 2000)}`);
    }

    // ------------------------------------------------------------ rebuild and verify
    const copyEvents = await rawCopyEvents(database.url);
    log(`raw INSERT…SELECT of ${copyEvents.rows} events: ${Math.round(copyEvents.rowsPerSecond)} rows/s`);
    // A failing phase is reported in the table and the JSON (and the exit code), not allowed to
    // throw away the figures measured before it.
    const failures: string[] = [];
    const rebuildRun = await runCli(repo, build, ['rebuild'], env);
    const rebuild = parseRebuild(rebuildRun);
    if (rebuild.error) {
      failures.push(`ledger rebuild: ${rebuild.error}`);
      log(`ledger rebuild FAILED (exit ${rebuildRun.code}): ${rebuildRun.stderr.trim().slice(-2000)}`);
    } else log(`rebuild: ${rebuildRun.stdout.trim()}`);

    const readAndHash = await rawReadAndHash(database.url);
    log(`raw read + hash of ${readAndHash.events} events: ${readAndHash.seconds.toFixed(2)} s`);
    const verifyRun = await runCli(repo, build, ['verify'], env);
    const verification = parseJson<{ ok?: boolean; checkedEvents?: number }>(verifyRun.stdout);
    // The CLI's start-up and shut-down (Nest context, migrations check): the import's wall time minus
    // the import time it reports itself; verify prints no time of its own.
    const cliStartupSeconds = Math.max(0, importFigure.wallSeconds - importFigure.seconds);
    log(`verify: ${verifyRun.stdout.trim()} (${verifyRun.seconds.toFixed(2)} s wall, CLI start-up ${cliStartupSeconds.toFixed(2)} s)`);
    const verifyError = verification === null ? firstLine(verifyRun.stderr) || `exit ${verifyRun.code}, no verification printed` : null;
    if (verifyError) {
      failures.push(`ledger verify: ${verifyError}`);
      log(`ledger verify FAILED (exit ${verifyRun.code}): ${verifyRun.stderr.trim().slice(-2000)}`);
    }
    await dropRawTables(database.url);

    // ------------------------------------------------------------ the table and the JSON
    const unfinished: Unfinished = {
      schema: 'ledger-bench/1',
      startedAt: started.toISOString(),
      options: {
        events: options.events,
        quick: options.quick,
        seed: options.seed,
        phaseSeconds: options.seconds,
        warmupSeconds: options.warmup,
        readRequests: options.reads,
        build: options.build,
      },
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
        memoryBytes: os.totalmem(),
        platform: os.platform(),
        release: os.release(),
        arch: os.arch(),
        node: process.version,
        loadAverage: { atStart: loadAtStart, atEnd: os.loadavg()[0] ?? 0 },
        server: database.server,
        postgres: settings,
      },
      git: gitState(repo),
      ledger: {
        lines: manifest.lines,
        bytes: manifest.bytes,
        generateSeconds,
        ops: manifest.ops,
        companies: manifest.companies.length,
        deals: manifest.deals.length,
        claims: manifest.claims.length,
        rebuttals: manifest.rebuttals,
        maxThreadDepth: manifest.maxThreadDepth,
        headAfterImport,
        headAtReads,
        oldPosition,
      },
      raw: { singleRow16, tenRow4, tenRow16, copyEvents, readAndHash },
      appends,
      floor,
      import: importFigure,
      reads,
      rebuild,
      verify: {
        ok: verification?.ok === true,
        checkedEvents: verification?.checkedEvents ?? 0,
        error: verifyError,
        wallSeconds: verifyRun.seconds,
        cliStartupSeconds,
        seconds: Math.max(0.001, verifyRun.seconds - cliStartupSeconds),
      },
      api: {
        startSeconds: api.startSeconds,
        idleRssBytes: idleRss,
        peakRssBytes: peakRss,
        sampledPeakRssBytes: rss.sampledBytes ?? 0,
        hwmBytes: rss.hwmBytes ?? 0,
      },
    };
    const result = finish(unfinished, new Date(), started);
    mkdirSync(options.resultsDir, { recursive: true });
    const stamp = result.startedAt.replace(/[:.]/g, '-');
    const file = join(options.resultsDir, `${stamp}-${options.events}.json`);
    writeFileSync(`${file}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
    process.stdout.write(`\n${result.table}\n\nFigures: ${relative(process.cwd(), file) || file}\n`);
    if (failures.length > 0) {
      log(`done in ${result.durationSeconds.toFixed(0)} s, with failed phases:\n  ${failures.join('\n  ')}`);
      return 1;
    }
    log(`done in ${result.durationSeconds.toFixed(0)} s`);
    return 0;
  } finally {
    await cleanup();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

// ------------------------------------------------------------------ helpers

const EVENT_TYPES: Record<string, string> = { signDeal: 'DEAL_SIGNED', amendDeal: 'DEAL_AMENDED', postRebuttal: 'REBUTTAL_POSTED' };

/** Event rows for the raw baseline, shaped like the GraphQL mix's events (the generated inputs as data). */
async function rawPayloads(file: string): Promise<RawPayload[]> {
  const payloads: RawPayload[] = [];
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const text of lines) {
    const { op, input } = JSON.parse(text) as { op: string; input: Record<string, any> };
    const type = EVENT_TYPES[op];
    if (!type) continue;
    const { citations = [], idempotencyKey: _key, expectedVersion: _version, ...data } = input;
    const ids = [input.id, input.dealId, input.targetId, ...(input.parties ?? []).map((party: { companyId: string }) => party.companyId)]
      .concat(citations.map((citation: { sourceId: string }) => citation.sourceId))
      .filter((id): id is string => typeof id === 'string');
    payloads.push({
      type,
      data: JSON.stringify(data),
      citations: JSON.stringify(citations),
      entityIds: [...new Set(ids)],
      occurredOn: input.signedOn ?? input.effectiveOn ?? input.occurredOn ?? null,
    });
    if (payloads.length >= 3000) break;
  }
  lines.close();
  if (payloads.length === 0) throw new Error('the generated ledger has no signDeal/amendDeal/postRebuttal line');
  return payloads;
}

function parseImport(run: { code: number | null; stdout: string; stderr: string; seconds: number }, lines: number): ImportFigure {
  const summary = /(\d+) lines: (\d+) appended, (\d+) already imported, (\d+) failed(?: \(([\d.]+) s\))?/.exec(run.stdout);
  const appended = summary ? Number(summary[2]) : 0;
  const seconds = summary?.[5] ? Number(summary[5]) : run.seconds;
  return {
    lines: summary ? Number(summary[1]) : lines,
    appended,
    alreadyImported: summary ? Number(summary[3]) : 0,
    failed: summary ? Number(summary[4]) : lines,
    seconds,
    wallSeconds: run.seconds,
    eventsPerSecond: appended / Math.max(seconds, 1e-9),
    exitCode: run.code,
    firstFailures: run.stderr
      .split('\n')
      .filter((line) => line.startsWith('line '))
      .slice(0, 5),
  };
}

function parseRebuild(run: { code: number | null; stdout: string; stderr: string; seconds: number }): BenchResult['rebuild'] {
  const match = /Rebuilt (\d+) rows from (\d+) events in ([\d.]+) s/.exec(run.stdout);
  if (!match || run.code !== 0) {
    const error = firstLine(run.stderr) || `exit ${run.code}, no report: ${run.stdout.slice(0, 300)}`;
    return { events: 0, rows: 0, seconds: 0, wallSeconds: run.seconds, eventsPerSecond: 0, error };
  }
  const seconds = Number(match[3]);
  const events = Number(match[2]);
  return { events, rows: Number(match[1]), seconds, wallSeconds: run.seconds, eventsPerSecond: events / Math.max(seconds, 1e-9), error: null };
}

/** The most telling line of a failing command's stderr (Prisma puts the database message last). */
function firstLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('at '));
  return (lines.find((line) => /Message:|error|failed/i.test(line)) ?? lines[0] ?? '').slice(0, 300);
}

function parseJson<T>(text: string): T | null {
  const line = text
    .trim()
    .split('\n')
    .reverse()
    .find((candidate) => candidate.trim().startsWith('{'));
  if (!line) return null;
  try {
    return JSON.parse(line) as T;
  } catch {
    return null;
  }
}

async function ledgerHead(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ position: string }>('SELECT position FROM ledger_head WHERE id = 1');
    return Number(rows[0]?.position ?? 0);
  });
}

/** The raw-Postgres counterpart of each read: what replaying it from the events would have to fetch. */
async function readBaseline(
  url: string,
  kind: ReadKind,
  position: number,
  targets: ReturnType<typeof chooseReadTargets>,
  count: number,
): Promise<ReadFigure['baseline']> {
  const at = String(position);
  if (kind === 'companiesPage') {
    const result = await rawQueryLatency(url, count, () => ({
      text: `SELECT * FROM events WHERE type = 'COMPANY_REGISTERED' AND position <= $1::bigint ORDER BY position LIMIT 50`,
      values: [at],
    }));
    return { description: 'raw first 50 COMPANY_REGISTERED events ≤ position', ...result };
  }
  const ids = targets[kind].map((target) => target.id);
  if (kind === 'deal') {
    const result = await rawQueryLatency(url, count, (index) => ({
      text: 'SELECT * FROM events WHERE stream_id = $1 AND position <= $2::bigint ORDER BY version',
      values: [ids[index % ids.length], at],
    }));
    return { description: "raw the deal stream's events ≤ position", ...result };
  }
  const result = await rawQueryLatency(url, count, (index) => ({
    text: 'SELECT * FROM events WHERE entity_ids @> ARRAY[$1]::text[] AND position <= $2::bigint ORDER BY position',
    values: [ids[index % ids.length], at],
  }));
  return { description: `raw every event mentioning the ${kind} ≤ position`, ...result };
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = net.createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? done(port) : fail(new Error('no free port'))));
    });
  });
}

function gitState(repo: string): BenchResult['git'] {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return { commit, dirty };
  } catch {
    return null;
  }
}
