/**
 * Racing writers over HTTP (issue 5, item 1; DESIGN.md §7): 32 clients amend one deal at once, all
 * with the version they read, round after round. Exactly one wins each round; every other one gets
 * CONCURRENCY_CONFLICT with the version that won; versions and positions stay contiguous; nothing
 * answers 5xx and no deadlock or timeout surfaces as an error. The writers alternate between two API
 * instances on the same database, so the in-process batching of one instance cannot hide a missing
 * database lock.
 * Rounds: LEDGER_RACING_ROUNDS (default 200, in CI too; `npm run soak`: 1,000).
 */
import { reliabilitySize, reportSummary } from '@ledger/testing/soak/profile';
import { MUTATIONS, VALID, mutate } from '@ledger/testing/ledger-writes';
import { startTestApp, withSuperuser, type TestApp } from '@ledger/testing';

const WRITERS = 32;
const ROUNDS = reliabilitySize('LEDGER_RACING_ROUNDS', { ci: 200, soak: 1000 });
const DEAL = 'racing-writers-deal';

interface Answer {
  status: number;
  body: {
    data?: { amendDeal?: { deal: { version: number }; event: { position: string; version: number } } } | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

describe(`Given a deal and ${WRITERS} writers that all read its version, through two API instances on one database`, () => {
  let api: TestApp;
  // A second instance: the writers race across processes' worth of pools and in-process batching, so
  // only the database's own locking keeps one winner per round.
  let other: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
    other = await startTestApp({ databaseUrl: api.databaseUrl });
    await mutate(api, 'signDeal', VALID.signDeal(DEAL));
  });
  afterAll(async () => {
    await other?.close();
    await api?.close();
  });

  const amend = async (writer: number, round: number, expectedVersion: number): Promise<Answer> => {
    const response = await fetch(writer % 2 === 0 ? api.url : other.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: MUTATIONS.amendDeal,
        variables: {
          input: {
            dealId: DEAL,
            terms: [{ key: 'capacity', text: `round ${round} writer ${writer}` }],
            reason: `Racing writer ${writer}`,
            citations: VALID.amendDeal(DEAL).citations,
            expectedVersion,
          },
        },
      }),
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  };

  it(`When they amend it at once with that expectedVersion, ${ROUNDS} rounds, then exactly one wins each round and the other ${WRITERS - 1} get CONCURRENCY_CONFLICT with the actual version; versions and positions stay contiguous`, async () => {
    const started = Date.now();
    const failures: string[] = [];
    const winners: { round: number; text: string; position: string }[] = [];
    let version = 1;
    let requests = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const answers = await Promise.all(Array.from({ length: WRITERS }, (_, writer) => amend(writer, round, version)));
      requests += answers.length;
      const wins = answers.flatMap((answer, writer) => (answer.body.data?.amendDeal && !answer.body.errors ? [{ answer, writer }] : []));
      let conflicts = 0;
      answers.forEach((answer, writer) => {
        if (answer.status >= 500) failures.push(`round ${round} writer ${writer}: HTTP ${answer.status}`);
        if (answer.body.data?.amendDeal && !answer.body.errors) return;
        const error = answer.body.errors?.[0];
        const { code, expectedVersion, actualVersion } = error?.extensions ?? {};
        if (code === 'CONCURRENCY_CONFLICT' && expectedVersion === version && actualVersion === version + 1 && answer.body.errors?.length === 1) {
          conflicts += 1;
        } else {
          failures.push(`round ${round} writer ${writer}: ${answer.status} ${JSON.stringify(answer.body.errors ?? answer.body).slice(0, 400)}`);
        }
      });
      if (wins.length !== 1 || conflicts !== WRITERS - 1) {
        failures.push(`round ${round}: ${wins.length} successes and ${conflicts} conflicts`);
      }
      for (const { answer, writer } of wins) {
        const payload = answer.body.data!.amendDeal!;
        if (payload.deal.version !== version + 1 || payload.event.version !== version + 1) {
          failures.push(`round ${round}: the winner got version ${payload.deal.version}/${payload.event.version}, not ${version + 1}`);
        }
        winners.push({ round, text: `round ${round} writer ${writer}`, position: payload.event.position });
      }
      if (failures.length > 20) break;
      version += 1;
    }
    reportSummary({ suite: 'racing-writers', rounds: ROUNDS, writers: WRITERS, requests, failures: failures.length, seconds: (Date.now() - started) / 1000 });
    expect(failures).toEqual([]);

    // Stream versions 1..ROUNDS+1 and global positions 1..head, with no gap, straight from the table.
    const rows = await withSuperuser(api.databaseUrl, async (client) => ({
      stream: (await client.query<{ version: number; position: string }>(`SELECT version, position::text AS position FROM events WHERE stream_id = $1 ORDER BY version`, [DEAL])).rows,
      positions: (await client.query<{ position: string }>(`SELECT position::text AS position FROM events ORDER BY events.position`)).rows.map((row) => row.position),
      streamVersion: (await client.query<{ version: number }>(`SELECT version FROM streams WHERE id = $1`, [DEAL])).rows[0]?.version,
    }));
    expect(rows.stream.map((row) => row.version)).toEqual(Array.from({ length: ROUNDS + 1 }, (_, index) => index + 1));
    expect(rows.positions).toEqual(Array.from({ length: rows.positions.length }, (_, index) => String(index + 1)));
    expect(rows.stream.slice(1).map((row) => row.position)).toEqual(winners.map((winner) => winner.position));
    expect(rows.streamVersion).toBe(ROUNDS + 1);

    const read = await api.data<{ deal: { version: number; term: { text: string; revisions: unknown[] } }; verifyLedger: { ok: boolean; checkedEvents: number } }>(
      `{ deal(id: "${DEAL}") { version term(key: "capacity") { text revisions { text } } } verifyLedger { ok checkedEvents } }`,
    );
    expect(read.deal.version).toBe(ROUNDS + 1);
    expect(read.deal.term.text).toBe(winners[winners.length - 1]!.text);
    // The seeded input's "1 GW", then each round's winner, in order.
    expect(read.deal.term.revisions).toEqual([{ text: '1 GW' }, ...winners.map((winner) => ({ text: winner.text }))]);
    expect(read.verifyLedger).toEqual({ ok: true, checkedEvents: rows.positions.length });
  }, Math.max(600_000, ROUNDS * 2_000));
});
