import { readFileSync } from 'node:fs';
import { SEED_FILE, startTestApp, type TestApp } from '@ledger/testing';
import { expectCodedError } from '@ledger/testing/ledger-writes';

interface EventNode {
  id: string;
  position: string;
  streamId: string;
  version: number;
  type: string;
  occurredOn: string | null;
  recordedAt: string;
  recordedBy: string;
  hash: string;
  previousHash: string | null;
}
interface EventPage {
  events: { edges: { cursor: string; node: EventNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
const EVENTS = `query($filter: EventFilter, $first: Int, $after: String) {
  events(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id position streamId version type occurredOn recordedAt recordedBy hash previousHash } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => String(from + index));

describe('Given the seeded ledger of 27 events', () => {
  let api: TestApp;
  let all: EventNode[];
  beforeAll(async () => {
    api = await startTestApp();
    all = (await api.data<EventPage>(EVENTS)).events.edges.map((edge) => edge.node);
  });
  afterAll(async () => {
    await api.close();
  });

  const positions = async (filter: Record<string, unknown>) => (await api.data<EventPage>(EVENTS, { filter })).events.edges.map((edge) => edge.node.position);

  it('When every event is listed, then there are 27 in gap-free position order, one per seed line, with no next page', async () => {
    const page = await api.data<EventPage>(EVENTS);
    expect(page.events.edges.map((edge) => edge.node.position)).toEqual(range(1, 27));
    expect(page.events.pageInfo.hasNextPage).toBe(false);
    const ops = readFileSync(SEED_FILE, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { op: string }).op);
    const typeOf: Record<string, string> = {
      registerSource: 'SOURCE_REGISTERED',
      registerCompany: 'COMPANY_REGISTERED',
      signDeal: 'DEAL_SIGNED',
      amendDeal: 'DEAL_AMENDED',
      claimValuation: 'VALUATION_CLAIMED',
      makeClaim: 'CLAIM_MADE',
      recordTalentDeparture: 'TALENT_DEPARTED',
      postRebuttal: 'REBUTTAL_POSTED',
    };
    expect(all.map((event) => event.type)).toEqual(ops.map((op) => typeOf[op]));
  });

  it('When the events are read, then they form a hash chain and recordedAt never decreases', () => {
    expect(all[0]!.previousHash).toBeNull();
    for (let index = 1; index < all.length; index += 1) {
      expect(all[index]!.previousHash).toBe(all[index - 1]!.hash);
      expect(all[index]!.recordedAt >= all[index - 1]!.recordedAt).toBe(true);
    }
    for (const event of all) {
      expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(event.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(event.recordedBy).toBe('ledger-import');
    }
  });

  it('When a stream’s events are filtered by streamId, then they come with versions 1, 2, 3', async () => {
    const page = await api.data<EventPage>(EVENTS, { filter: { streamId: 'spacex-anthropic-compute' } });
    expect(page.events.edges.map((edge) => [edge.node.position, edge.node.version, edge.node.type])).toEqual([
      ['12', 1, 'DEAL_SIGNED'],
      ['13', 2, 'DEAL_AMENDED'],
      ['16', 3, 'DEAL_AMENDED'],
    ]);
    expect(await positions({ streamId: 'no-such-stream' })).toEqual([]);
  });

  it('When the events are filtered by types, then only those types remain', async () => {
    expect(await positions({ types: ['REBUTTAL_POSTED'] })).toEqual(range(22, 27));
    expect(await positions({ types: ['DEAL_SIGNED', 'DEAL_AMENDED'] })).toEqual(range(12, 16));
    expect(await positions({ types: ['DEAL_TERMINATED'] })).toEqual([]);
    expect(await positions({ types: [] })).toEqual(range(1, 27));
  });

  it('When the events are filtered by entityId, then those mentioning the company, deal, claim, person or source remain', async () => {
    expect(await positions({ entityId: 'anthropic' })).toEqual(['9', '12', '13', '16', '20', '21']);
    expect(await positions({ entityId: 'spacex-google-compute' })).toEqual(['14', '15']);
    expect(await positions({ entityId: 'circular-compute-deals' })).toEqual(range(21, 27));
    expect(await positions({ entityId: 'clive-chan' })).toEqual(['20']);
    expect(await positions({ entityId: 'thread-spacex-compute-deals' })).toEqual(['6', '15', '16', ...range(23, 27)]);
    expect(await positions({ entityId: 'r-selling-spare-capacity' })).toEqual(['24', '25']);
  });

  it('When the events are filtered by afterPosition, then only later ones remain', async () => {
    expect(await positions({ afterPosition: '20' })).toEqual(range(21, 27));
    expect(await positions({ afterPosition: '0' })).toEqual(range(1, 27));
    expect(await positions({ afterPosition: '27' })).toEqual([]);
  });

  it('When the events are filtered by recordedFrom and recordedTo, then both bounds are inclusive', async () => {
    const from = all[9]!.recordedAt;
    const to = all[19]!.recordedAt;
    const expected = all.filter((event) => event.recordedAt >= from && event.recordedAt <= to).map((event) => event.position);
    expect(expected).toEqual(expect.arrayContaining(range(10, 20)));
    expect(await positions({ recordedFrom: from, recordedTo: to })).toEqual(expected);
    expect(await positions({ recordedFrom: all[26]!.recordedAt })).toEqual(all.filter((event) => event.recordedAt >= all[26]!.recordedAt).map((event) => event.position));
    expect(await positions({ recordedTo: all[0]!.recordedAt })).toEqual(all.filter((event) => event.recordedAt <= all[0]!.recordedAt).map((event) => event.position));
    expect(await positions({ recordedTo: '2000-01-01T00:00:00.000Z' })).toEqual([]);
    expect(await positions({ recordedFrom: '2999-01-01T00:00:00.000Z' })).toEqual([]);
  });

  it('When filters are combined, then every one must hold', async () => {
    expect(await positions({ entityId: 'spacex-anthropic-compute', types: ['DEAL_AMENDED'], afterPosition: '13' })).toEqual(['16']);
    expect(await positions({ streamId: 'r-ponzi-style', entityId: 'circular-compute-deals' })).toEqual(['26']);
  });

  it('When the events are walked with first: 10, then three pages cover 1..27 without duplicates or gaps', async () => {
    const seen: string[] = [];
    const cursors: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: EventPage = await api.data<EventPage>(EVENTS, { first: 10, after });
      pages += 1;
      seen.push(...page.events.edges.map((edge) => edge.node.position));
      cursors.push(...page.events.edges.map((edge) => edge.cursor));
      if (!page.events.pageInfo.hasNextPage) break;
      after = page.events.pageInfo.endCursor;
      if (pages > 5) throw new Error('too many pages');
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(range(1, 27));
    expect(new Set(cursors).size).toBe(27);
    for (const cursor of cursors) expect(cursor).not.toMatch(/^\d+$/);
  });

  it('When a filtered list is paged, then the cursor continues within the filter', async () => {
    const first = await api.data<EventPage>(EVENTS, { filter: { types: ['REBUTTAL_POSTED'] }, first: 4 });
    expect(first.events.edges.map((edge) => edge.node.position)).toEqual(range(22, 25));
    expect(first.events.pageInfo.hasNextPage).toBe(true);
    const second = await api.data<EventPage>(EVENTS, { filter: { types: ['REBUTTAL_POSTED'] }, first: 4, after: first.events.pageInfo.endCursor });
    expect(second.events.edges.map((edge) => edge.node.position)).toEqual(['26', '27']);
    expect(second.events.pageInfo.hasNextPage).toBe(false);
  });

  it.each([
    ['first: 0', { first: 0 }],
    ['first: 101', { first: 101 }],
    ['a garbage cursor', { after: 'garbage' }],
    ['an afterPosition that is not a number', { filter: { afterPosition: 'ten' } }],
    ['an impossible recordedFrom', { filter: { recordedFrom: 'yesterday' } }],
  ])('When events are asked with %s, then it fails BAD_USER_INPUT', async (_label, variables) => {
    const response = await api.graphql(EVENTS, variables);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['recordedFrom', '9999-12-31T23:00:00-02:00'],
    ['recordedTo', '9999-12-31T23:00:00-02:00'],
    ['recordedFrom', '0001-01-01T00:00:00+00:01'],
    ['recordedTo', '0001-01-01T00:00:00+00:01'],
  ])('When %s is %p, a well-formed instant outside 0001..9999 UTC, then it fails BAD_USER_INPUT on that filter field, not an internal error', async (field, at) => {
    expectCodedError(await api.graphql(EVENTS, { filter: { [field]: at } }), 'BAD_USER_INPUT', [`filter.${field}`]);
    expectCodedError(await api.graphql(`{ events(filter: { ${field}: "${at}" }) { edges { node { position } } } }`), 'BAD_USER_INPUT', [`filter.${field}`]);
  });

  it('When recordedFrom and recordedTo are the first and the last instant of years 0001..9999 (UTC), then every event is listed', async () => {
    expect(await positions({ recordedFrom: '0001-01-01T00:00:00.000Z', recordedTo: '9999-12-31T23:59:59.999Z' })).toEqual(range(1, 27));
    expect(await positions({ recordedFrom: '0001-01-01T01:00:00+01:00', recordedTo: '9999-12-31T21:59:59.999-02:00' })).toEqual(range(1, 27));
  });

  it('When events are paged with a cursor from another connection, or one whose position overflows a bigint, then it fails BAD_USER_INPUT, not an internal error', async () => {
    const companies = await api.data<{ companies: { pageInfo: { endCursor: string } } }>(`{ companies(first: 1) { pageInfo { endCursor } } }`);
    const overflowing = Buffer.from('c1:99999999999999999999', 'utf8').toString('base64url');
    for (const after of [companies.companies.pageInfo.endCursor, overflowing]) {
      const response = await api.graphql(EVENTS, { after });
      expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors?.[0]?.extensions?.fields).toEqual(['after']);
    }
  });

  it('When afterPosition is beyond what a position can hold, then it fails BAD_USER_INPUT; at the largest position, the list is empty', async () => {
    const response = await api.graphql(EVENTS, { filter: { afterPosition: '9999999999999999999' } });
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(await positions({ afterPosition: '9223372036854775807' })).toEqual([]);
  });

  it('When an event is read by id, then it is that event, its data and citations included', async () => {
    const target = all[11]!;
    const data = await api.data<{ event: { position: string; type: string; data: Record<string, unknown>; citations: { source: { id: string }; role: string }[] } }>(
      `query($id: ID!) { event(id: $id) { position type data citations { source { id } role } } }`,
      { id: target.id },
    );
    expect(data.event.position).toBe('12');
    expect(data.event.type).toBe('DEAL_SIGNED');
    expect(data.event.data).toMatchObject({ dealId: 'spacex-anthropic-compute', kind: 'COMPUTE_LEASE' });
    expect(data.event.citations).toEqual([
      { source: { id: 'techmeme-260520-p49' }, role: 'PRIMARY' },
      { source: { id: 'dispatch-008' }, role: 'SUPPORTING' },
    ]);
  });

  it('When an event is read by its id in upper case, then it is found too; an unknown UUID or a slug is null', async () => {
    const target = all[0]!;
    const data = await api.data<{ upper: { position: string }; unknown: null; slug: null }>(
      `query($upper: ID!) { upper: event(id: $upper) { position } unknown: event(id: "00000000-0000-4000-8000-000000000000") { position } slug: event(id: "spacex") { position } }`,
      { upper: target.id.toUpperCase() },
    );
    expect(data).toEqual({ upper: { position: '1' }, unknown: null, slug: null });
  });

  it('When the ledger head is read, then it is position 27 with the last event’s hash and recordedAt', async () => {
    const data = await api.data<{ ledgerHead: unknown }>(`{ ledgerHead { position hash recordedAt } }`);
    expect(data.ledgerHead).toEqual({ position: '27', hash: all[26]!.hash, recordedAt: all[26]!.recordedAt });
  });

  it('When the whole ledger is verified, then it is ok with 27 events checked', async () => {
    expect(await api.data(`{ verifyLedger { ok checkedEvents firstBadPosition message } }`)).toEqual({
      verifyLedger: { ok: true, checkedEvents: 27, firstBadPosition: null, message: null },
    });
  });

  it('When a range is verified, then exactly the events from fromPosition to toPosition are checked', async () => {
    const data = await api.data<{ a: unknown; b: unknown; c: unknown; d: unknown }>(
      `{ a: verifyLedger(fromPosition: "5", toPosition: "10") { ok checkedEvents firstBadPosition }
         b: verifyLedger(fromPosition: "27") { ok checkedEvents }
         c: verifyLedger(toPosition: "1") { ok checkedEvents }
         d: verifyLedger(fromPosition: "12", toPosition: "12") { ok checkedEvents } }`,
    );
    expect(data).toEqual({
      a: { ok: true, checkedEvents: 6, firstBadPosition: null },
      b: { ok: true, checkedEvents: 1 },
      c: { ok: true, checkedEvents: 1 },
      d: { ok: true, checkedEvents: 1 },
    });
  });

  it('When an auditor asks to verify an impossible range, then it is BAD_USER_INPUT, not a broken chain', async () => {
    for (const [args, fields] of [
      ['fromPosition: "0"', ['fromPosition']],
      ['toPosition: "28"', ['toPosition']],
      ['fromPosition: "10", toPosition: "5"', ['fromPosition', 'toPosition']],
    ] as const) {
      const response = await api.graphql(`{ verifyLedger(${args}) { ok } }`);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields });
    }
  });

  it('When a new event is appended, then the head, the events list and verification all move to 28', async () => {
    const appended = await api.data<{ registerCompany: { event: { id: string; position: string; hash: string; previousHash: string; version: number; streamId: string } } }>(
      `mutation { registerCompany(input: { id: "nvidia", name: "NVIDIA" }) { event { id position hash previousHash version streamId } } }`,
    );
    expect(appended.registerCompany.event).toMatchObject({ position: '28', previousHash: all[26]!.hash, version: 1, streamId: 'nvidia' });
    const data = await api.data<{ ledgerHead: { position: string; hash: string }; verifyLedger: { ok: boolean; checkedEvents: number }; events: { edges: { node: { id: string } }[] } }>(
      `{ ledgerHead { position hash } verifyLedger { ok checkedEvents } events(filter: { afterPosition: "27" }) { edges { node { id } } } }`,
    );
    expect(data.ledgerHead).toEqual({ position: '28', hash: appended.registerCompany.event.hash });
    expect(data.verifyLedger).toEqual({ ok: true, checkedEvents: 28 });
    expect(data.events.edges).toEqual([{ node: { id: appended.registerCompany.event.id } }]);
  });
});

describe('Given an empty ledger', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ seed: false });
  });
  afterAll(async () => {
    await api.close();
  });

  it('When the head, the events and a verification are read, then they describe an empty ledger', async () => {
    const data = await api.data<unknown>(
      `{ ledgerHead { position hash recordedAt } events { edges { cursor } pageInfo { hasNextPage endCursor } } verifyLedger { ok checkedEvents } asOf(position: "0") { position } }`,
    );
    expect(data).toEqual({
      ledgerHead: { position: '0', hash: null, recordedAt: null },
      events: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } },
      verifyLedger: { ok: true, checkedEvents: 0 },
      asOf: { position: '0' },
    });
  });
});
