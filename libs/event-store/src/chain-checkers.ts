import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { firstAlteredIndex, type RawEventRow } from './chain-check';

/** Recomputes the hashes of batches of raw rows: in this thread, or spread over worker threads. */
export interface ContentChecker {
  /** Index of the first row of `rows` whose content does not match its hash, -1 when none. */
  firstAltered(rows: readonly RawEventRow[]): Promise<number>;
  close(): Promise<void>;
}

export function inThreadChecker(): ContentChecker {
  return {
    firstAltered: (rows) => Promise.resolve().then(() => firstAlteredIndex(rows)),
    close: () => Promise.resolve(),
  };
}

/** Worker threads by default: one per core the machine has, at most 4. */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(availableParallelism(), 4));
}

/**
 * Starts chain-worker in each thread. Compiled (dist, swc builds) it is a .js file beside this one;
 * run from the TypeScript sources (the test suite), the worker compiles the .ts files it loads with
 * swc, a dev dependency.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.swc) {
  const { readFileSync } = require('node:fs');
  const { transformSync } = require(workerData.swc);
  require.extensions['.ts'] = (module, filename) => module._compile(transformSync(readFileSync(filename, 'utf8'), {
    filename, swcrc: false, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' },
  }).code, filename);
}
require(workerData.entry);
`;

type Reply = { readonly id: number; readonly index: number } | { readonly id: number; readonly error: string };

export function workerChecker(count: number): ContentChecker {
  const extension = extname(__filename);
  const workerData = {
    entry: join(__dirname, `chain-worker${extension}`),
    swc: extension === '.ts' ? require.resolve('@swc/core') : null,
  };
  const waiting = new Map<number, { resolve: (index: number) => void; reject: (error: Error) => void }>();
  let failure: Error | null = null;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  };
  const workers = Array.from({ length: count }, () => {
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData });
    worker.on('message', (reply: Reply) => {
      const pending = waiting.get(reply.id);
      if (!pending) return;
      waiting.delete(reply.id);
      if ('error' in reply) pending.reject(new Error(reply.error));
      else pending.resolve(reply.index);
    });
    worker.on('error', failAll);
    worker.on('exit', (code) => {
      if (code !== 0) failAll(new Error(`A verification worker stopped (exit ${code})`));
    });
    return worker;
  });
  let next = 0;
  return {
    firstAltered(rows) {
      if (failure) return Promise.reject(failure);
      const id = next;
      next += 1;
      return new Promise<number>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        workers[id % workers.length]!.postMessage({ id, rows });
      });
    },
    async close() {
      failure ??= new Error('The verification workers were closed');
      await Promise.all(workers.map((worker) => worker.terminate()));
      failAll(failure);
    },
  };
}
