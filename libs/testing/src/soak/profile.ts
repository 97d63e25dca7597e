/**
 * Sizes of the reliability suites. `npm test` runs the CI profile; `npm run soak` sets
 * LEDGER_RELIABILITY_PROFILE=soak for the long variants. Each size can also be set on its own
 * (e.g. LEDGER_CRASH_KILLS=20) to reproduce or to explore.
 */
import { appendFileSync } from 'node:fs';

export type ReliabilityProfile = 'ci' | 'soak';

export function reliabilityProfile(): ReliabilityProfile {
  return process.env.LEDGER_RELIABILITY_PROFILE === 'soak' ? 'soak' : 'ci';
}

/** The `variable` when set (a positive integer), else the profile's size. */
export function reliabilitySize(variable: string, sizes: { readonly ci: number; readonly soak: number }): number {
  const raw = process.env[variable]?.trim();
  if (raw) {
    if (!/^[1-9][0-9]*$/.test(raw)) throw new Error(`${variable} must be a positive integer, not "${raw}"`);
    return Number(raw);
  }
  return sizes[reliabilityProfile()];
}

/** A seed for the suite's random choices: LEDGER_RELIABILITY_SEED to replay a run, else a fresh one. */
export function reliabilitySeed(): number {
  const raw = process.env.LEDGER_RELIABILITY_SEED?.trim();
  return raw ? Number(raw) : Math.floor(Math.random() * 2 ** 31);
}

/** A small seeded PRNG (mulberry32): the same seed, the same kill moments and choices. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SuiteSummary {
  readonly suite: string;
  readonly kills?: number;
  readonly databaseRestarts?: number;
  readonly acknowledged?: number;
  readonly lost?: number;
  readonly duplicated?: number;
  readonly fuzzCases?: number;
  readonly rounds?: number;
  readonly requests?: number;
  readonly failures: number;
  readonly seconds: number;
  readonly seed?: number;
  readonly [detail: string]: unknown;
}

/**
 * Prints one line per suite and, when LEDGER_RELIABILITY_REPORT names a file (npm run soak),
 * appends the summary to it as a JSON line.
 */
export function reportSummary(summary: SuiteSummary): void {
  const parts = Object.entries(summary)
    .filter(([key]) => key !== 'suite')
    .map(([key, value]) => `${key}=${typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(1) : String(value)}`);
  process.stderr.write(`[reliability] ${summary.suite}: ${parts.join(' ')}\n`);
  const file = process.env.LEDGER_RELIABILITY_REPORT;
  if (file) appendFileSync(file, `${JSON.stringify(summary)}\n`);
}
