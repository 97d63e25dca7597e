/**
 * What a ledger must look like after any amount of crashing: checked straight on the database,
 * from the events alone and from what the clients were told.
 *
 *   - every acknowledged append is present exactly once, at the position it was acknowledged with;
 *   - no idempotency key has more than one event (clients that retried converged to one copy);
 *   - nothing is half-applied: every event has its idempotency row (when it carries a key), its
 *     projection rows (each row an event touches has a version starting at that event's position,
 *     and no projection row starts at a position whose event does not touch it), and its stream row
 *     at its version; the head is the last event;
 *   - a full rebuild produces exactly the live projection rows (equal checksums before and after);
 *   - verifyLedger recomputes the whole hash chain: ok, positions dense.
 */
import { rowsTouchedBy, type ProjectionName } from '@ledger/domain/ledger/projections';
import { connectLedgerDatabase, LedgerAudit, LedgerReader, PROJECTION_NAMES, PROJECTION_TABLES, type Verification } from '@ledger/event-store';

/** An append a client was told succeeded. */
export interface AcknowledgedAppend {
  readonly idempotencyKey: string;
  readonly eventId: string;
  readonly position: string;
  readonly streamId: string;
}

export interface LedgerInvariants {
  readonly events: number;
  readonly acknowledged: number;
  /** Acknowledged appends whose event is not there (or not where it was acknowledged). */
  readonly lost: readonly string[];
  /** Idempotency keys with more than one event, or acknowledged with two different events. */
  readonly duplicated: readonly string[];
  /** Events (with one of the clients' keys) that no client was ever told about. */
  readonly unacknowledged: readonly string[];
  /** Event and projection / idempotency / stream / head rows that do not go together. */
  readonly halfApplied: readonly string[];
  readonly checksumsBefore: Record<string, string>;
  readonly checksumsAfter: Record<string, string>;
  readonly verification: Verification;
}

export async function checkLedgerInvariants(
  url: string,
  acknowledged: readonly AcknowledgedAppend[],
  options: { readonly keyPrefix: string },
): Promise<LedgerInvariants> {
  const database = connectLedgerDatabase(url, { poolSize: 2 });
  try {
    const { pool } = database;
    const reader = new LedgerReader(database.pool);
    const audit = new LedgerAudit(database.pool, reader);

    const head = await reader.head();
    const events: { position: string; id: string; streamId: string; version: number; key: string | null; touches: { projection: ProjectionName; id: string }[] }[] = [];
    if (head.position !== '0') {
      for await (const batch of reader.storedEvents('1', head.position)) {
        for (const stored of batch) {
          events.push({
            position: stored.event.position,
            id: stored.event.id,
            streamId: stored.event.streamId,
            version: stored.event.version,
            key: null,
            touches: rowsTouchedBy(stored.event),
          });
        }
      }
    }
    const keyByPosition = new Map<string, string>();
    for (const row of (await pool.query<{ position: string; key: string }>(
      `SELECT position::text AS position, idempotency_key AS key FROM events WHERE idempotency_key IS NOT NULL`,
    )).rows) {
      keyByPosition.set(row.position, row.key);
    }
    for (const event of events) event.key = keyByPosition.get(event.position) ?? null;
    const byId = new Map(events.map((event) => [event.id, event]));

    // ---- acknowledged appends: present exactly once
    const lost: string[] = [];
    const duplicated: string[] = [];
    const ackedEventOfKey = new Map<string, string>();
    for (const ack of acknowledged) {
      const event = byId.get(ack.eventId);
      if (!event || event.position !== ack.position || event.key !== ack.idempotencyKey || event.streamId !== ack.streamId) {
        lost.push(`${ack.idempotencyKey} (event ${ack.eventId} at ${ack.position})`);
      }
      const earlier = ackedEventOfKey.get(ack.idempotencyKey);
      if (earlier !== undefined && earlier !== ack.eventId) {
        duplicated.push(`${ack.idempotencyKey}: acknowledged as events ${earlier} and ${ack.eventId}`);
      }
      ackedEventOfKey.set(ack.idempotencyKey, ack.eventId);
    }
    const eventsOfKey = new Map<string, string[]>();
    for (const event of events) {
      if (event.key === null) continue;
      eventsOfKey.set(event.key, [...(eventsOfKey.get(event.key) ?? []), event.position]);
    }
    for (const [key, positions] of eventsOfKey) {
      if (positions.length > 1) duplicated.push(`${key}: ${positions.length} events at positions ${positions.join(', ')}`);
    }
    const unacknowledged = [...eventsOfKey.keys()].filter((key) => key.startsWith(options.keyPrefix) && !ackedEventOfKey.has(key));

    // ---- half-applied: the rows of one transaction exist together or not at all
    const halfApplied: string[] = [];
    const keyRows = await pool.query<{ key: string; position: string }>(
      `SELECT key, event_position::text AS position FROM idempotency_keys`,
    );
    const keyRowOf = new Map(keyRows.rows.map((row) => [row.key, row.position]));
    for (const event of events) {
      if (event.key !== null && keyRowOf.get(event.key) === undefined) {
        halfApplied.push(`event ${event.position} carries key ${event.key} but no idempotency row records it`);
      }
    }
    for (const [key, position] of keyRowOf) {
      const event = events[Number(position) - 1];
      if (!event || event.position !== position || event.key !== key) {
        halfApplied.push(`idempotency key ${key} points at position ${position}, which is not its event`);
      }
    }
    const expectedRows = new Set<string>();
    for (const event of events) for (const touch of event.touches) expectedRows.add(`${touch.projection}|${touch.id}|${event.position}`);
    const actualRows = new Set<string>();
    for (const projection of PROJECTION_NAMES) {
      const { rows } = await pool.query<{ id: string; valid_from: string }>(
        `SELECT id, valid_from::text AS valid_from FROM ${PROJECTION_TABLES[projection].table}`,
      );
      for (const row of rows) actualRows.add(`${projection}|${row.id}|${row.valid_from}`);
    }
    for (const row of expectedRows) if (!actualRows.has(row)) halfApplied.push(`missing projection row ${row}`);
    for (const row of actualRows) if (!expectedRows.has(row)) halfApplied.push(`projection row ${row} has no event`);
    const lastVersion = new Map<string, number>();
    for (const event of events) lastVersion.set(event.streamId, Math.max(lastVersion.get(event.streamId) ?? 0, event.version));
    // People are named by departures and have no events of their own stream (version 0).
    const streams = await pool.query<{ id: string; version: number }>(`SELECT id, version FROM streams WHERE kind <> 'PERSON'`);
    const streamVersion = new Map(streams.rows.map((row) => [row.id, row.version]));
    for (const [stream, version] of lastVersion) {
      if (streamVersion.get(stream) !== version) {
        halfApplied.push(`stream ${stream} is at version ${streamVersion.get(stream)} but its last event has version ${version}`);
      }
    }
    for (const [stream, version] of streamVersion) {
      if (!lastVersion.has(stream)) halfApplied.push(`stream ${stream} (version ${version}) exists without events`);
    }
    const last = events[events.length - 1];
    if ((last?.position ?? '0') !== head.position) halfApplied.push(`the head is at ${head.position} but the last event at ${last?.position}`);

    const checksumsBefore = await audit.projectionChecksums();
    await audit.rebuild();
    const checksumsAfter = await audit.projectionChecksums();
    const verification = await audit.verify();
    return {
      events: events.length,
      acknowledged: acknowledged.length,
      lost,
      duplicated,
      unacknowledged,
      halfApplied,
      checksumsBefore,
      checksumsAfter,
      verification,
    };
  } finally {
    await database.close();
  }
}
