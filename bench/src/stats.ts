import { performance } from 'node:perf_hooks';

export interface Percentiles {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** Nearest-rank percentiles of `samples` (milliseconds); zeros when there are none. */
export function percentiles(samples: readonly number[]): Percentiles {
  if (samples.length === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  return { count: sorted.length, p50: rank(50), p95: rank(95), p99: rank(99), max: sorted[sorted.length - 1]! };
}

export interface LoadResult {
  readonly concurrency: number;
  readonly seconds: number;
  /** Events committed per second inside the measured window. */
  readonly eventsPerSecond: number;
  readonly events: number;
  readonly operations: number;
  readonly errors: number;
  readonly firstError: string | null;
  /** Latency of one operation (a transaction, an HTTP request), milliseconds. */
  readonly latencyMs: Percentiles;
}

export interface LoadOptions {
  readonly concurrency: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
  /** One operation of worker `worker`; resolves with the number of events it committed. */
  readonly operation: (worker: number) => Promise<number>;
}

/**
 * A closed loop: `concurrency` workers each run one operation after another for warm-up + seconds.
 * Counted: operations completing inside the measured window (after the warm-up).
 */
export async function closedLoop(options: LoadOptions): Promise<LoadResult> {
  const start = performance.now();
  const from = start + options.warmupSeconds * 1000;
  const to = from + options.seconds * 1000;
  let events = 0;
  let operations = 0;
  let errors = 0;
  let firstError: string | null = null;
  const latencies: number[] = [];
  const worker = async (index: number): Promise<void> => {
    while (performance.now() < to) {
      const began = performance.now();
      let committed = 0;
      let failed = false;
      try {
        committed = await options.operation(index);
      } catch (error) {
        failed = true;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
      const ended = performance.now();
      if (ended >= from && ended <= to) {
        if (failed) errors += 1;
        else {
          operations += 1;
          events += committed;
          latencies.push(ended - began);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, index) => worker(index)));
  return {
    concurrency: options.concurrency,
    seconds: options.seconds,
    eventsPerSecond: events / options.seconds,
    events,
    operations,
    errors,
    firstError,
    latencyMs: percentiles(latencies),
  };
}

/** Runs `operation` `count` times one after another and returns the latency percentiles (ms). */
export async function sequentialLatencies(count: number, operation: (index: number) => Promise<void>): Promise<{ latencyMs: Percentiles; errors: number; firstError: string | null }> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  for (let index = 0; index < count; index++) {
    const began = performance.now();
    try {
      await operation(index);
      latencies.push(performance.now() - began);
    } catch (error) {
      errors += 1;
      firstError ??= error instanceof Error ? error.message : String(error);
    }
  }
  return { latencyMs: percentiles(latencies), errors, firstError };
}
