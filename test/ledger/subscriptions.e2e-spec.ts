import { LedgerReader } from '@ledger/event-store';
import { startTestApp, subscribe, type TestApp } from '@ledger/testing';
import { createLedgerContext } from '../../apps/api/src/ledger/ledger-context';
import { resolveEventAppended } from '../../apps/api/src/ledger/ledger.resolver';

interface Appended {
  eventAppended: { position: string; type: string; streamId: string; version: number };
}

const EVENT_APPENDED = `
  subscription Appended($types: [EventType!], $entityId: ID, $afterPosition: String) {
    eventAppended(types: $types, entityId: $entityId, afterPosition: $afterPosition) { position type streamId version }
  }`;

const AMEND = `
  mutation Amend($dealId: ID!, $text: String!) {
    amendDeal(input: { dealId: $dealId, terms: [{ key: "capacity", text: $text }], reason: "test",
                       citations: [{ sourceId: "dispatch-008" }] }) { event { position } }
  }`;

describe('Given the seeded ledger and a live subscriber', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('When deals are amended, then each committed event arrives once, in position order, filtered by type', async () => {
    const subscriber = subscribe<Appended>(api.url, EVENT_APPENDED, { types: ['DEAL_AMENDED'] });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300)); // let the subscription start at the head
      const positions: string[] = [];
      for (const text of ['A', 'B', 'C']) {
        const data = await api.data<{ amendDeal: { event: { position: string } } }>(AMEND, { dealId: 'spacex-google-compute', text });
        positions.push(data.amendDeal.event.position);
        await api.data(`mutation { registerCompany(input: { id: "noise-${text.toLowerCase()}", name: "Noise ${text}" }) { company { id } } }`);
      }
      const received = await subscriber.waitFor(3);
      expect(received.map((result) => result.eventAppended.position)).toEqual(positions);
      expect(received.every((result) => result.eventAppended.type === 'DEAL_AMENDED')).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(subscriber.received).toHaveLength(3);
    } finally {
      await subscriber.close();
    }
  });

  it('When a client resumes with afterPosition, then it first receives everything it missed, then live events', async () => {
    const subscriber = subscribe<Appended>(api.url, EVENT_APPENDED, { entityId: 'spacex-anthropic-compute', afterPosition: '0' });
    try {
      const missed = await subscriber.waitFor(3);
      expect(missed.map((result) => [result.eventAppended.type, result.eventAppended.version])).toEqual([
        ['DEAL_SIGNED', 1],
        ['DEAL_AMENDED', 2],
        ['DEAL_AMENDED', 3],
      ]);
      const live = await api.data<{ amendDeal: { event: { position: string } } }>(AMEND, { dealId: 'spacex-anthropic-compute', text: 'D' });
      const all = await subscriber.waitFor(4);
      expect(all[3]!.eventAppended.position).toBe(live.amendDeal.event.position);
      const positions = all.map((result) => BigInt(result.eventAppended.position));
      expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
    } finally {
      await subscriber.close();
    }
  });

  it('When events arrive on a subscription that reads each citation\'s source, then each carries its sources as of its own position', async () => {
    const subscriber = subscribe<{ eventAppended: { position: string; citations: { source: { id: string; title: string } }[] } }>(
      api.url,
      `subscription { eventAppended(types: [DEAL_AMENDED]) { position citations { source { id title } } } }`,
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 300)); // let the subscription start at the head
      for (const text of ['E', 'F']) await api.data(AMEND, { dealId: 'spacex-google-compute', text });
      const received = await subscriber.waitFor(2);
      expect(received.map((result) => result.eventAppended.citations.map((citation) => citation.source.id))).toEqual([['dispatch-008'], ['dispatch-008']]);
      expect(received.every((result) => result.eventAppended.citations[0]!.source.title.length > 0)).toBe(true);
    } finally {
      await subscriber.close();
    }
  });

  it('When one subscription context delivers several events, then each is read with loaders of its own, so no event\'s cached rows stay for the next', async () => {
    // graphql-ws makes the context once per operation; it delivers every event of the subscription.
    const reader = api.app.get(LedgerReader);
    const context = createLedgerContext(reader, 'subscriber');
    const [first, second] = await reader.eventsGroupedBy('stream', ['spacex-anthropic-compute'], (await reader.head()).position).then((grouped) => grouped.get('spacex-anthropic-compute')!);

    resolveEventAppended(first!, {}, context);
    const firstLoaders = context.loaders;
    await firstLoaders.row('sources', 'dispatch-008', first!.event.position);
    resolveEventAppended(second!, {}, context);

    expect(context.loaders).not.toBe(firstLoaders);
  });

  it.each([
    ['asks for a field the schema does not have', 'subscription { eventAppended { position nonsense } }', 'GRAPHQL_VALIDATION_FAILED', /Cannot query field .{0,4}nonsense/],
    ['is not GraphQL', 'subscription { eventAppended { position }', 'GRAPHQL_PARSE_FAILED', /Syntax Error/],
  ])('When a subscription %s, then graphql-ws refuses it with %s, as HTTP does, not an internal error', async (_case, query, code, message) => {
    const subscriber = subscribe(api.url, query);
    try {
      await expect(subscriber.waitFor(1, 5_000)).rejects.toThrow(new RegExp(`"code":"${code}"`));
      expect(JSON.stringify(subscriber.errors)).toMatch(message);
    } finally {
      await subscriber.close();
    }
  });
});
