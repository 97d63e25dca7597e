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
    connectionString: url,
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
