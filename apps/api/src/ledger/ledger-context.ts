import type { Request } from 'express';
import type { LedgerReader } from '@ledger/event-store';
import { LedgerLoaders } from './ledger-loaders';

/** What every resolver gets: who asks, the per-request loaders, and the head pinned for this request. */
export interface LedgerContext {
  readonly req?: Request;
  /** The principal recorded as recordedBy and used as the idempotency namespace. */
  readonly actor: string;
  readonly loaders: LedgerLoaders;
  readonly reader: LedgerReader;
  /** The ledger position "now" means for this request: read once, so every nested read agrees. */
  headPosition(): Promise<string>;
}

export function createLedgerContext(reader: LedgerReader, actor: string, req?: Request): LedgerContext {
  let head: Promise<string> | null = null;
  return {
    req,
    actor,
    reader,
    loaders: new LedgerLoaders(reader),
    headPosition() {
      head ??= reader.head().then((state) => state.position);
      return head;
    },
  };
}
