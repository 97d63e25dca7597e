/**
 * Database restart under load (issue 5, item 4). The API runs as its own process on a dedicated,
 * durable embedded PostgreSQL (fsync and synchronous_commit on: the API starts on it without
 * LEDGER_UNSAFE_DURABILITY), never the suite's shared server nor DATABASE_URL's. While writers
 * append, PostgreSQL is stopped with `pg_ctl stop -m immediate` (no checkpoint: crash recovery at
 * the next start) and started again on the same port. Meanwhile the API must stay up, answer every
 * request with a coded error (SERVICE_UNAVAILABLE, never a 5xx, INTERNAL_SERVER_ERROR or internals)
 * and report not-ready; once PostgreSQL is back it must recover by itself (same process), and in
 * the end no acknowledged event is lost, none is duplicated and nothing is half-applied.
 * Restarts: LEDGER_DB_RESTARTS (CI 2, `npm run soak` 10).
 */
import { randomBytes } from 'node:crypto';
import { ApiProcess, sleep } from '@ledger/testing/soak/api-process';
import { buildLedger, type BuiltLedger } from '@ledger/testing/soak/build';
import { DedicatedPostgres } from '@ledger/testing/soak/database-outage';
import { checkLedgerInvariants } from '@ledger/testing/soak/invariants';
import { newLoadStats, postGraphQL, runLoadClient, type Outcome } from '@ledger/testing/soak/load';
import { reliabilitySeed, reliabilitySize, reportSummary, seededRandom } from '@ledger/testing/soak/profile';
import { expectNoInternals } from '@ledger/testing/ledger-writes';

const RESTARTS = reliabilitySize('LEDGER_DB_RESTARTS', { ci: 2, soak: 10 });
const CLIENTS = 4;
const SEED = reliabilitySeed();

describe('Given the API as a separate process on its own durable PostgreSQL, under a load of appends', () => {
  let build: BuiltLedger;
  let postgres: DedicatedPostgres;
  let api: ApiProcess;
  beforeAll(async () => {
    build = buildLedger();
    postgres = await DedicatedPostgres.start(build);
    api = await ApiProcess.start({ apiMain: build.apiMain, env: { DATABASE_URL: postgres.url, LEDGER_SEED: 'on', LEDGER_DB_POOL_SIZE: '6' } });
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await postgres?.remove();
    build?.remove();
  });

  const readiness = async (): Promise<number | null> => {
    try {
      const response = await fetch(new URL('/health/ready', api.url), { signal: AbortSignal.timeout(5_000) });
      return response.status;
    } catch {
      return null;
    }
  };

  it(`When PostgreSQL is stopped immediately and started again ${RESTARTS} times, then the API answers coded errors and not-ready meanwhile, recovers by itself, and no acknowledged event is lost`, async () => {
    const started = Date.now();
    const random = seededRandom(SEED);
    const keyPrefix = `restart-${randomBytes(3).toString('hex')}`;
    const stats = newLoadStats();
    const pid = api.pid;
    let down = false;
    const outageCodes = new Map<string, number>();
    const outageProblems: string[] = [];
    const onAnswer = (outcome: Outcome) => {
      if (!down) return;
      if (outcome.kind === 'network') {
        outageProblems.push(`no answer while the database was down: ${outcome.error}`);
        return;
      }
      // An answer with data: the request was served just before the stop or just after the restart.
      if (!outcome.body.errors && outcome.status === 200) return;
      const code = String(outcome.body.errors?.[0]?.extensions?.code ?? `HTTP ${outcome.status} without a code`);
      outageCodes.set(code, (outageCodes.get(code) ?? 0) + 1);
    };
    let stopping = false;
    let aborted = false;
    const writers = Array.from({ length: CLIENTS }, (_, client) =>
      runLoadClient({
        client,
        keyPrefix,
        random: seededRandom(SEED + client + 1),
        url: () => api.url,
        stopping: () => stopping,
        aborted: () => aborted,
        stats,
        retryableCodes: new Set(['SERVICE_UNAVAILABLE']),
        onAnswer,
      }),
    );

    const readinessDown: (number | null)[] = [];
    const readinessUp: (number | null)[] = [];
    const recoveries: number[] = [];
    let hasReadiness = false;
    const outages = async () => {
      const readyWhenUp = await readiness();
      hasReadiness = readyWhenUp !== 404 && readyWhenUp !== null;
      readinessUp.push(readyWhenUp);
      for (let restart = 1; restart <= RESTARTS; restart++) {
        await sleep(700 + Math.floor(random() * 800));
        const acknowledgedBefore = stats.acknowledged.length;
        down = true;
        await postgres.stopImmediately();
        // While it is down: the API is alive and answers a read with a coded error, and says not-ready.
        const downUntil = Date.now() + 1_500 + Math.floor(random() * 1_000);
        while (Date.now() < downUntil) {
          const outcome = await postGraphQL(api.url, '{ ledgerHead { position } }', undefined, 15_000);
          onAnswer(outcome);
          if (outcome.kind === 'answer') {
            if (outcome.status >= 500) outageProblems.push(`HTTP ${outcome.status}: ${JSON.stringify(outcome.body).slice(0, 300)}`);
            try {
              expectNoInternals(outcome.body);
            } catch {
              outageProblems.push(`internals in ${JSON.stringify(outcome.body).slice(0, 600)}`);
            }
          }
          readinessDown.push(await readiness());
          await sleep(100);
        }
        if (!api.alive) throw new Error(`The API died while the database was down:\n${api.log.slice(-3000)}`);
        await postgres.restart();
        const restartedAt = Date.now();
        // Recovers without a restart of the API: the pool drops its broken connections.
        for (;;) {
          const outcome = await postGraphQL(api.url, '{ ledgerHead { position } }', undefined, 15_000);
          if (outcome.kind === 'answer' && outcome.body.data && !outcome.body.errors) break;
          if (Date.now() - restartedAt > 30_000) throw new Error(`The API did not recover within 30 s: ${JSON.stringify(outcome)}\n${api.log.slice(-3000)}`);
          await sleep(50);
        }
        down = false;
        recoveries.push(Date.now() - restartedAt);
        readinessUp.push(await readiness());
        // Writers make progress again.
        const deadline = Date.now() + 30_000;
        while (stats.acknowledged.length <= acknowledgedBefore && Date.now() < deadline) await sleep(50);
        expect(stats.acknowledged.length).toBeGreaterThan(acknowledgedBefore);
      }
    };
    try {
      await outages();
    } catch (error) {
      aborted = true;
      await Promise.all(writers);
      throw error;
    }
    await sleep(500);
    stopping = true;
    await Promise.all(writers);
    expect({ alive: api.alive, pid: api.pid }).toEqual({ alive: true, pid });

    const invariants = await checkLedgerInvariants(postgres.url, stats.acknowledged, { keyPrefix });
    reportSummary({
      suite: 'database-restart',
      databaseRestarts: RESTARTS,
      stoppedWith: postgres.lastStop,
      acknowledged: stats.acknowledged.length,
      lost: invariants.lost.length,
      duplicated: invariants.duplicated.length,
      retries: stats.retries,
      answeredByReplay: stats.acknowledged.filter((ack) => ack.answeredByReplay).length,
      outageAnswers: JSON.stringify(Object.fromEntries(outageCodes)),
      recoveryMs: recoveries.join('/'),
      readiness: hasReadiness ? 'checked' : 'no /health/ready endpoint yet',
      failures: invariants.lost.length + invariants.duplicated.length + invariants.halfApplied.length + stats.faults.length + stats.rejected.length + outageProblems.length,
      seconds: (Date.now() - started) / 1000,
      seed: SEED,
    });
    expect(outageProblems).toEqual([]);
    expect([...outageCodes.keys()]).toEqual(['SERVICE_UNAVAILABLE']);
    expect(stats.faults).toEqual([]);
    expect(stats.rejected).toEqual([]);
    expect(invariants.lost).toEqual([]);
    expect(invariants.duplicated).toEqual([]);
    expect(invariants.unacknowledged).toEqual([]);
    expect(invariants.halfApplied).toEqual([]);
    expect(invariants.checksumsAfter).toEqual(invariants.checksumsBefore);
    expect(invariants.verification).toMatchObject({ ok: true, checkedEvents: invariants.events });
    expect(invariants.events).toBe(27 + stats.acknowledged.length);
    if (hasReadiness) {
      // /health/ready: 200 with the database, 503 without it.
      expect(readinessUp.every((status) => status === 200)).toBe(true);
      expect(readinessDown.every((status) => status === 503)).toBe(true);
    }
  }, Math.max(600_000, RESTARTS * 60_000));
});
