import type { Request } from 'express';
import type { LedgerReader } from '@ledger/event-store';
import { INTERNAL_ACCESS, type Access } from '../auth/access';
import { LedgerLoaders } from './ledger-loaders';
import { todayUtc } from './world-date';

/** What every resolver gets: who asks, the per-request loaders, and the head pinned for this request. */
export interface LedgerContext {
  readonly req?: Request;
  /** The principal recorded as recordedBy and used as the idempotency namespace. */
  readonly actor: string;
  /** Who asks, as authenticated once for this request (AccessGuard checks it per root field). */
  readonly access: Access;
  /** This read's loaders (a new set after beginRead). */
  readonly loaders: LedgerLoaders;
  readonly reader: LedgerReader;
  /** The ledger position "now" means for this request: read once, so every nested read agrees. */
  headPosition(): Promise<string>;
  /**
   * The world date an omitted `on:` means for this request (UTC): read once, so every status and
   * flow in one response is seen on the same day, even across midnight, and a list of a thousand
   * deals does not ask the clock a thousand times.
   */
  today(): string;
  /**
   * Starts a new read in this context: fresh loaders, head and date. An HTTP request is one read;
   * a subscription's context lives as long as its operation (graphql-ws makes it once), and each
   * event it delivers is a read of its own, or every event's loaders and the rows they cached would
   * stay for as long as the client stays subscribed.
   */
  beginRead(): void;
}

/** `access` defaults to INTERNAL_ACCESS: for in-process callers (import, seed), never for a client's request. */
export function createLedgerContext(reader: LedgerReader, actor: string, req?: Request, access: Access = INTERNAL_ACCESS): LedgerContext {
  let loaders = new LedgerLoaders(reader);
  let head: Promise<string> | null = null;
  let today: string | null = null;
  return {
    req,
    actor,
    access,
    reader,
    get loaders() {
      return loaders;
    },
    headPosition() {
      head ??= reader.head().then((state) => state.position);
      return head;
    },
    today() {
      today ??= todayUtc();
      return today;
    },
    beginRead() {
      loaders = new LedgerLoaders(reader);
      head = null;
      today = null;
    },
  };
}
