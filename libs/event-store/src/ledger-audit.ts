import { evolveRow, rowsTouchedBy, type ProjectionName, type ProjectionRows } from '@ledger/domain/ledger/projections';
import type { PrismaClient } from './generated/prisma/client';
import { chainHash } from './hashing';
import type { LedgerReader } from './ledger-reader';
import { insertRowVersions } from './event-store';
import { PROJECTION_LOCK, PROJECTION_NAMES, PROJECTION_TABLES } from './projection-tables';
import { toRecordedEvent, type EventRecord } from './event-records';

export interface Verification {
  readonly ok: boolean;
  readonly checkedEvents: number;
  readonly firstBadPosition: string | null;
  readonly message: string | null;
}

export interface RebuildReport {
  readonly events: number;
  readonly rows: number;
  readonly seconds: number;
}

const INSERT_BATCH_ROWS = 2_000;

/**
 * The shape of the projection rows this code writes. Bump it whenever a read model changes (a new
 * field in a row's doc, a new typed column): the next start finds an older version in
 * projection_state and rebuilds every projection from the events.
 */
export const PROJECTION_VERSION = 2;

/** Auditing: recompute the hash chain; rebuild the projections from the events alone. */
export class LedgerAudit {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly reader: LedgerReader,
  ) {}

  /**
   * Recomputes every hash from `fromPosition` to `toPosition` (default: the whole ledger) and checks
   * the links, the density of positions and, for a check up to the head, the head's hash.
   * Hashes cover the event as stored (schema_version 1 bodies are read unchanged).
   */
  async verify(fromPosition: string | null = null, toPosition: string | null = null): Promise<Verification> {
    const head = await this.reader.head();
    const from = fromPosition ?? '1';
    const to = toPosition ?? head.position;
    if (BigInt(from) < 1n || BigInt(to) > BigInt(head.position) || BigInt(from) > BigInt(to)) {
      if (head.position === '0' && fromPosition === null && toPosition === null) {
        return { ok: true, checkedEvents: 0, firstBadPosition: null, message: 'The ledger is empty' };
      }
      return {
        ok: false,
        checkedEvents: 0,
        firstBadPosition: null,
        message: `The range ${from}..${to} is not within the ledger (head ${head.position})`,
      };
    }
    let previousHash: string | null = null;
    if (from !== '1') {
      const rows = await this.prisma.$queryRaw<{ hash: string }[]>`
        SELECT hash FROM events WHERE position = ${(BigInt(from) - 1n).toString()}::bigint`;
      previousHash = rows[0]?.hash ?? null;
    }
    let expectedPosition = BigInt(from);
    let checked = 0;
    let lastHash: string | null = previousHash;
    const bad = (position: string, message: string): Verification => ({
      ok: false,
      checkedEvents: checked,
      firstBadPosition: position,
      message,
    });
    for await (const batch of this.reader.storedEvents(from, to)) {
      for (const stored of batch) {
        const position = stored.event.position;
        if (BigInt(position) !== expectedPosition) {
          return bad(expectedPosition.toString(), `Position ${expectedPosition} is missing`);
        }
        if (stored.previousHash !== previousHash) {
          return bad(position, `Event ${position} does not link to the hash of event ${BigInt(position) - 1n}`);
        }
        const recomputed = chainHash(previousHash, stored.event);
        if (recomputed !== stored.hash) {
          return bad(position, `Event ${position} was altered: its content does not match its hash`);
        }
        previousHash = stored.hash;
        lastHash = stored.hash;
        expectedPosition += 1n;
        checked += 1;
      }
    }
    if (expectedPosition !== BigInt(to) + 1n) {
      return bad(expectedPosition.toString(), `Position ${expectedPosition} is missing`);
    }
    if (toPosition === null && lastHash !== head.hash) {
      return bad(head.position, 'The ledger head does not carry the hash of the last event');
    }
    return { ok: true, checkedEvents: checked, firstBadPosition: null, message: null };
  }

  /**
   * Replays every event into fresh projection tables, in one transaction holding the head lock
   * (appends wait). The rows it writes must equal the inline projections exactly.
   */
  async rebuild(): Promise<RebuildReport> {
    const started = process.hrtime.bigint();
    let events = 0;
    let rows = 0;
    await this.prisma.$transaction(
      async (tx) => {
        // Waits for appends in flight and holds new ones back (see PROJECTION_LOCK), then the head.
        await tx.$queryRaw`SELECT pg_advisory_xact_lock(${PROJECTION_LOCK.classId}::int, ${PROJECTION_LOCK.objectId}::int)::text`;
        await tx.$queryRaw`SELECT position FROM ledger_head WHERE id = 1 FOR UPDATE`;
        await tx.$executeRawUnsafe(`TRUNCATE ${PROJECTION_NAMES.map((name) => PROJECTION_TABLES[name].table).join(', ')}`);
        const current = new Map<string, { row: ProjectionRows[ProjectionName]; validFrom: string }>();
        const pending = new Map<ProjectionName, { row: ProjectionRows[ProjectionName]; validFrom: string; validTo: string | null }[]>();
        const writer = { query: (text: string, values: unknown[]) => tx.$executeRawUnsafe(text, ...values) };
        const flush = async (projection: ProjectionName, force: boolean) => {
          const queue = pending.get(projection) ?? [];
          if (queue.length === 0 || (!force && queue.length < INSERT_BATCH_ROWS)) return;
          pending.set(projection, []);
          await insertRowVersions(writer, projection, queue.map((entry) => ({ projection, ...entry })));
          rows += queue.length;
        };
        let after = '0';
        for (;;) {
          const records = await tx.$queryRaw<EventRecord[]>`
            SELECT * FROM events WHERE position > ${after}::bigint ORDER BY position LIMIT 5000`;
          if (records.length === 0) break;
          for (const record of records) {
            const event = toRecordedEvent(record);
            for (const touch of rowsTouchedBy(event)) {
              const key = `${touch.projection}\u0000${touch.id}`;
              const previous = current.get(key);
              const next = evolveRow(touch.projection, previous?.row ?? null, event);
              if (previous) {
                const queue = pending.get(touch.projection) ?? [];
                queue.push({ row: previous.row, validFrom: previous.validFrom, validTo: event.position });
                pending.set(touch.projection, queue);
                await flush(touch.projection, false);
              }
              current.set(key, { row: next, validFrom: event.position });
            }
            events += 1;
          }
          after = records[records.length - 1]!.position.toString();
        }
        for (const [key, entry] of current) {
          const projection = key.slice(0, key.indexOf('\u0000')) as ProjectionName;
          const queue = pending.get(projection) ?? [];
          queue.push({ row: entry.row, validFrom: entry.validFrom, validTo: null });
          pending.set(projection, queue);
          await flush(projection, false);
        }
        for (const projection of PROJECTION_NAMES) await flush(projection, true);
        await tx.$executeRaw`UPDATE projection_state SET version = ${PROJECTION_VERSION}, rebuilt_at = now() WHERE id = 1`;
      },
      { isolationLevel: 'ReadCommitted', maxWait: 10_000, timeout: 3_600_000 },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { events, rows, seconds };
  }

  /** Rebuilds the projections when they were written by another PROJECTION_VERSION; null when current. */
  async ensureProjectionsCurrent(): Promise<(RebuildReport & { fromVersion: number }) | null> {
    const rows = await this.prisma.$queryRaw<{ version: number }[]>`SELECT version FROM projection_state WHERE id = 1`;
    const fromVersion = rows[0]?.version ?? 0;
    if (fromVersion === PROJECTION_VERSION) return null;
    return { ...(await this.rebuild()), fromVersion };
  }

  /**
   * md5 over the md5 of every row of each projection table, in key order: equal checksums, equal
   * tables. Hashing rows first keeps the aggregate at 32 bytes a row (a million rows stay far below
   * PostgreSQL's 1 GB string limit).
   */
  async projectionChecksums(): Promise<Record<ProjectionName, string>> {
    const result = {} as Record<ProjectionName, string>;
    for (const projection of PROJECTION_NAMES) {
      const table = PROJECTION_TABLES[projection].table;
      const rows = await this.prisma.$queryRawUnsafe<{ checksum: string | null; count: bigint }[]>(
        `SELECT md5(coalesce(string_agg(md5(t::text), '' ORDER BY t.id, t.valid_from), '')) AS checksum, count(*) AS count FROM ${table} AS t`,
      );
      result[projection] = `${rows[0]?.count ?? 0n}:${rows[0]?.checksum ?? ''}`;
    }
    return result;
  }
}
