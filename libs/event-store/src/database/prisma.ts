import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { PrismaClient } from '../generated/prisma/client';

export type LedgerPrismaClient = PrismaClient;

export interface LedgerDatabase {
  readonly prisma: PrismaClient;
  readonly pool: Pool;
  close(): Promise<void>;
}

/** One pg pool shared by Prisma (through its pg adapter) and the few places that need a raw client. */
export function connectLedgerDatabase(url: string, options: { poolSize?: number } = {}): LedgerDatabase {
  const pool = new Pool({
    connectionString: withUtcSessions(url),
    max: options.poolSize ?? 10,
    application_name: 'deal-claims-ledger',
  });
  // An idle client that loses its server (restart, kill) must not crash the process.
  pool.on('error', () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    pool,
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}

/**
 * Every session runs with TimeZone=UTC. Prisma's pg adapter reads a timestamptz by replacing its
 * UTC offset with +00:00, so on a server (or database, or role) whose TimeZone is not UTC every
 * recorded_at would come back shifted: hashes would not verify, recordedAt could go backwards
 * and as-of-instant reads would be off by the offset. Options already in the URL (or PGOPTIONS) are kept.
 */
export function withUtcSessions(url: string): string {
  const parsed = new URL(url);
  const existing = parsed.searchParams.get('options') ?? process.env.PGOPTIONS ?? '';
  parsed.searchParams.set('options', `${existing} -c TimeZone=UTC`.trim());
  return parsed.toString();
}
