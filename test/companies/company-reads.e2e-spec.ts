import { startTestApp, type TestApp } from '@ledger/testing';

interface Named {
  id: string;
}
interface CompanyDeals {
  company: { deals: Named[] };
}

const CITE = [{ sourceId: 'techmeme-260520-p50', quote: 'test citation' }];

describe('Given the seeded ledger', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  const dealIds = async (companyId: string, args: string) => {
    const data = await api.data<CompanyDeals>(`{ company(id: "${companyId}") { deals(${args}) { id } } }`);
    return data.company.deals.map((deal) => deal.id);
  };

  it('When SpaceX reads its deals on 2026-11-21, then both compute leases are listed with their parties', async () => {
    const data = await api.data<{ company: { deals: { id: string; parties: { role: string; company: Named }[] }[] } }>(
      `{ company(id: "spacex") { deals(on: "2026-11-21") { id parties { role company { id } } } } }`,
    );
    expect(data.company.deals).toEqual([
      {
        id: 'spacex-anthropic-compute',
        parties: [
          { role: 'PROVIDER', company: { id: 'spacex' } },
          { role: 'CUSTOMER', company: { id: 'anthropic' } },
        ],
      },
      {
        id: 'spacex-google-compute',
        parties: [
          { role: 'PROVIDER', company: { id: 'spacex' } },
          { role: 'CUSTOMER', company: { id: 'google' } },
        ],
      },
    ]);
  });

  it('When the deals are filtered by role, then only those where the company plays that role remain', async () => {
    expect(await dealIds('spacex', 'role: PROVIDER, on: "2026-11-21"')).toEqual(['spacex-anthropic-compute', 'spacex-google-compute']);
    expect(await dealIds('spacex', 'role: CUSTOMER, on: "2026-11-21"')).toEqual([]);
    expect(await dealIds('anthropic', 'role: CUSTOMER, on: "2026-11-21"')).toEqual(['spacex-anthropic-compute']);
    expect(await dealIds('anthropic', 'role: PROVIDER, on: "2026-11-21"')).toEqual([]);
  });

  it('When the deals are filtered by status on 2029-06-01, then the Anthropic lease (ends 2029-05-31) is EXPIRED and Google’s stays ACTIVE', async () => {
    expect(await dealIds('spacex', 'status: EXPIRED, on: "2029-06-01"')).toEqual(['spacex-anthropic-compute']);
    expect(await dealIds('spacex', 'status: ACTIVE, on: "2029-06-01"')).toEqual(['spacex-google-compute']);
    expect(await dealIds('anthropic', 'status: EXPIRED, on: "2029-06-01"')).toEqual(['spacex-anthropic-compute']);
    expect(await dealIds('google', 'status: EXPIRED, on: "2029-06-01"')).toEqual([]);
  });

  it('When the deals are filtered by status on the last day of the lease, then it is still ACTIVE', async () => {
    expect(await dealIds('spacex', 'status: ACTIVE, on: "2029-05-31"')).toEqual(['spacex-anthropic-compute', 'spacex-google-compute']);
    expect(await dealIds('spacex', 'status: EXPIRED, on: "2029-05-31"')).toEqual([]);
  });

  it('When role and status are combined, then both must hold', async () => {
    expect(await dealIds('anthropic', 'role: CUSTOMER, status: ACTIVE, on: "2029-06-01"')).toEqual([]);
    expect(await dealIds('google', 'role: CUSTOMER, status: ACTIVE, on: "2029-06-01"')).toEqual(['spacex-google-compute']);
  });

  it('When xAI reads its claims, then the two S-1 figures and the circular-deals thesis are listed, and metric narrows them', async () => {
    const data = await api.data<{ company: { all: Named[]; revenue: { id: string; value: unknown }[]; valuation: Named[] } }>(
      `{ company(id: "xai") {
          all: claims { id }
          revenue: claims(metric: REVENUE) { id value { value unit per } }
          valuation: claims(metric: VALUATION) { id }
        } }`,
    );
    expect(data.company.all.map((claim) => claim.id).sort()).toEqual(['circular-compute-deals', 'xai-operating-income-fy2025', 'xai-revenue-fy2025']);
    expect(data.company.revenue).toEqual([{ id: 'xai-revenue-fy2025', value: { value: '3200000000', unit: 'USD', per: null } }]);
    expect(data.company.valuation).toEqual([]);
  });

  it('When xAI reads its latest OPERATING_INCOME claim, then it is the FY2025 loss of 6.4 billion', async () => {
    const data = await api.data<{ company: { latestClaim: unknown; none: unknown } }>(
      `{ company(id: "xai") {
          latestClaim(metric: OPERATING_INCOME) { id fiscalPeriod author value { value unit per } status }
          none: latestClaim(metric: VALUATION) { id }
        } }`,
    );
    expect(data.company.latestClaim).toEqual({
      id: 'xai-operating-income-fy2025',
      fiscalPeriod: 'FY2025',
      author: 'SpaceX S-1 filing',
      value: { value: '-6400000000', unit: 'USD', per: null },
      status: 'STANDING',
    });
    expect(data.company.none).toBeNull();
  });

  it('When OpenAI reads its departures and Anthropic its arrivals, then both show Clive Chan moving from OpenAI to Anthropic', async () => {
    const move = `{ id role announcedOn retracted person { id name } from { id } to { id } }`;
    const data = await api.data<{ openai: { departures: unknown[]; arrivals: unknown[] }; anthropic: { departures: unknown[]; arrivals: unknown[] } }>(
      `{ openai: company(id: "openai") { departures ${move} arrivals ${move} }
         anthropic: company(id: "anthropic") { departures ${move} arrivals ${move} } }`,
    );
    const expected = {
      id: 'clive-chan-openai-anthropic',
      role: "Hardware: OpenAI's second hardware hire, custom chip program",
      announcedOn: '2026-06-06',
      retracted: false,
      person: { id: 'clive-chan', name: 'Clive Chan' },
      from: { id: 'openai' },
      to: { id: 'anthropic' },
    };
    expect(data.openai).toEqual({ departures: [expected], arrivals: [] });
    expect(data.anthropic).toEqual({ departures: [], arrivals: [expected] });
  });

  it('When SpaceX reads its history, then it gets the events that concern it, amendments of its deals included, in position order', async () => {
    const data = await api.data<{ company: { history: { position: string; type: string }[] } }>(
      `{ company(id: "spacex") { history { position type } } }`,
    );
    expect(data.company.history).toEqual([
      { position: '7', type: 'COMPANY_REGISTERED' },
      { position: '12', type: 'DEAL_SIGNED' },
      { position: '13', type: 'DEAL_AMENDED' },
      { position: '14', type: 'DEAL_SIGNED' },
      { position: '15', type: 'DEAL_AMENDED' },
      { position: '16', type: 'DEAL_AMENDED' },
      { position: '19', type: 'VALUATION_CLAIMED' },
      { position: '21', type: 'CLAIM_MADE' },
    ]);
  });

  it('When Anthropic reads its history, then its registration, its lease, Clive Chan’s arrival and the thesis naming it appear in order', async () => {
    const data = await api.data<{ company: { history: { position: string; type: string }[] } }>(
      `{ company(id: "anthropic") { history { position type } } }`,
    );
    expect(data.company.history).toEqual([
      { position: '9', type: 'COMPANY_REGISTERED' },
      { position: '12', type: 'DEAL_SIGNED' },
      { position: '13', type: 'DEAL_AMENDED' },
      { position: '16', type: 'DEAL_AMENDED' },
      { position: '20', type: 'TALENT_DEPARTED' },
      { position: '21', type: 'CLAIM_MADE' },
    ]);
  });

  it('When an unknown company is read, then it is null', async () => {
    expect(await api.data(`{ company(id: "no-such-company") { id } }`)).toEqual({ company: null });
  });

  it('When a company is read, then its name and aliases come from its registration', async () => {
    expect(await api.data(`{ company(id: "spacex") { id name aliases } }`)).toEqual({
      company: { id: 'spacex', name: 'SpaceX', aliases: ['Space Exploration Technologies'] },
    });
  });
});

describe('Given the seeded ledger and a newer xAI operating income claim', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
    await api.data(
      `mutation($input: ClaimValuationInput!) { claimValuation(input: $input) { claim { id } } }`,
      {
        input: {
          id: 'xai-operating-income-h1-2026',
          companyId: 'xai',
          metric: 'OPERATING_INCOME',
          value: { value: '-2100000000', unit: 'USD' },
          fiscalPeriod: 'H1 2026',
          author: 'test analyst',
          occurredOn: '2026-08-01',
          citations: CITE,
        },
      },
    );
    // An older-dated claim recorded later never wins over a more recent occurredOn.
    await api.data(`mutation($input: ClaimValuationInput!) { claimValuation(input: $input) { claim { id } } }`, {
      input: {
        id: 'xai-operating-income-fy2024',
        companyId: 'xai',
        metric: 'OPERATING_INCOME',
        value: { value: '-1000000000', unit: 'USD' },
        fiscalPeriod: 'FY2024',
        author: 'test analyst',
        occurredOn: '2025-03-01',
        citations: CITE,
      },
    });
  });
  afterAll(async () => {
    await api.close();
  });

  const latest = async () =>
    (await api.data<{ company: { latestClaim: Named | null } }>(`{ company(id: "xai") { latestClaim(metric: OPERATING_INCOME) { id } } }`)).company
      .latestClaim?.id ?? null;

  it('When xAI reads its latest OPERATING_INCOME claim, then the one with the latest occurredOn wins', async () => {
    expect(await latest()).toBe('xai-operating-income-h1-2026');
  });

  it('When the newest claim is refuted by a standing rebuttal, then the latest standing claim is the FY2025 one again', async () => {
    await api.data(`mutation($input: PostRebuttalInput!) { postRebuttal(input: $input) { rebuttal { id status } } }`, {
      input: { id: 'r-h1-figure-wrong', targetId: 'xai-operating-income-h1-2026', stance: 'REFUTES', author: 'test fact checker', text: 'The figure is wrong.', citations: CITE },
    });
    expect(await latest()).toBe('xai-operating-income-fy2025');
  });

  it('When the refutation is retracted, then the newest claim stands and is latest again', async () => {
    await api.data(`mutation { retract(input: { targetId: "r-h1-figure-wrong", reason: "mistaken" }) { targetId } }`);
    expect(await latest()).toBe('xai-operating-income-h1-2026');
  });
});
