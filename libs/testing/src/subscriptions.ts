import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** A graphql-ws subscriber that collects what it receives, for tests. */
export interface Subscriber<T> {
  readonly received: T[];
  readonly errors: unknown[];
  /** Resolves once `count` results have arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<T[]>;
  close(): Promise<void>;
}

/** `connectionParams` authenticates the connection, e.g. { authorization: 'Bearer <token>' } or { token }. */
export function subscribe<T>(
  httpUrl: string,
  query: string,
  variables?: Record<string, unknown>,
  options: { connectionParams?: Record<string, unknown> } = {},
): Subscriber<T> {
  const client: Client = createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    connectionParams: options.connectionParams,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
  });
  const received: T[] = [];
  const errors: unknown[] = [];
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        if (result.data) received.push(result.data as T);
        notify();
      },
      error: (error) => {
        errors.push(error);
        notify();
      },
      complete: notify,
    },
  );
  return {
    received,
    errors,
    waitFor(count, timeoutMs = 10_000) {
      return new Promise<T[]>((resolve, reject) => {
        const check = () => {
          if (received.length >= count) {
            cleanup();
            resolve(received.slice(0, count));
          } else if (errors.length > 0) {
            cleanup();
            reject(new Error(`Subscription failed: ${JSON.stringify(errors)}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`Received ${received.length} of ${count} results in ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    async close() {
      unsubscribe();
      await client.dispose();
    },
  };
}
