import { startTestApp, type TestApp } from '@ledger/testing';

interface ViewDeal {
  asOf: {
    position: string;
    deal: {
      version: number;
      capacity: { text: string; revisions: { text: string; event: { position: string; type: string } }[] } | null;
      notice: { days: number } | null;
      history: { position: string }[];
    } | null;
  };
}
const VIEW_DEAL = `query($position: String) { asOf(position: $position) { position deal(id: "spacex-anthropic-compute") {
  version
  capacity: term(key: "capacity") { text revisions { text event { position type } } }
  notice: term(key: "notice_period") { days }
  history { position }
} } }`;
const CITE = [{ sourceId: 'techmeme-260520-p49', quote: 'test citation' }];

describe('Given the seeded ledger, where the Anthropic lease was signed at 12 and amended at 13 and 16', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('When the lease is read as of position 11, then it does not exist yet', async () => {
    const data = await api.data<ViewDeal>(VIEW_DEAL, { position: '11' });
    expect(data.asOf).toEqual({ position: '11', deal: null });
  });

  it('When the lease is read as of position 12 (before the amendment), then capacity is "Colossus" at version 1', async () => {
    const data = await api.data<ViewDeal>(VIEW_DEAL, { position: '12' });
    expect(data.asOf.deal).toEqual({
      version: 1,
      capacity: { text: 'Colossus', revisions: [{ text: 'Colossus', event: { position: '12', type: 'DEAL_SIGNED' } }] },
      notice: null,
      history: [{ position: '12' }],
    });
  });

  it('When the lease is read as of position 13 (after the amendment), then capacity is "Colossus; Colossus 2" at version 2', async () => {
    const data = await api.data<ViewDeal>(VIEW_DEAL, { position: '13' });
    expect(data.asOf.deal).toEqual({
      version: 2,
      capacity: {
        text: 'Colossus; Colossus 2',
        revisions: [
          { text: 'Colossus', event: { position: '12', type: 'DEAL_SIGNED' } },
          { text: 'Colossus; Colossus 2', event: { position: '13', type: 'DEAL_AMENDED' } },
        ],
      },
      notice: null,
      history: [{ position: '12' }, { position: '13' }],
    });
  });

  it('When the lease is read as of position 15 (an unrelated amendment of the Google lease), then it is unchanged since 13', async () => {
    const data = await api.data<ViewDeal>(VIEW_DEAL, { position: '15' });
    expect(data.asOf.deal?.version).toBe(2);
    expect(data.asOf.deal?.notice).toBeNull();
  });

  it('When the lease is read as of position 16, then the notice period of 90 days appears at version 3', async () => {
    const data = await api.data<ViewDeal>(VIEW_DEAL, { position: '16' });
    expect(data.asOf.deal?.version).toBe(3);
    expect(data.asOf.deal?.notice).toEqual({ days: 90 });
    expect(data.asOf.deal?.history).toEqual([{ position: '12' }, { position: '13' }, { position: '16' }]);
  });

  it('When the deals connection is read as of 12 and 13, then it lists only the deals signed by then', async () => {
    const query = `query($position: String) { asOf(position: $position) { deals(filter: { on: "2026-11-21" }) { edges { node { id version status(on: "2026-11-21") } } } } }`;
    const at12 = await api.data<{ asOf: { deals: { edges: { node: unknown }[] } } }>(query, { position: '12' });
    expect(at12.asOf.deals.edges.map((edge) => edge.node)).toEqual([{ id: 'spacex-anthropic-compute', version: 1, status: 'ACTIVE' }]);
    const at14 = await api.data<{ asOf: { deals: { edges: { node: unknown }[] } } }>(query, { position: '14' });
    expect(at14.asOf.deals.edges.map((edge) => edge.node)).toEqual([
      { id: 'spacex-anthropic-compute', version: 2, status: 'ACTIVE' },
      { id: 'spacex-google-compute', version: 1, status: 'ACTIVE' },
    ]);
  });

  it('When SpaceX deal flows are read as of 12, then only the Anthropic lease pays in (both axes combined)', async () => {
    const data = await api.data<{ asOf: { company: { dealFlows: unknown } } }>(
      `{ asOf(position: "12") { company(id: "spacex") { dealFlows(on: "2026-11-21") { inboundPerMonth { value unit per } outboundPerMonth { value } } } } }`,
    );
    expect(data.asOf.company.dealFlows).toEqual({ inboundPerMonth: [{ value: '1250000000', unit: 'USD', per: 'MONTH' }], outboundPerMonth: [] });
  });
});

describe('Given the seeded ledger and a later termination and payment amendment', () => {
  let api: TestApp;
  let amendedAt: string;
  let terminatedAt: string;
  beforeAll(async () => {
    api = await startTestApp();
    const amended = await api.data<{ amendDeal: { event: { position: string } } }>(
      `mutation($input: AmendDealInput!) { amendDeal(input: $input) { event { position } } }`,
      {
        input: {
          dealId: 'spacex-anthropic-compute',
          terms: [{ key: 'payment', amount: { value: '1500000000', unit: 'USD', per: 'MONTH' } }],
          effectiveOn: '2027-01-01',
          reason: 'Price rise',
          citations: CITE,
          expectedVersion: 3,
        },
      },
    );
    amendedAt = amended.amendDeal.event.position;
    const terminated = await api.data<{ terminateDeal: { event: { position: string } } }>(
      `mutation($input: TerminateDealInput!) { terminateDeal(input: $input) { event { position } } }`,
      { input: { dealId: 'spacex-google-compute', terminatedOn: '2026-12-01', reason: 'Cancelled', citations: CITE } },
    );
    terminatedAt = terminated.terminateDeal.event.position;
  });
  afterAll(async () => {
    await api.close();
  });

  it('When the positions are read, then the two mutations appended 28 and 29', () => {
    expect([amendedAt, terminatedAt]).toEqual(['28', '29']);
  });

  it('When the Anthropic lease is valued as of 27 and as of 28, then the annualized value moves from 15 to 18 billion', async () => {
    const query = `query($position: String) { asOf(position: $position) { deal(id: "spacex-anthropic-compute") { version annualizedValue { value } } } }`;
    expect((await api.data<{ asOf: unknown }>(query, { position: '27' })).asOf).toEqual({ deal: { version: 3, annualizedValue: { value: '15000000000' } } });
    expect((await api.data<{ asOf: unknown }>(query, { position: '28' })).asOf).toEqual({ deal: { version: 4, annualizedValue: { value: '18000000000' } } });
  });

  it('When the Google lease status is read on 2026-12-15 as of 28 and as of 29, then it is ACTIVE before the termination was recorded and TERMINATED after', async () => {
    const query = `query($position: String) { asOf(position: $position) { deal(id: "spacex-google-compute") { status(on: "2026-12-15") terminatedOn } } }`;
    expect((await api.data<{ asOf: unknown }>(query, { position: '28' })).asOf).toEqual({ deal: { status: 'ACTIVE', terminatedOn: null } });
    expect((await api.data<{ asOf: unknown }>(query, { position: '29' })).asOf).toEqual({ deal: { status: 'TERMINATED', terminatedOn: '2026-12-01' } });
  });

  it('When SpaceX flows on 2027-02-01 are read now and as of 27, then each uses the payment in force in the world on that date as the ledger knew it', async () => {
    const flows = `dealFlows(on: "2027-02-01") { inboundPerMonth { value } }`;
    const data = await api.data<{ now: { dealFlows: unknown }; before: { company: { dealFlows: unknown } } }>(
      `{ now: company(id: "spacex") { ${flows} } before: asOf(position: "27") { company(id: "spacex") { ${flows} } } }`,
    );
    expect(data.now.dealFlows).toEqual({ inboundPerMonth: [{ value: '1500000000' }] });
    expect(data.before.company.dealFlows).toEqual({ inboundPerMonth: [{ value: '2170000000' }] });
  });

  it('When SpaceX flows on 2026-11-21 are read now, then the new payment is not yet in force in the world', async () => {
    const data = await api.data<{ company: { dealFlows: unknown } }>(`{ company(id: "spacex") { dealFlows(on: "2026-11-21") { inboundPerMonth { value } } } }`);
    expect(data.company.dealFlows).toEqual({ inboundPerMonth: [{ value: '2170000000' }] });
  });
});
