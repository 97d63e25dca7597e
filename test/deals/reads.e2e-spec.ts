import { startTestApp, type TestApp } from '@ledger/testing';

interface Amount {
  value: string;
  unit: string;
  per: string | null;
}
interface Revision {
  amount: Amount | null;
  date: string | null;
  days: number | null;
  text: string | null;
  effectiveOn: string | null;
  event: { position: string; type: string; streamId: string };
}
interface Term {
  key: string;
  amount: Amount | null;
  date: string | null;
  days: number | null;
  text: string | null;
  effectiveOn: string | null;
  revisions: Revision[];
}

const TERM = `key amount { value unit per } date days text effectiveOn
  revisions { amount { value unit per } date days text effectiveOn event { position type streamId } }`;
const CITE = [{ sourceId: 'techmeme-260520-p49', quote: 'test citation' }];
const SIGN = `mutation($input: SignDealInput!) { signDeal(input: $input) { deal { id version } event { position } } }`;
const TERMINATE = `mutation($input: TerminateDealInput!) { terminateDeal(input: $input) { deal { id version terminatedOn } event { type } } }`;

describe('Given the seeded ledger', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('When a reader values the Anthropic lease, then it is worth 15,000,000,000 USD a year and has no total (no start date)', async () => {
    const data = await api.data<{ deal: unknown }>(
      `{ deal(id: "spacex-anthropic-compute") { id title kind signedOn terminatedOn annualizedValue { value unit per } totalValue { value unit per } } }`,
    );
    expect(data.deal).toEqual({
      id: 'spacex-anthropic-compute',
      title: 'SpaceX compute lease to Anthropic (Colossus)',
      kind: 'COMPUTE_LEASE',
      signedOn: null,
      terminatedOn: null,
      annualizedValue: { value: '15000000000', unit: 'USD', per: 'YEAR' },
      totalValue: null,
    });
  });

  it('When a reader values the Google lease, then it is worth 11,040,000,000 USD a year', async () => {
    const data = await api.data<{ deal: { annualizedValue: Amount; totalValue: Amount | null } }>(
      `{ deal(id: "spacex-google-compute") { annualizedValue { value unit per } totalValue { value } } }`,
    );
    expect(data.deal).toEqual({ annualizedValue: { value: '11040000000', unit: 'USD', per: 'YEAR' }, totalValue: null });
  });

  it('When a reader lists the Anthropic lease terms, then each shows its current value and every revision oldest first', async () => {
    const data = await api.data<{ deal: { terms: Term[] } }>(`{ deal(id: "spacex-anthropic-compute") { terms { ${TERM} } } }`);
    const byKey = new Map(data.deal.terms.map((term) => [term.key, term]));
    expect([...byKey.keys()].sort()).toEqual(['capacity', 'ends_on', 'notice_period', 'payment']);
    expect(byKey.get('payment')).toMatchObject({ amount: { value: '1250000000', unit: 'USD', per: 'MONTH' }, date: null, days: null, text: null });
    expect(byKey.get('ends_on')).toMatchObject({ amount: null, date: '2029-05-31', days: null, text: null });
    expect(byKey.get('notice_period')).toMatchObject({ amount: null, date: null, days: 90, text: null, effectiveOn: null });
    expect(byKey.get('notice_period')!.revisions.map((revision) => revision.event.position)).toEqual(['16']);
    expect(byKey.get('capacity')!.text).toBe('Colossus; Colossus 2');
  });

  it('When a reader asks for term(key: "capacity"), then it reads "Colossus; Colossus 2" after a DEAL_SIGNED then a DEAL_AMENDED revision', async () => {
    const data = await api.data<{ deal: { term: Term } }>(`{ deal(id: "spacex-anthropic-compute") { term(key: "capacity") { ${TERM} } } }`);
    expect(data.deal.term).toEqual({
      key: 'capacity',
      amount: null,
      date: null,
      days: null,
      text: 'Colossus; Colossus 2',
      effectiveOn: '2026-05-20',
      revisions: [
        {
          amount: null,
          date: null,
          days: null,
          text: 'Colossus',
          effectiveOn: null,
          event: { position: '12', type: 'DEAL_SIGNED', streamId: 'spacex-anthropic-compute' },
        },
        {
          amount: null,
          date: null,
          days: null,
          text: 'Colossus; Colossus 2',
          effectiveOn: '2026-05-20',
          event: { position: '13', type: 'DEAL_AMENDED', streamId: 'spacex-anthropic-compute' },
        },
      ],
    });
  });

  it('When a term’s citations are read, then they are those of the event that set its current value', async () => {
    const data = await api.data<{ deal: { term: { citations: unknown[] } } }>(
      `{ deal(id: "spacex-anthropic-compute") { term(key: "capacity") { citations { source { id } quote role } } } }`,
    );
    expect(data.deal.term.citations).toEqual([
      { source: { id: 'techmeme-260520-p49' }, quote: 'Anthropic says the deal expands to include Colossus 2 capacity.', role: 'SUPPORTING' },
    ]);
  });

  it('When a reader asks for notice_period, then it is 90 days; an unknown key is null', async () => {
    const data = await api.data<{ deal: { notice: { days: number }; nope: null } }>(
      `{ deal(id: "spacex-anthropic-compute") { notice: term(key: "notice_period") { days } nope: term(key: "no-such-term") { key } } }`,
    );
    expect(data.deal).toEqual({ notice: { days: 90 }, nope: null });
  });

  it('When a reader reads version and history, then the Anthropic lease is at version 3 after one signing and two amendments', async () => {
    const data = await api.data<{ anthropic: unknown; google: unknown }>(
      `{ anthropic: deal(id: "spacex-anthropic-compute") { version history { position version type streamId } }
         google: deal(id: "spacex-google-compute") { version history { position version type } } }`,
    );
    expect(data.anthropic).toEqual({
      version: 3,
      history: [
        { position: '12', version: 1, type: 'DEAL_SIGNED', streamId: 'spacex-anthropic-compute' },
        { position: '13', version: 2, type: 'DEAL_AMENDED', streamId: 'spacex-anthropic-compute' },
        { position: '16', version: 3, type: 'DEAL_AMENDED', streamId: 'spacex-anthropic-compute' },
      ],
    });
    expect(data.google).toEqual({
      version: 2,
      history: [
        { position: '14', version: 1, type: 'DEAL_SIGNED' },
        { position: '15', version: 2, type: 'DEAL_AMENDED' },
      ],
    });
  });

  it('When a reader reads the deal’s citations, then they accumulate over signing and amendments', async () => {
    const data = await api.data<{ deal: { citations: { source: { id: string }; role: string; locator: string | null }[] } }>(
      `{ deal(id: "spacex-anthropic-compute") { citations { source { id } role locator } } }`,
    );
    const sources = data.deal.citations.map((citation) => citation.source.id);
    expect(sources).toContain('dispatch-008');
    expect(sources).toContain('thread-spacex-compute-deals');
    expect(data.deal.citations[0]).toEqual({ source: { id: 'techmeme-260520-p49' }, role: 'PRIMARY', locator: null });
    expect(data.deal.citations.find((citation) => citation.source.id === 'dispatch-008')?.locator).toBe('00:01:20');
  });

  it('When an unknown deal is read, then it is null', async () => {
    expect(await api.data(`{ deal(id: "no-such-deal") { id } }`)).toEqual({ deal: null });
  });
});

interface DealPage {
  deals: { edges: { cursor: string; node: { id: string; status: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
const DEALS = `query($filter: DealFilter, $first: Int, $after: String, $on: Date) {
  deals(filter: $filter, first: $first, after: $after) { edges { cursor node { id status(on: $on) } } pageInfo { hasNextPage endCursor } }
}`;

describe('Given the seeded ledger plus a future-dated deal, a future-signed deal, and the Google lease terminated', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
    await api.data(SIGN, {
      input: {
        id: 'xai-google-license-2030',
        title: 'A license starting in 2030',
        kind: 'LICENSE',
        signedOn: '2026-06-01',
        parties: [
          { companyId: 'xai', role: 'LICENSOR' },
          { companyId: 'google', role: 'LICENSEE' },
        ],
        terms: [
          { key: 'payment', amount: { value: '300', unit: 'USD', per: 'QUARTER' } },
          { key: 'starts_on', date: '2030-01-01' },
          { key: 'ends_on', date: '2030-12-31' },
        ],
        citations: CITE,
      },
    });
    await api.data(SIGN, {
      input: {
        id: 'openai-anthropic-supply',
        title: 'A supply deal signed later, without a start date',
        kind: 'SUPPLY',
        signedOn: '2027-03-01',
        parties: [
          { companyId: 'openai', role: 'PROVIDER' },
          { companyId: 'anthropic', role: 'CUSTOMER' },
        ],
        terms: [{ key: 'payment', amount: { value: '5000000', unit: 'USD' } }],
        citations: CITE,
      },
    });
    const terminated = await api.data<{ terminateDeal: { deal: { version: number; terminatedOn: string }; event: { type: string } } }>(TERMINATE, {
      input: { dealId: 'spacex-google-compute', terminatedOn: '2027-01-01', reason: 'Cancelled with 90 days notice', citations: CITE, expectedVersion: 2 },
    });
    expect(terminated.terminateDeal).toMatchObject({ deal: { version: 3, terminatedOn: '2027-01-01' }, event: { type: 'DEAL_TERMINATED' } });
  });
  afterAll(async () => {
    await api.close();
  });

  const statusOf = async (id: string, on: string) =>
    (await api.data<{ deal: { status: string } }>(`query($on: Date) { deal(id: "${id}") { status(on: $on) } }`, { on })).deal.status;

  it('When a deal’s starts_on is after the date, then it is PENDING; from that day, ACTIVE; after ends_on, EXPIRED', async () => {
    expect(await statusOf('xai-google-license-2030', '2029-12-31')).toBe('PENDING');
    expect(await statusOf('xai-google-license-2030', '2030-01-01')).toBe('ACTIVE');
    expect(await statusOf('xai-google-license-2030', '2030-12-31')).toBe('ACTIVE');
    expect(await statusOf('xai-google-license-2030', '2031-01-01')).toBe('EXPIRED');
  });

  it('When a deal has no starts_on and its signedOn is after the date, then it is PENDING until signedOn', async () => {
    expect(await statusOf('openai-anthropic-supply', '2027-02-28')).toBe('PENDING');
    expect(await statusOf('openai-anthropic-supply', '2027-03-01')).toBe('ACTIVE');
  });

  it('When a deal has been terminated on a date, then it is ACTIVE the day before and TERMINATED from that date on', async () => {
    expect(await statusOf('spacex-google-compute', '2026-12-31')).toBe('ACTIVE');
    expect(await statusOf('spacex-google-compute', '2027-01-01')).toBe('TERMINATED');
    expect(await statusOf('spacex-google-compute', '2040-01-01')).toBe('TERMINATED');
  });

  it('When a deal has an unknown start and no end, then it is ACTIVE on any date', async () => {
    expect(await statusOf('spacex-anthropic-compute', '1990-01-01')).toBe('ACTIVE');
  });

  it('When the new deals are valued, then the quarterly payment gives 1200 a year and 1200 in total over four quarters; a one-off payment is its own total', async () => {
    const data = await api.data<{ license: unknown; supply: unknown }>(
      `{ license: deal(id: "xai-google-license-2030") { annualizedValue { value unit per } totalValue { value unit per } }
         supply: deal(id: "openai-anthropic-supply") { annualizedValue { value } totalValue { value unit per } } }`,
    );
    expect(data.license).toEqual({ annualizedValue: { value: '1200', unit: 'USD', per: 'YEAR' }, totalValue: { value: '1200', unit: 'USD', per: null } });
    expect(data.supply).toEqual({ annualizedValue: null, totalValue: { value: '5000000', unit: 'USD', per: null } });
  });

  it('When SpaceX reads its flows after the Google termination date, then only the Anthropic lease pays in', async () => {
    const data = await api.data<{ company: { before: unknown; after: unknown } }>(
      `{ company(id: "spacex") {
          before: dealFlows(on: "2026-12-31") { inboundPerMonth { value unit per } }
          after: dealFlows(on: "2027-01-01") { inboundPerMonth { value unit per } } } }`,
    );
    expect(data.company.before).toEqual({ inboundPerMonth: [{ value: '2170000000', unit: 'USD', per: 'MONTH' }] });
    expect(data.company.after).toEqual({ inboundPerMonth: [{ value: '1250000000', unit: 'USD', per: 'MONTH' }] });
  });

  it('When xAI reads its flows in 2030, then the quarterly license counts as 100 a month; before it starts it counts nothing', async () => {
    const data = await api.data<{ company: { pending: unknown; active: unknown } }>(
      `{ company(id: "xai") {
          pending: dealFlows(on: "2029-12-31") { inboundPerMonth { value unit per } }
          active: dealFlows(on: "2030-06-01") { inboundPerMonth { value unit per } } } }`,
    );
    expect(data.company.pending).toEqual({ inboundPerMonth: [] });
    expect(data.company.active).toEqual({ inboundPerMonth: [{ value: '100', unit: 'USD', per: 'MONTH' }] });
  });

  it('When deals are listed without a filter, then all four come ordered by id', async () => {
    const data = await api.data<DealPage>(DEALS, { on: '2027-06-01' });
    expect(data.deals.edges.map((edge) => [edge.node.id, edge.node.status])).toEqual([
      ['openai-anthropic-supply', 'ACTIVE'],
      ['spacex-anthropic-compute', 'ACTIVE'],
      ['spacex-google-compute', 'TERMINATED'],
      ['xai-google-license-2030', 'PENDING'],
    ]);
    expect(data.deals.pageInfo.hasNextPage).toBe(false);
  });

  it('When deals are filtered by companyId, then only that company’s deals remain', async () => {
    const ids = async (filter: Record<string, unknown>) =>
      (await api.data<DealPage>(DEALS, { filter, on: '2027-06-01' })).deals.edges.map((edge) => edge.node.id);
    expect(await ids({ companyId: 'google' })).toEqual(['spacex-google-compute', 'xai-google-license-2030']);
    expect(await ids({ companyId: 'anthropic' })).toEqual(['openai-anthropic-supply', 'spacex-anthropic-compute']);
    expect(await ids({ companyId: 'no-such-company' })).toEqual([]);
  });

  it('When deals are filtered by kind, then only deals of that kind remain', async () => {
    const ids = async (filter: Record<string, unknown>) => (await api.data<DealPage>(DEALS, { filter })).deals.edges.map((edge) => edge.node.id);
    expect(await ids({ kind: 'COMPUTE_LEASE' })).toEqual(['spacex-anthropic-compute', 'spacex-google-compute']);
    expect(await ids({ kind: 'LICENSE' })).toEqual(['xai-google-license-2030']);
    expect(await ids({ kind: 'ACQUISITION' })).toEqual([]);
  });

  it.each([
    ['2026-11-21', 'ACTIVE', ['spacex-anthropic-compute', 'spacex-google-compute']],
    ['2026-11-21', 'PENDING', ['openai-anthropic-supply', 'xai-google-license-2030']],
    ['2027-06-01', 'TERMINATED', ['spacex-google-compute']],
    ['2029-06-01', 'EXPIRED', ['spacex-anthropic-compute']],
    ['2031-01-01', 'EXPIRED', ['spacex-anthropic-compute', 'xai-google-license-2030']],
  ])('When deals are filtered on %s by status %s, then exactly %p remain', async (on, status, expected) => {
    const data = await api.data<DealPage>(DEALS, { filter: { status, on }, on });
    expect(data.deals.edges.map((edge) => edge.node.id)).toEqual(expected);
    expect(data.deals.edges.every((edge) => edge.node.status === status)).toBe(true);
  });

  it('When every filter is combined, then all must hold', async () => {
    const data = await api.data<DealPage>(DEALS, { filter: { companyId: 'google', kind: 'COMPUTE_LEASE', status: 'TERMINATED', on: '2027-01-01' } });
    expect(data.deals.edges.map((edge) => edge.node.id)).toEqual(['spacex-google-compute']);
    const none = await api.data<DealPage>(DEALS, { filter: { companyId: 'google', kind: 'COMPUTE_LEASE', status: 'TERMINATED', on: '2026-12-31' } });
    expect(none.deals.edges).toEqual([]);
  });

  it('When a status-filtered list is paged with first: 1, then the pages walk exactly the matching deals', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 10; guard += 1) {
      const data: DealPage = await api.data<DealPage>(DEALS, { filter: { status: 'PENDING', on: '2026-11-21' }, first: 1, after });
      seen.push(...data.deals.edges.map((edge) => edge.node.id));
      if (!data.deals.pageInfo.hasNextPage) break;
      after = data.deals.pageInfo.endCursor;
    }
    expect(seen).toEqual(['openai-anthropic-supply', 'xai-google-license-2030']);
  });

  it('When Company.deals is filtered by status on a date, then it agrees with the deals connection', async () => {
    const data = await api.data<{ company: { deals: { id: string }[] } }>(`{ company(id: "google") { deals(status: TERMINATED, on: "2027-01-01") { id } } }`);
    expect(data.company.deals).toEqual([{ id: 'spacex-google-compute' }]);
  });
});
