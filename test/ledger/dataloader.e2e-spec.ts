import { startTestApp, type TestApp } from '@ledger/testing';
import { CITATIONS_INPUT, MUTATIONS, VALID } from '../../libs/testing/src/ledger-writes';

/**
 * Counts the SQL statements of one GraphQL request through the pool's `onQuery` hook
 * (connectLedgerDatabase), with the per-request DataLoaders batching (as served), and again with
 * batching switched off in DataLoader itself, to show what batching saves.
 */
let mockBatching = true;
jest.mock('dataloader', () => {
  const Actual = jest.requireActual('dataloader');
  class SwitchableDataLoader extends Actual {
    constructor(batch: unknown, options: Record<string, unknown> = {}) {
      super(batch, { ...options, batch: mockBatching });
    }
  }
  return { __esModule: true, default: SwitchableDataLoader };
});

const COMPANY_GRAPH = (first: number) => `{ companies(first: ${first}) { edges { node {
  id
  deals { id terms { key } parties { company { name } } }
  claims { id status }
  departures { id }
  history { id }
} } } }`;

const EXTRA_COMPANIES = 55;

describe('Given a ledger of 60 companies, each with a deal, some with claims and departures', () => {
  let api: TestApp;
  const statements: string[] = [];
  let counting = false;

  beforeAll(async () => {
    // Not counted: the access check's "is any token live?" (cached for a second, so 0 or 1 per request).
    api = await startTestApp({ onQuery: (sql) => counting && !sql.includes('api_tokens') && statements.push(sql) });
    for (let index = 0; index < EXTRA_COMPANIES; index++) {
      const id = `company-${String(index).padStart(2, '0')}`;
      await api.data(MUTATIONS.registerCompany, { input: { id, name: `Company ${index}` } });
      await api.data(MUTATIONS.signDeal, {
        input: {
          id: `deal-${id}`,
          title: `Lease ${index}`,
          kind: 'COMPUTE_LEASE',
          signedOn: '2026-05-20',
          parties: [
            { companyId: id, role: 'PROVIDER' },
            { companyId: index % 2 === 0 ? 'openai' : 'anthropic', role: 'CUSTOMER' },
          ],
          terms: [
            { key: 'payment', amount: { value: String(1000 + index), unit: 'USD', per: 'MONTH' } },
            { key: 'starts_on', date: '2026-06-01' },
          ],
          citations: CITATIONS_INPUT,
        },
      });
      if (index % 5 === 0) {
        await api.data(MUTATIONS.claimValuation, { input: { ...VALID.claimValuation(`claim-${id}`), companyId: id } });
        await api.data(MUTATIONS.recordTalentDeparture, {
          input: { ...VALID.recordTalentDeparture(`move-${id}`), person: { name: `Person ${index}` }, fromCompanyId: id },
        });
      }
    }
  });
  afterAll(async () => {
    await api?.close();
  });

  async function measure(first: number): Promise<{ statements: number; companies: number; deals: number }> {
    statements.length = 0;
    counting = true;
    const data = await api.data<{ companies: { edges: { node: { deals: unknown[] } }[] } }>(COMPANY_GRAPH(first)).finally(() => {
      counting = false;
    });
    return {
      statements: statements.length,
      companies: data.companies.edges.length,
      deals: data.companies.edges.reduce((sum, edge) => sum + edge.node.deals.length, 0),
    };
  }

  it('When a page of 50 companies is read with their deals, terms, parties, claims, departures and history, then it costs a small number of SQL statements, the same as a page of 5', async () => {
    mockBatching = true;
    const page50 = await measure(50);
    const page5 = await measure(5);
    expect(page50.companies).toBe(50);
    expect(page50.deals).toBeGreaterThanOrEqual(50);
    expect(page50.statements).toBeLessThanOrEqual(15);
    expect(page50.statements).toBe(page5.statements);
  });

  it('When DataLoader batching is switched off, then the same page costs over 25 times more statements (one per company and per deal and list)', async () => {
    mockBatching = true;
    const batched = await measure(50);
    mockBatching = false;
    try {
      const unbatched = await measure(50);
      expect(unbatched.companies).toBe(50);
      // Every company's deals, claims, departures and history, every deal's terms and parties, and
      // each distinct party company cost a statement of their own: 268 against 8 when this was written.
      expect(unbatched.statements).toBeGreaterThan(200);
      expect(unbatched.statements).toBeGreaterThan(25 * batched.statements);
    } finally {
      mockBatching = true;
    }
  });
});

describe('Given a seeded ledger, when a journalist signs and then amends a deal asking for the deal in the payload', () => {
  let api: TestApp;
  const statements: string[] = [];
  let counting = false;

  beforeAll(async () => {
    api = await startTestApp({ onQuery: (sql) => counting && !sql.includes('api_tokens') && statements.push(sql) });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('Then the payload is answered from the append itself (no statement reads the deal back) and equals a read at the event position', async () => {
    mockBatching = true;
    counting = true;
    const signed = await api
      .data<{ signDeal: { deal: Record<string, unknown>; event: { position: string } } }>(
        `mutation($input: SignDealInput!) { signDeal(input: $input) { deal { id title version status terms { key amount { value unit per } } } event { position } } }`,
        { input: VALID.signDeal('deal-payload-from-append') },
      )
      .finally(() => {
        counting = false;
      });
    const readBacks = statements.filter((sql) => /SELECT id, doc FROM deals WHERE id = ANY\(\$1::text\[\]\) AND valid_from/.test(sql));
    expect(readBacks).toEqual([]);
    const read = await api.data<{ asOf: { deal: Record<string, unknown> } }>(
      `query($p: String!) { asOf(position: $p) { deal(id: "deal-payload-from-append") { id title version status terms { key amount { value unit per } } } } }`,
      { p: signed.signDeal.event.position },
    );
    expect(signed.signDeal.deal).toEqual(read.asOf.deal);
  });
});
