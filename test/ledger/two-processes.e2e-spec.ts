import { startTestApp, subscribe, type Subscriber, type TestApp } from '@ledger/testing';

/**
 * Two API instances on one database, each with its own pool and its own LISTEN connection (as two
 * processes would have): events appended through one reach the subscribers of the other through
 * Postgres NOTIFY as the wake-up and the events table as the source.
 */
interface Appended {
  eventAppended: { position: string; type: string; streamId: string };
}

const ALL_EVENTS = `
  subscription All($afterPosition: String) {
    eventAppended(afterPosition: $afterPosition) { position type streamId }
  }`;

const REGISTER = `mutation Register($id: ID!, $name: String!) { registerCompany(input: { id: $id, name: $name }) { event { position } } }`;

describe('Given two API instances on one database', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    first = await startTestApp();
    second = await startTestApp({ databaseUrl: first.databaseUrl, seed: false });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  const head = async (api: TestApp) => (await api.data<{ ledgerHead: { position: string } }>(`{ ledgerHead { position } }`)).ledgerHead.position;
  const register = async (api: TestApp, id: string) =>
    (await api.data<{ registerCompany: { event: { position: string } } }>(REGISTER, { id, name: `Company ${id}` })).registerCompany.event.position;
  const positions = (results: Appended[]) => results.map((result) => result.eventAppended.position);
  const ascending = (values: string[]) => [...values].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

  async function closeAll(...subscribers: Subscriber<unknown>[]) {
    await Promise.all(subscribers.map((subscriber) => subscriber.close()));
  }

  it('When events are appended concurrently through the second, then a subscriber of the first receives each once, in position order', async () => {
    const start = await head(first);
    const subscriber = subscribe<Appended>(first.url, ALL_EVENTS, { afterPosition: start });
    try {
      const appended = await Promise.all(Array.from({ length: 20 }, (_, index) => register(second, `second-${index}`)));
      const received = await subscriber.waitFor(20);
      expect(positions(received)).toEqual(ascending(appended));
      expect(received.every((result) => result.eventAppended.type === 'COMPANY_REGISTERED')).toBe(true);
      await settle();
      expect(subscriber.received).toHaveLength(20);
      expect(subscriber.errors).toEqual([]);
      // Woken by NOTIFY, not by the 5-second safety poll.
      const started = Date.now();
      await register(second, 'second-latency');
      await subscriber.waitFor(21, 2_500);
      expect(Date.now() - started).toBeLessThan(2_500);
    } finally {
      await closeAll(subscriber);
    }
  });

  it('When both instances append at once, then subscribers on each see the same events, once, in the same order', async () => {
    const start = await head(first);
    const onFirst = subscribe<Appended>(first.url, ALL_EVENTS, { afterPosition: start });
    const onSecond = subscribe<Appended>(second.url, ALL_EVENTS, { afterPosition: start });
    try {
      const appended = await Promise.all(
        Array.from({ length: 30 }, (_, index) => register(index % 2 === 0 ? first : second, `both-${index}`)),
      );
      const [seenByFirst, seenBySecond] = await Promise.all([onFirst.waitFor(30), onSecond.waitFor(30)]);
      expect(positions(seenByFirst)).toEqual(ascending(appended));
      expect(positions(seenBySecond)).toEqual(positions(seenByFirst));
      await settle();
      expect([onFirst.received.length, onSecond.received.length]).toEqual([30, 30]);
    } finally {
      await closeAll(onFirst, onSecond);
    }
  });

  it('When a subscriber disconnects and resumes with afterPosition = the last position it saw, then it gets exactly what it missed, then live events, with no gap and no duplicate', async () => {
    const start = await head(first);
    const before = subscribe<Appended>(first.url, ALL_EVENTS, { afterPosition: start });
    const seen: string[] = [];
    try {
      const live = [];
      for (let index = 0; index < 5; index++) live.push(await register(second, `before-${index}`));
      seen.push(...positions(await before.waitFor(5)));
      expect(seen).toEqual(live);
    } finally {
      await closeAll(before);
    }

    // Offline: appends through both instances.
    const missed = await Promise.all(Array.from({ length: 8 }, (_, index) => register(index % 2 === 0 ? second : first, `missed-${index}`)));

    const resumed = subscribe<Appended>(first.url, ALL_EVENTS, { afterPosition: seen[seen.length - 1] });
    try {
      const caughtUp = await resumed.waitFor(8);
      expect(positions(caughtUp)).toEqual(ascending(missed));
      const liveAfter = [];
      for (let index = 0; index < 4; index++) liveAfter.push(await register(second, `after-${index}`));
      const all = positions(await resumed.waitFor(12));
      expect(all).toEqual([...ascending(missed), ...liveAfter]);
      await settle();
      expect(resumed.received).toHaveLength(12);
      // Across the reconnect: every position from the first one seen to the last, once, no gap.
      const everything = [...seen, ...all].map(BigInt);
      expect(new Set(everything).size).toBe(everything.length);
      expect(everything.map((position) => position - everything[0]!)).toEqual(everything.map((_, index) => BigInt(index)));
    } finally {
      await closeAll(resumed);
    }
  });
});
