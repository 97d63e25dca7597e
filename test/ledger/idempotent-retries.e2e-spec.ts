/**
 * Idempotent retries over HTTP (issue 5, item 2; DESIGN.md §2 and §7), for every mutation: the same
 * idempotencyKey sent 10 times one after the other, and 10 times at once (before any of them has
 * committed), stores one event and answers the same result every time; the same key with a
 * different input fails IDEMPOTENCY_KEY_REUSED and appends nothing, also when both race.
 */
import { reportSummary } from '@ledger/testing/soak/profile';
import { MUTATIONS, VALID, ledgerHead, mutate, expectNoInternals, type MutationName } from '@ledger/testing/ledger-writes';
import { startTestApp, withSuperuser, type GraphQLResponse, type TestApp } from '@ledger/testing';

const TIMES = 10;

interface Case {
  /** A fresh valid input (n makes its ids unique); may append what it needs first. */
  prepare(api: TestApp, n: number): Promise<Record<string, unknown>>;
  /** The same command with one field changed. */
  vary(input: Record<string, unknown>): Record<string, unknown>;
}

const edited = (field: string) => (input: Record<string, unknown>) => ({ ...input, [field]: `${String(input[field])} (edited)` });

const CASES: Record<MutationName, Case> = {
  registerSource: { prepare: async (_api, n) => VALID.registerSource(`idem-source-${n}`), vary: edited('title') },
  registerCompany: { prepare: async (_api, n) => VALID.registerCompany(`idem-company-${n}`), vary: edited('name') },
  signDeal: { prepare: async (_api, n) => VALID.signDeal(`idem-deal-${n}`), vary: edited('title') },
  amendDeal: {
    prepare: async (api, n) => {
      await mutate(api, 'signDeal', VALID.signDeal(`idem-amended-${n}`));
      return { ...VALID.amendDeal(`idem-amended-${n}`), expectedVersion: 1 };
    },
    vary: edited('reason'),
  },
  terminateDeal: {
    prepare: async (api, n) => {
      await mutate(api, 'signDeal', VALID.signDeal(`idem-terminated-${n}`));
      return { ...VALID.terminateDeal(`idem-terminated-${n}`), expectedVersion: 1 };
    },
    vary: edited('reason'),
  },
  // No id: the server makes one, and every retry must get that same one back.
  claimValuation: { prepare: async (_api, n) => ({ ...VALID.claimValuation(), fiscalPeriod: `FY${2000 + n}` }), vary: edited('author') },
  makeClaim: { prepare: async (_api, n) => ({ ...VALID.makeClaim(), statement: `Claim number ${n}` }), vary: edited('statement') },
  recordTalentDeparture: {
    prepare: async (_api, n) => ({ ...VALID.recordTalentDeparture(), person: { name: `Ada Lovelace ${n}` } }),
    vary: edited('role'),
  },
  postRebuttal: { prepare: async (_api, n) => ({ ...VALID.postRebuttal(), text: `Rebuttal number ${n}` }), vary: edited('text') },
  retract: {
    prepare: async (api, n) => {
      await mutate(api, 'makeClaim', VALID.makeClaim(`idem-retracted-${n}`));
      return VALID.retract(`idem-retracted-${n}`);
    },
    vary: edited('reason'),
  },
};

describe('Given the seeded ledger and the same idempotency key sent again and again', () => {
  let api: TestApp;
  let requests = 0;
  const started = Date.now();
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    reportSummary({ suite: 'idempotent-retries', requests, failures: 0, seconds: (Date.now() - started) / 1000 });
    await api?.close();
  });

  const send = (name: MutationName, input: Record<string, unknown>, key: string): Promise<GraphQLResponse> => {
    requests += 1;
    return api.graphql(MUTATIONS[name], { input: { ...input, idempotencyKey: key } });
  };
  const eventsWithKey = (key: string) =>
    withSuperuser(api.databaseUrl, async (client) => Number((await client.query(`SELECT count(*) FROM events WHERE idempotency_key = $1`, [key])).rows[0].count));
  const expectSuccess = (response: GraphQLResponse) => {
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data).toBeTruthy();
  };
  const expectReused = (response: GraphQLResponse, key: string) => {
    expect(response.status).toBeLessThan(500);
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]!.extensions).toEqual({ code: 'IDEMPOTENCY_KEY_REUSED', idempotencyKey: key });
    expectNoInternals(response);
  };

  describe.each(Object.keys(CASES) as MutationName[])('%s', (name) => {
    const { prepare, vary } = CASES[name];

    it(`When it is sent ${TIMES} times one after the other, then ${TIMES} times at once, then one event is stored and every answer is the first one`, async () => {
      const input = await prepare(api, 1);
      const key = `${name}-sequential`;
      const before = await ledgerHead(api);
      const first = await send(name, input, key);
      expectSuccess(first);
      for (let attempt = 2; attempt <= TIMES; attempt++) expect(await send(name, input, key)).toEqual(first);
      const together = await Promise.all(Array.from({ length: TIMES }, () => send(name, input, key)));
      for (const response of together) expect(response).toEqual(first);
      const after = await ledgerHead(api);
      expect(BigInt(after.position) - BigInt(before.position)).toBe(1n);
      expect((first.data![name] as { event: { position: string } }).event.position).toBe(after.position);
      expect(await eventsWithKey(key)).toBe(1);
    });

    it(`When it is sent ${TIMES} times at once before any has committed, then ${TIMES} times one after the other, then one event is stored and all answers are equal`, async () => {
      const input = await prepare(api, 2);
      const key = `${name}-concurrent`;
      const before = await ledgerHead(api);
      const together = await Promise.all(Array.from({ length: TIMES }, () => send(name, input, key)));
      expectSuccess(together[0]!);
      for (const response of together) expect(response).toEqual(together[0]);
      for (let attempt = 1; attempt <= TIMES; attempt++) expect(await send(name, input, key)).toEqual(together[0]);
      expect(BigInt((await ledgerHead(api)).position) - BigInt(before.position)).toBe(1n);
      expect(await eventsWithKey(key)).toBe(1);
    });

    it('When the key comes back with a different input, alone or racing the original, then IDEMPOTENCY_KEY_REUSED, the original answer for the original input, and nothing is appended', async () => {
      const input = await prepare(api, 3);
      const key = `${name}-reused`;
      const first = await send(name, input, key);
      expectSuccess(first);
      const before = await ledgerHead(api);
      expectReused(await send(name, vary(input), key), key);
      const mixed = await Promise.all(Array.from({ length: TIMES }, (_, index) => send(name, index % 2 === 0 ? input : vary(input), key)));
      mixed.forEach((response, index) => (index % 2 === 0 ? expect(response).toEqual(first) : expectReused(response, key)));
      expect(await ledgerHead(api)).toEqual(before);
      expect(await eventsWithKey(key)).toBe(1);
    });

    it(`When two different inputs race under one new key, ${TIMES} requests at once, then one input wins: its requests all get one answer, the other's all fail IDEMPOTENCY_KEY_REUSED, and one event is stored`, async () => {
      const input = await prepare(api, 4);
      const other = vary(input);
      const key = `${name}-raced`;
      const before = await ledgerHead(api);
      const answers = await Promise.all(Array.from({ length: TIMES }, (_, index) => send(name, index % 2 === 0 ? input : other, key)));
      const winners = answers.filter((response) => !response.errors);
      const losers = answers.filter((response) => response.errors);
      expect(winners.length === TIMES / 2 && losers.length === TIMES / 2).toBe(true);
      for (const response of winners) expect(response).toEqual(winners[0]);
      for (const response of losers) expectReused(response, key);
      // All winners sent the same input: the even requests or the odd ones.
      const evenWon = !answers[0]!.errors;
      answers.forEach((response, index) => expect(!response.errors).toBe((index % 2 === 0) === evenWon));
      expect(BigInt((await ledgerHead(api)).position) - BigInt(before.position)).toBe(1n);
      expect(await eventsWithKey(key)).toBe(1);
    });
  });
});
