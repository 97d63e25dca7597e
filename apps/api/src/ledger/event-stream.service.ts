import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { PoolClient } from 'pg';
import type { EventType } from '@ledger/domain/ledger/events';
import { LedgerReader, type LedgerDatabase, type StoredEvent } from '@ledger/event-store';
import { LEDGER_DATABASE } from './ledger.tokens';

export interface EventStreamFilter {
  readonly types?: readonly EventType[] | null;
  readonly entityId?: string | null;
  /** Deliver every matching event after this position first; default: the head at subscription. */
  readonly afterPosition?: string | null;
}

const CHANNEL = 'ledger_events';
/** A listener that misses a notification (connection lost) still catches up this often. */
const SAFETY_POLL_MS = 5_000;
const PAGE_SIZE = 200;

/**
 * Live events for subscriptions. One dedicated connection LISTENs on `ledger_events` (a trigger
 * NOTIFYs on commit); every subscriber then reads the events table after its own last position,
 * in position order, so it gets each committed event once, with no gap, whichever API process
 * appended it.
 */
@Injectable()
export class EventStreamService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(EventStreamService.name);
  private readonly waiters = new Set<() => void>();
  private listener: PoolClient | null = null;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(LEDGER_DATABASE) private readonly database: LedgerDatabase,
    private readonly reader: LedgerReader,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.listen().catch((error: unknown) => this.scheduleReconnect(error));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.wakeAll();
    const listener = this.listener;
    this.listener = null;
    if (listener) {
      await listener.query(`UNLISTEN ${CHANNEL}`).catch(() => undefined);
      listener.release();
    }
  }

  /**
   * A subscription's iterator: its return() (the client went away) ends it at once, even while
   * it waits for the next commit.
   */
  subscribe(filter: EventStreamFilter): AsyncIterableIterator<StoredEvent> {
    const signal = { closed: false };
    const events = this.events(filter, signal);
    const close = async (): Promise<IteratorResult<StoredEvent>> => {
      signal.closed = true;
      this.wakeAll();
      return { done: true, value: undefined };
    };
    return {
      next: () => (signal.closed ? close() : events.next()),
      return: close,
      throw: async (error: unknown) => {
        await close();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** Matching events after the filter's position, then each new one as it commits. */
  async *events(filter: EventStreamFilter, signal?: { readonly closed: boolean }): AsyncGenerator<StoredEvent> {
    let last = filter.afterPosition ?? (await this.reader.head()).position;
    while (!this.stopped && !signal?.closed) {
      const wake = this.nextWake();
      const head = (await this.reader.head()).position;
      while (BigInt(last) < BigInt(head)) {
        const page = await this.reader.events(
          { types: filter.types ?? null, entityId: filter.entityId ?? null },
          head,
          last,
          PAGE_SIZE,
        );
        for (const stored of page) {
          if (signal?.closed) return;
          yield stored;
        }
        last = page.length === PAGE_SIZE ? page[page.length - 1]!.event.position : head;
      }
      await wake;
    }
  }

  private nextWake(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, SAFETY_POLL_MS);
      const waiters = this.waiters;
      function done() {
        clearTimeout(timer);
        waiters.delete(done);
        resolve();
      }
      waiters.add(done);
    });
  }

  private wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }

  private async listen(): Promise<void> {
    const client = await this.database.pool.connect();
    client.on('notification', () => this.wakeAll());
    let released = false;
    client.on('error', (error) => {
      // Release once: after shutdown the client is back in the pool already, and a late error (its
      // backend terminated by DROP DATABASE ... WITH (FORCE), say) must not release it again: that throws.
      if (this.stopped || released) return;
      released = true;
      if (this.listener === client) this.listener = null;
      client.release(error);
      this.scheduleReconnect(error);
    });
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
    this.wakeAll(); // catch up on anything committed while not listening
  }

  private scheduleReconnect(error: unknown): void {
    if (this.stopped || this.reconnectTimer) return;
    this.logger.warn(`Listening for new events failed (${error instanceof Error ? error.message : String(error)}); retrying`);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.listen().catch((next: unknown) => this.scheduleReconnect(next));
    }, 1_000);
  }
}
