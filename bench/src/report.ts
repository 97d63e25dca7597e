/** The one table the benchmark prints, and the figures' JSON. */
import type { ServerSettings } from './database';
import type { ReadKind, ReadResult } from './graphql';
import type { LoadResult, Percentiles } from './stats';

export const MILLION = 1_000_000;

export interface ImportFigure {
  readonly lines: number;
  readonly appended: number;
  readonly alreadyImported: number;
  readonly failed: number;
  /** The CLI's own import time (without process start-up), or the wall time when it printed none. */
  readonly seconds: number;
  readonly wallSeconds: number;
  readonly eventsPerSecond: number;
  readonly exitCode: number | null;
  readonly firstFailures: string[];
}

export interface ReadFigure extends ReadResult {
  readonly baseline: { readonly description: string; readonly latencyMs: Percentiles; readonly rows: number; readonly errors: number };
}

export interface BenchResult {
  readonly schema: 'ledger-bench/1';
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationSeconds: number;
  readonly options: {
    readonly events: number;
    readonly quick: boolean;
    readonly seed: number;
    readonly phaseSeconds: number;
    readonly warmupSeconds: number;
    readonly readRequests: number;
    readonly build: 'dist' | 'swc';
  };
  readonly machine: {
    readonly cpus: number;
    readonly cpuModel: string;
    readonly memoryBytes: number;
    readonly platform: string;
    readonly release: string;
    readonly arch: string;
    readonly node: string;
    /** 1-minute load average when the run started and ended: other work on the machine skews every figure. */
    readonly loadAverage: { readonly atStart: number; readonly atEnd: number };
    readonly server: 'embedded' | 'DATABASE_URL';
    readonly postgres: ServerSettings;
  };
  readonly git: { readonly commit: string; readonly dirty: boolean } | null;
  readonly ledger: {
    readonly lines: number;
    readonly bytes: number;
    readonly generateSeconds: number;
    readonly ops: Record<string, number>;
    readonly companies: number;
    readonly deals: number;
    readonly claims: number;
    readonly rebuttals: number;
    readonly maxThreadDepth: number;
    readonly headAfterImport: number;
    readonly headAtReads: number;
    readonly oldPosition: number;
  };
  readonly raw: {
    readonly singleRow16: LoadResult;
    readonly tenRow4: LoadResult;
    readonly tenRow16: LoadResult;
    readonly copyEvents: { readonly rows: number; readonly seconds: number; readonly rowsPerSecond: number };
    readonly readAndHash: { readonly events: number; readonly seconds: number };
  };
  readonly appends: (LoadResult & { readonly ratioToRawSingleRow: number })[];
  /**
   * `{ __typename }` at 16 and 64 clients through the same API (HTTP, access check, request log,
   * Apollo; no store, no database): the fastest any request can be served, so the bound on the
   * appends' ratio. Here `events` and `eventsPerSecond` count requests.
   */
  readonly floor: (LoadResult & { readonly ratioToRawSingleRow: number })[];
  readonly import: ImportFigure;
  readonly reads: ReadFigure[];
  readonly rebuild: {
    readonly events: number;
    readonly rows: number;
    readonly seconds: number;
    readonly wallSeconds: number;
    readonly eventsPerSecond: number;
    /** Why `ledger rebuild` failed (its figures are then zeros), or null. */
    readonly error: string | null;
  };
  readonly verify: {
    readonly ok: boolean;
    readonly checkedEvents: number;
    readonly wallSeconds: number;
    /** The CLI's start-up and shut-down (import wall time minus its own import time), subtracted from the verify wall time. */
    readonly cliStartupSeconds: number;
    readonly seconds: number;
    /** Why `ledger verify` printed no verification, or null. */
    readonly error: string | null;
  };
  readonly api: {
    readonly startSeconds: number;
    readonly idleRssBytes: number;
    readonly peakRssBytes: number;
    readonly sampledPeakRssBytes: number;
    readonly hwmBytes: number;
  };
  readonly targets: { readonly figure: string; readonly target: string; readonly value: number; readonly met: boolean }[];
  readonly table: string;
}

export type Unfinished = Omit<BenchResult, 'targets' | 'table' | 'finishedAt' | 'durationSeconds'>;

const int = (value: number): string => Math.round(value).toLocaleString('en-US');
const ms = (value: number): string => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const ratio = (value: number): string => `${value.toFixed(2)}×`;
const rate = (result: LoadResult, unit = 'ev/s'): string =>
  `${int(result.eventsPerSecond)} ${unit} · p50 ${ms(result.latencyMs.p50)} · p99 ${ms(result.latencyMs.p99)} ms${result.errors > 0 ? ` · ${result.errors} errors` : ''}`;
/** Free text made safe for one markdown table cell. */
const cell = (text: string): string => text.replace(/\|/g, '/').replace(/\s+/g, ' ').slice(0, 160);
const spread = (p: Percentiles): string => `${ms(p.p50)} / ${ms(p.p95)} / ${ms(p.p99)} ms`;

const READ_LABELS: Record<ReadKind, string> = {
  company: 'one company with its deals',
  deal: 'one deal with terms and revisions',
  claim: 'one claim with its thread',
  companiesPage: 'a page of 50 companies',
};

/** Evaluates the issue's targets and renders the table (GitHub markdown, readable as plain text). */
export function finish(result: Unfinished, finishedAt: Date, started: Date): BenchResult {
  const targets: BenchResult['targets'] = [];
  const check = (figure: string, target: string, value: number, met: boolean): string => {
    targets.push({ figure, target, value, met });
    return met ? 'met' : '**missed**';
  };
  const rows: string[][] = [];
  const raw = result.raw;
  const ceiling = raw.singleRow16;
  const events = result.ledger.lines;
  const scaled = events === MILLION ? '' : ' ¹';

  rows.push(['Raw Postgres (`pg`): 1-event append txns, 16 connections', rate(ceiling), 'the single-row ceiling', '1.00×', '', '']);
  rows.push(['Raw Postgres: 10-event append txns, 4 connections', rate(raw.tenRow4), `1-event ceiling ${int(ceiling.eventsPerSecond)} ev/s`, ratio(raw.tenRow4.eventsPerSecond / ceiling.eventsPerSecond), '', '']);
  rows.push(['Raw Postgres: 10-event append txns, 16 connections', rate(raw.tenRow16), `1-event ceiling ${int(ceiling.eventsPerSecond)} ev/s`, ratio(raw.tenRow16.eventsPerSecond / ceiling.eventsPerSecond), '', '']);
  for (const append of result.appends) {
    const targeted = append.concurrency >= 16;
    rows.push([
      `GraphQL appends (signDeal/amendDeal/postRebuttal), ${append.concurrency} client${append.concurrency === 1 ? '' : 's'}`,
      rate(append),
      `raw 1-event ceiling ${int(ceiling.eventsPerSecond)} ev/s · p50 ${ms(ceiling.latencyMs.p50)} · p99 ${ms(ceiling.latencyMs.p99)} ms`,
      ratio(append.ratioToRawSingleRow),
      targeted ? '≥ 0.50× the ceiling' : '',
      targeted ? check(`appends ${append.concurrency} clients / raw ceiling`, '>= 0.5', append.ratioToRawSingleRow, append.ratioToRawSingleRow >= 0.5 && append.errors === 0) : '',
    ]);
  }
  for (const request of result.floor) {
    rows.push([
      `GraphQL no-op query \`{ __typename }\` (same HTTP, access check, request log and Apollo; no store, no database), ${request.concurrency} clients`,
      rate(request, 'req/s'),
      `raw 1-event ceiling ${int(ceiling.eventsPerSecond)} ev/s`,
      ratio(request.ratioToRawSingleRow),
      '',
      '',
    ]);
  }
  const bestBatch = Math.max(raw.tenRow4.eventsPerSecond, raw.tenRow16.eventsPerSecond);
  const imported = result.import;
  rows.push([
    `\`ledger import\` of the NDJSON (${int(imported.appended)} events${imported.failed > 0 ? `, **${imported.failed} failed lines**` : ''})`,
    `${int(imported.eventsPerSecond)} ev/s (${imported.seconds.toFixed(1)} s)`,
    `raw 10-event txns ${int(bestBatch)} ev/s`,
    ratio(imported.eventsPerSecond / bestBatch),
    '≥ 20,000 ev/s',
    check('import events/s', '>= 20000', imported.eventsPerSecond, imported.eventsPerSecond >= 20_000 && imported.failed === 0),
  ]);
  for (const read of result.reads) {
    const position = read.at === 'old' ? `old position ${int(Number(read.position))}` : `the head ${int(Number(read.position))}`;
    const isPage = read.kind === 'companiesPage';
    const limit = isPage ? (read.at === 'old' ? 50 : null) : 20;
    const bad = read.errors + read.missing;
    rows.push([
      `As-of ${READ_LABELS[read.kind]}, at ${position} (p50 / p95 / p99, ${read.requests} requests${bad > 0 ? `, **${bad} failed**` : ''})`,
      spread(read.latencyMs),
      `${read.baseline.description}: ${spread(read.baseline.latencyMs)}`,
      `${ratio(read.latencyMs.p95 / Math.max(read.baseline.latencyMs.p95, 1e-6))} (p95)`,
      limit === null ? '' : `p95 ≤ ${limit} ms${scaled}`,
      limit === null ? '' : check(`as-of ${read.kind} at ${read.at} p95 ms`, `<= ${limit}`, read.latencyMs.p95, read.latencyMs.p95 <= limit && bad === 0),
    ]);
  }
  const rebuild = result.rebuild;
  rows.push([
    rebuild.error ? '`ledger rebuild`' : `\`ledger rebuild\` (${int(rebuild.events)} events, ${int(rebuild.rows)} rows)`,
    rebuild.error
      ? `**FAILED** after ${rebuild.wallSeconds.toFixed(0)} s: ${cell(rebuild.error)}`
      : `${int(rebuild.eventsPerSecond)} ev/s (${rebuild.seconds.toFixed(1)} s; the whole command ${rebuild.wallSeconds.toFixed(1)} s, with start-up and checksums before and after)`,
    `raw INSERT … SELECT of every event ${int(raw.copyEvents.rowsPerSecond)} rows/s`,
    ratio(rebuild.eventsPerSecond / Math.max(raw.copyEvents.rowsPerSecond, 1e-9)),
    '≥ 20,000 ev/s',
    check('rebuild events/s', '>= 20000', rebuild.eventsPerSecond, rebuild.eventsPerSecond >= 20_000),
  ]);
  const verify = result.verify;
  const verifyRate = verify.checkedEvents / Math.max(verify.seconds, 1e-9);
  const verifyLimit = (30 * verify.checkedEvents) / MILLION;
  rows.push([
    `\`ledger verify\` (${int(verify.checkedEvents)} events${verify.ok || verify.error ? '' : ', **NOT OK**'}; net of ${verify.cliStartupSeconds.toFixed(1)} s CLI start-up)`,
    verify.error ? `**FAILED** after ${verify.wallSeconds.toFixed(0)} s: ${cell(verify.error)}` : `${verify.seconds.toFixed(2)} s (${int(verifyRate)} ev/s)`,
    `raw read + canonical JSON + SHA-256 chain in Node ${raw.readAndHash.seconds.toFixed(2)} s`,
    ratio(verify.seconds / Math.max(raw.readAndHash.seconds, 1e-9)),
    events === MILLION ? '≤ 30 s' : `≤ 30 s per 1M (${verifyLimit.toFixed(1)} s here)`,
    check('verify seconds', `<= ${verifyLimit}`, verify.seconds, verify.seconds <= verifyLimit && verify.ok),
  ]);
  const api = result.api;
  rows.push([
    'API peak RSS (VmHWM, whole run)',
    mib(api.peakRssBytes),
    `idle after start ${mib(api.idleRssBytes)}`,
    ratio(api.peakRssBytes / Math.max(api.idleRssBytes, 1)),
    '≤ 300 MiB',
    check('API peak RSS MiB', '<= 300', api.peakRssBytes / 1024 / 1024, api.peakRssBytes <= 300 * 1024 * 1024),
  ]);

  const machine = result.machine;
  const header = ['Figure', 'This run', 'Baseline (same run, same server)', 'Ratio', 'Target', 'Met?'];
  const lines = [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
  const met = targets.filter((target) => target.met).length;
  const notes = [
    `Ledger: ${int(events)} generated events (seed ${result.options.seed}), head ${int(result.ledger.headAtReads)} at the reads; ` +
      `${result.options.quick ? 'quick mode, ' : ''}${result.options.phaseSeconds} s per load phase after ${result.options.warmupSeconds} s warm-up.`,
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${mib(machine.memoryBytes)} RAM, ${machine.platform} ${machine.release}, Node ${machine.node}, ` +
      `PostgreSQL ${machine.postgres.serverVersion} (${machine.server}; fsync ${machine.postgres.fsync}, synchronous_commit ${machine.postgres.synchronousCommit}, shared_buffers ${machine.postgres.sharedBuffers}); ` +
      `load average ${machine.loadAverage.atStart.toFixed(1)} at the start, ${machine.loadAverage.atEnd.toFixed(1)} at the end.`,
    `Targets met: ${met} of ${targets.length}.${events === MILLION ? '' : ` ¹ The targets are set for 1,000,000 events; this run has ${int(events)}.`}`,
  ];
  const table = [...lines, '', ...notes].join('\n');
  return {
    ...result,
    finishedAt: finishedAt.toISOString(),
    durationSeconds: (finishedAt.getTime() - started.getTime()) / 1000,
    targets,
    table,
  };
}
