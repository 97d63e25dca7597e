#!/usr/bin/env node
// `npm run soak`: the long variants of the reliability suites (issue 5), then one summary.
//
// Runs the same Jest specs as `npm test` (test/ledger/{crash,database-restart,racing-writers,
// idempotent-retries,fuzz-*,durability}.e2e-spec.ts) with LEDGER_RELIABILITY_PROFILE=soak: 50 SIGKILLs
// of the API under load, 10 immediate PostgreSQL restarts, 1,000 rounds of 32 racing writers and about
// 29,000 fuzz cases. Jest's global setup starts the test PostgreSQL (embedded unless DATABASE_URL is
// set) and the specs compile what they run, so a fresh clone needs only `npm install`.
// Each suite appends its figures to a report file; this script adds them up and prints
//   kills, acknowledged events, lost (must be 0), duplicated (must be 0), fuzz cases, failures
// and exits non-zero if any suite failed. Any size can be overridden (LEDGER_CRASH_KILLS=200 npm run soak),
// and LEDGER_RELIABILITY_SEED=<seed printed by a run> replays its random choices.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const SPECS = [
  'test/ledger/crash.e2e-spec.ts',
  'test/ledger/database-restart.e2e-spec.ts',
  'test/ledger/racing-writers.e2e-spec.ts',
  'test/ledger/idempotent-retries.e2e-spec.ts',
  'test/ledger/fuzz-mutations.e2e-spec.ts',
  'test/ledger/fuzz-queries.e2e-spec.ts',
  'test/ledger/fuzz-http.e2e-spec.ts',
  'test/ledger/durability.e2e-spec.ts',
];

const stamp = `${Date.now()}-${process.pid}`;
const report = path.join(os.tmpdir(), `ledger-soak-${stamp}.ndjson`);
const jestJson = path.join(os.tmpdir(), `ledger-soak-${stamp}.jest.json`);
const started = Date.now();

const result = spawnSync(
  process.execPath,
  [require.resolve('jest/bin/jest', { paths: [root] }), '--selectProjects', 'integration', '--runTestsByPath', ...SPECS, '--json', `--outputFile=${jestJson}`],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, LEDGER_RELIABILITY_PROFILE: 'soak', LEDGER_RELIABILITY_REPORT: report },
  },
);

const suites = fs.existsSync(report)
  ? fs
      .readFileSync(report, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line))
  : [];
let failedTests = 0;
try {
  const outcome = JSON.parse(fs.readFileSync(jestJson, 'utf8'));
  failedTests = outcome.numFailedTests + outcome.numRuntimeErrorTestSuites;
} catch {
  failedTests = result.status === 0 ? 0 : 1;
}
const sum = (field) => suites.reduce((total, suite) => total + (typeof suite[field] === 'number' ? suite[field] : 0), 0);
const byName = (name) => suites.find((suite) => suite.suite === name) ?? {};

const summary = {
  kills: sum('kills'),
  'database restarts': sum('databaseRestarts'),
  'acknowledged events': sum('acknowledged'),
  lost: sum('lost'),
  duplicated: sum('duplicated'),
  'racing rounds': byName('racing-writers').rounds ?? 0,
  'fuzz cases': sum('fuzzCases'),
  failures: sum('failures') + failedTests,
};

const lines = [
  '',
  `Soak summary (${((Date.now() - started) / 60000).toFixed(1)} min, profile soak):`,
  ...Object.entries(summary).map(([name, value]) => `  ${name.padEnd(20)} ${value}`),
  '',
  'Per suite:',
  ...suites.map((suite) => `  ${JSON.stringify(suite)}`),
  '',
];
process.stdout.write(`${lines.join('\n')}\n`);
fs.rmSync(report, { force: true });
fs.rmSync(jestJson, { force: true });

const missing = ['crash', 'database-restart', 'racing-writers', 'fuzz-mutations', 'fuzz-queries', 'fuzz-http'].filter((name) => !suites.some((suite) => suite.suite === name));
if (missing.length > 0) process.stdout.write(`Suites that did not report: ${missing.join(', ')}\n`);
process.exit(summary.failures === 0 && summary.lost === 0 && summary.duplicated === 0 && missing.length === 0 && result.status === 0 ? 0 : 1);
