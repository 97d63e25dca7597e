import { startTestApp, type TestApp } from '@ledger/testing';

describe('Given the seeded ledger', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('When a frontend reads SpaceX deal flows, then it receives 2,170,000,000 USD a month', async () => {
    const data = await api.data<{ company: { dealFlows: { inboundPerMonth: unknown[]; outboundPerMonth: unknown[] } } }>(
      `{ company(id: "spacex") { dealFlows(on: "2026-11-21") { inboundPerMonth { value unit per } outboundPerMonth { value unit per } } } }`,
    );
    expect(data.company.dealFlows).toEqual({
      inboundPerMonth: [{ value: '2170000000', unit: 'USD', per: 'MONTH' }],
      outboundPerMonth: [],
    });
  });

  it('When Anthropic reads its flows, then it pays 1,250,000,000 USD a month', async () => {
    const data = await api.data<{ company: { dealFlows: { outboundPerMonth: unknown[] } } }>(
      `{ company(id: "anthropic") { dealFlows(on: "2026-11-21") { outboundPerMonth { value unit per } } } }`,
    );
    expect(data.company.dealFlows.outboundPerMonth).toEqual([{ value: '1250000000', unit: 'USD', per: 'MONTH' }]);
  });
});
