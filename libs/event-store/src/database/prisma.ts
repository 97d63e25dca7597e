import { PrismaPg } from '@prisma/adapter-pg';
import { Pool, type PoolClient, type PoolConfig } from 'pg';
import { PrismaClient } from '../generated/prisma/client';
import { withLedgerSessions } from './session-options';

export type LedgerPrismaClient = PrismaClient;

export interface LedgerDatabase {
  readonly prisma: PrismaClient;
  readonly pool: Pool;
  /**
   * The append path's own connections (EventStore), in node-postgres's pipeline mode: statements
   * queued together go out at once and run in order, without a round trip, or a turn of the event
   * loop, between them. Two: one batch commits at a time per process, plus its error translation.
   */
  readonly appendPool: Pool;
  close(): Promise<void>;
}

export interface LedgerDatabaseOptions {
  poolSize?: number;
  /**
   * Sees the text of every statement any client of the pool sends (Prisma's, raw, LISTEN), before it
   * is sent. For tests and diagnostics (e.g. counting the statements of one GraphQL request).
   */
  onQuery?: (sql: string) => void;
}

/**
 * One pg pool shared by Prisma (through its pg adapter) and the few places that need a raw client,
 * and the append path's own pipelined pool.
 */
export function connectLedgerDatabase(url: string, options: LedgerDatabaseOptions = {}): LedgerDatabase {
  const pool = newPool(url, { max: options.poolSize ?? 10, application_name: 'deal-claims-ledger' }, options.onQuery);
  const appendPool = newPool(url, { max: 2, application_name: 'deal-claims-ledger-append', pipeline: true }, options.onQuery);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    pool,
    appendPool,
    async close() {
      await prisma.$disconnect();
      await Promise.all([pool.end().catch(() => undefined), appendPool.end().catch(() => undefined)]);
    },
  };
}

function newPool(url: string, config: Omit<PoolConfig, 'connectionString'>, onQuery: ((sql: string) => void) | undefined): Pool {
  const pool = new Pool({ ...config, connectionString: withLedgerSessions(url) });
  // An idle client that loses its server (restart, kill) must not crash the process.
  pool.on('error', () => undefined);
  // Nor a checked-out one: pg emits 'error' on a client whose connection drops between its queries
  // (e.g. the append path's transaction client, or any pool.connect() user that has no listener),
  // and an 'error' event without a listener kills the process. The failing query still rejects, and
  // the pool discards the broken client when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  if (onQuery) pool.on('connect', (client) => observeQueries(client, onQuery));
  return pool;
}

/** Wraps one client's query() so that `onQuery` sees each statement's text (pool.query goes through it too). */
function observeQueries(client: PoolClient, onQuery: (sql: string) => void): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const [config] = args;
    const text = typeof config === 'string' ? config : (config as { text?: unknown } | null)?.text;
    try {
      onQuery(typeof text === 'string' ? text : '');
    } catch {
      // an observer must never break a query
    }
    return query(...args);
  };
}
