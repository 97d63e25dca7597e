import { parentPort } from 'node:worker_threads';
import { firstAlteredIndex, type RawEventRow } from './chain-check';

/** A verification worker: answers each batch of raw rows with the index of its first altered row (-1: none). */
parentPort?.on('message', (message: { readonly id: number; readonly rows: readonly RawEventRow[] }) => {
  try {
    parentPort!.postMessage({ id: message.id, index: firstAlteredIndex(message.rows) });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
