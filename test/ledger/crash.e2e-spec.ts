/**
 * Crash during load (issue 5, item 3; DESIGN.md §7): the API runs as a separate process (compiled
 * from source, as `node dist/apps/api/src/main.js` would run) on this file's own database; writers
 * append through it, every request with its own idempotency key, recording every acknowledged
 * result and resending an unanswered request with the same key until it is answered; meanwhile the
 * API is killed with SIGKILL at random moments (some while it is still starting) and restarted on
 * the same port. At the end: every acknowledged event is present exactly once, no request was
 * half-applied (event, idempotency, stream and projection rows exist together), retried keys
 * converged to one copy, a full rebuild produces exactly the live projection rows, and
 * verifyLedger is ok.
 * Kills: LEDGER_CRASH_KILLS (CI 10, `npm run soak` 50); LEDGER_RELIABILITY_SEED replays a run.
 */
import { randomBytes } from 'node:crypto';
import { ApiProcess, sleep } from '@ledger/testing/soak/api-process';
import { buildLedger, type BuiltLedger } from '@ledger/testing/soak/build';
import { checkLedgerInvariants } from '@ledger/testing/soak/invariants';
import { newLoadStats, runLoadClient } from '@ledger/testing/soak/load';
import { reliabilitySeed, reliabilitySize, reportSummary, seededRandom } from '@ledger/testing/soak/profile';
import { findFreePort } from '@ledger/event-store/database/embedded-postgres';
import { createTestDatabase, type TestDatabase } from '@ledger/testing';

const KILLS = reliabilitySize('LEDGER_CRASH_KILLS', { ci: 10, soak: 50 });
const CLIENTS = reliabilitySize('LEDGER_CRASH_CLIENTS', { ci: 6, soak: 8 });
const SEED = reliabilitySeed();
const SEEDED_EVENTS = 27;

describe('Given the API as a separate process under a load of appends', () => {
  let build: BuiltLedger;
  let database: TestDatabase;
  let api: ApiProcess | undefined;
  beforeAll(async () => {
    build = buildLedger();
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await api?.kill('SIGKILL');
    await database?.drop();
    build?.remove();
  });

  it(`When it is killed with SIGKILL at ${KILLS} random moments and restarted, then every acknowledged event is there exactly once, nothing is half-applied, and the ledger verifies and rebuilds to the same rows`, async () => {
    const started = Date.now();
    const random = seededRandom(SEED);
    const keyPrefix = `crash-${randomBytes(3).toString('hex')}`;
    const port = await findFreePort();
    // The suite's cluster runs with fsync off; a kill of the API (not of PostgreSQL) loses nothing either way.
    const env = { DATABASE_URL: database.url, LEDGER_SEED: 'on', LEDGER_UNSAFE_DURABILITY: '1', LEDGER_DB_POOL_SIZE: '8' };
    api = await ApiProcess.start({ apiMain: build.apiMain, env, port });
    const url = api.url;

    const stats = newLoadStats();
    let stopping = false;
    let aborted = false;
    const writers = Array.from({ length: CLIENTS }, (_, client) =>
      runLoadClient({ client, keyPrefix, random: seededRandom(SEED + client + 1), url: () => url, stopping: () => stopping, aborted: () => aborted, stats }),
    );

    let kills = 0;
    let killedWhileStarting = 0;
    try {
      while (kills < KILLS) {
        // Mostly under load once serving; sometimes while it is still starting (migrations, projections check, listen).
        const whileStarting = kills > 0 && random() < 0.2;
        if (whileStarting) {
          await sleep(Math.floor(random() * 1_500));
          if (api.alive && !(await isServing(url))) killedWhileStarting += 1;
        } else {
          await api.waitReady();
          await sleep(100 + Math.floor(random() * 700));
        }
        const status = await api.kill('SIGKILL');
        if (status.signal !== 'SIGKILL') throw new Error(`The API exited by itself before the kill: ${JSON.stringify(status)}\n${api.log.slice(-3000)}`);
        kills += 1;
        api = await ApiProcess.spawn({ apiMain: build.apiMain, env, port });
      }
      await api.waitReady();
      await sleep(500);
    } catch (error) {
      aborted = true;
      await Promise.all(writers);
      throw error;
    }
    stopping = true;
    await Promise.all(writers);
    await api.stop();

    const invariants = await checkLedgerInvariants(database.url, stats.acknowledged, { keyPrefix });
    // Keys whose request went unanswered at least once (in flight at a kill, or sent while the API was down).
    const retriedKeys = new Set(stats.acknowledged.filter((ack) => ack.attempts > 1).map((ack) => ack.idempotencyKey));
    reportSummary({
      suite: 'crash',
      kills,
      killedWhileStarting,
      acknowledged: stats.acknowledged.length,
      lost: invariants.lost.length,
      duplicated: invariants.duplicated.length,
      retriedKeys: retriedKeys.size,
      answeredByReplay: stats.acknowledged.filter((ack) => ack.answeredByReplay).length,
      networkErrors: stats.networkErrors,
      events: invariants.events,
      failures:
        invariants.lost.length +
        invariants.duplicated.length +
        invariants.unacknowledged.length +
        invariants.halfApplied.length +
        stats.faults.length +
        stats.rejected.length +
        (invariants.verification.ok ? 0 : 1) +
        (JSON.stringify(invariants.checksumsAfter) === JSON.stringify(invariants.checksumsBefore) ? 0 : 1),
      seconds: (Date.now() - started) / 1000,
      seed: SEED,
    });
    expect(kills).toBe(KILLS);
    expect(retriedKeys.size).toBeGreaterThan(0);
    expect(invariants.lost).toEqual([]);
    expect(invariants.duplicated).toEqual([]);
    expect(invariants.unacknowledged).toEqual([]);
    expect(invariants.halfApplied).toEqual([]);
    expect(stats.faults).toEqual([]);
    expect(stats.rejected).toEqual([]);
    expect(invariants.checksumsAfter).toEqual(invariants.checksumsBefore);
    expect(invariants.verification).toMatchObject({ ok: true, checkedEvents: invariants.events });
    expect(invariants.events).toBe(SEEDED_EVENTS + stats.acknowledged.length);
  }, Math.max(900_000, KILLS * 30_000));
});

async function isServing(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ ledgerHead { position } }' }),
      signal: AbortSignal.timeout(1_000),
    });
    return response.status === 200;
  } catch {
    return false;
  }
}
