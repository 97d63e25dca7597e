/**
 * Shared fixtures of the event-store specs in test/ledger: a fresh migrated database per call,
 * the store, reader and audit over it, and small command builders. Real PostgreSQL only.
 */
import type { AmendDeal, SignDeal } from '@ledger/domain/deals/commands';
import type { RegisterCompany } from '@ledger/domain/companies/commands';
import type { LedgerCommand } from '@ledger/domain/ledger/commands';
import { SEED_COMMANDS } from '@ledger/domain/ledger/testing/seed-commands';
import { DomainError, type ErrorCode } from '@ledger/domain/shared/errors';
import {
  connectLedgerDatabase,
  EventStore,
  fingerprintOf,
  LedgerAudit,
  LedgerReader,
  PROJECTION_NAMES,
  PROJECTION_TABLES,
  type AppendRequest,
  type AppendResult,
  type LedgerDatabase,
} from '@ledger/event-store';
import { createTestDatabase, withSuperuser, type TestDatabase } from '@ledger/testing/database';

export const JOURNALIST = 'journalist-a';

export interface Ledger {
  readonly db: TestDatabase;
  readonly database: LedgerDatabase;
  readonly store: EventStore;
  readonly reader: LedgerReader;
  readonly audit: LedgerAudit;
  /** Appends with the next tick of a fake clock (1 s apart, with milliseconds). */
  append(command: LedgerCommand, options?: AppendOptions): Promise<AppendResult>;
  appendAll(commands: readonly LedgerCommand[]): Promise<AppendResult[]>;
  /** Row counts of events, streams, idempotency_keys and every projection table. */
  counts(): Promise<Record<string, number>>;
  /** A one-row SQL query over the ledger's own connection pool. */
  query<T>(sql: string, ...parameters: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export interface AppendOptions {
  readonly actor?: string;
  readonly idempotencyKey?: string | null;
  readonly now?: Date;
  readonly fingerprint?: string;
}

const CLOCK_START = Date.parse('2026-06-06T09:00:00.000Z');

export async function openLedger(options: { poolSize?: number; databaseTimeZone?: string } = {}): Promise<Ledger> {
  const db = await createTestDatabase();
  if (options.databaseTimeZone) {
    const zone = options.databaseTimeZone;
    await withSuperuser(db.url, (client) =>
      client.query(`ALTER DATABASE ${client.escapeIdentifier(db.name)} SET timezone TO ${client.escapeLiteral(zone)}`),
    );
  }
  const database = connectLedgerDatabase(db.url, { poolSize: options.poolSize ?? 10 });
  const store = new EventStore(database.appendPool);
  const reader = new LedgerReader(database.pool);
  const audit = new LedgerAudit(database.pool, reader);
  let tick = 0;
  const nextNow = () => new Date(CLOCK_START + (tick += 1) * 1000 + (tick % 1000));

  const ledger: Ledger = {
    db,
    database,
    store,
    reader,
    audit,
    append: (command, appendOptions = {}) => store.append(requestOf(command, { now: nextNow(), ...appendOptions })),
    async appendAll(commands) {
      const results: AppendResult[] = [];
      for (const command of commands) results.push(await ledger.append(command));
      return results;
    },
    async counts() {
      const tables = ['events', 'streams', 'idempotency_keys', ...PROJECTION_NAMES.map((name) => PROJECTION_TABLES[name].table)];
      const result: Record<string, number> = {};
      for (const table of tables) {
        const rows = await database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
        result[table] = rows.rows[0]!.n;
      }
      return result;
    },
    async query<T>(sql: string, ...parameters: unknown[]) {
      const rows = await database.pool.query(sql, parameters);
      return rows.rows as T[];
    },
    async close() {
      await database.close();
      await db.drop();
    },
  };
  return ledger;
}

export function requestOf(command: LedgerCommand, options: AppendOptions & { now: Date }): AppendRequest {
  return {
    command,
    actor: options.actor ?? JOURNALIST,
    now: options.now,
    idempotencyKey: options.idempotencyKey ?? null,
    fingerprint: options.fingerprint ?? fingerprintOf(command),
  };
}

/** The seed's registerSource and registerCompany lines. */
export const SEED_SOURCES_AND_COMPANIES: readonly LedgerCommand[] = SEED_COMMANDS.filter(
  (command) => command.type === 'registerSource' || command.type === 'registerCompany',
);

export function registerCompany(id: string, name = `Company ${id}`): RegisterCompany {
  return { type: 'registerCompany', id, name, aliases: [] };
}

/** An amendment of the deal's capacity term, citing a seed source. */
export function amendDeal(dealId: string, expectedVersion: number | null, capacity: string): AmendDeal {
  return {
    type: 'amendDeal',
    dealId,
    terms: [{ key: 'capacity', amount: null, date: null, days: null, text: capacity }],
    effectiveOn: null,
    reason: `Capacity reported as ${capacity}`,
    citations: [{ sourceId: 'dispatch-008', quote: `capacity: ${capacity}`, locator: null, role: 'SUPPORTING' }],
    expectedVersion,
  };
}

/** A compute lease between two seed companies, citing a seed source. */
export function signDeal(id: string, provider = 'spacex', customer = 'anthropic'): SignDeal {
  return {
    type: 'signDeal',
    id,
    title: `Deal ${id}`,
    kind: 'COMPUTE_LEASE',
    parties: [
      { companyId: provider, role: 'PROVIDER' },
      { companyId: customer, role: 'CUSTOMER' },
    ],
    signedOn: '2026-05-20',
    terms: [{ key: 'payment', amount: { value: '1250000000', unit: 'USD', per: 'MONTH' }, date: null, days: null, text: null }],
    citations: [{ sourceId: 'techmeme-260520-p49', quote: `${id} signed`, locator: null, role: 'PRIMARY' }],
  };
}

/** Awaits a rejection and checks it is a DomainError with `code`. */
export async function expectDomainError(promise: Promise<unknown>, code: ErrorCode): Promise<DomainError> {
  const error = await promise.then(
    () => {
      throw new Error(`Expected a DomainError ${code}, but the append succeeded`);
    },
    (caught: unknown) => caught,
  );
  if (!(error instanceof DomainError)) throw error;
  expect(error.code).toBe(code);
  return error;
}

/** Settles every promise; the fulfilled values and the rejections, in order. */
export async function settle<T>(promises: readonly Promise<T>[]): Promise<{ ok: T[]; failed: unknown[] }> {
  const outcomes = await Promise.allSettled(promises);
  return {
    ok: outcomes.filter((o): o is PromiseFulfilledResult<Awaited<T>> => o.status === 'fulfilled').map((o) => o.value as T),
    failed: outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => o.reason as unknown),
  };
}
