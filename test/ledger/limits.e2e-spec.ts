import { GraphQLSchemaHost } from '@nestjs/graphql';
import { parse } from 'graphql';
import { startTestApp, subscribe, type TestApp } from '@ledger/testing';
import { expectCodedError } from '@ledger/testing/ledger-writes';
import { QUERY_LIMITS, queryCost } from '../../apps/api/src/ledger/query-limits';

/** The README's example reads, as written there. */
const README_READS = `{
  company(id: "spacex") {
    dealFlows(on: "2026-11-21") { inboundPerMonth { value unit per } }
  }
  deal(id: "spacex-anthropic-compute") {
    annualizedValue { value unit per }
    term(key: "capacity") { text revisions { text effectiveOn event { type position } } }
  }
  claim(id: "circular-compute-deals") {
    status contested
    thread { size depth refutations supports qualifications }
  }
}`;
const README_TIME_TRAVEL = `{
  before: asOf(position: "12") {
    position recordedAt
    deal(id: "spacex-anthropic-compute") { version term(key: "capacity") { text } }
    company(id: "spacex") { dealFlows(on: "2026-11-21") { inboundPerMonth { value } } }
  }
  then: asOf(recordedAt: "2026-11-22T00:12:32.245Z") { position }
  ledgerHead { position hash }
  verifyLedger { ok checkedEvents firstBadPosition }
}`;
/** A frontend's page: 50 companies with their deals, each deal's terms and parties. */
const COMPANY_PAGE = `query CompanyPage($first: Int) {
  companies(first: $first) {
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name aliases
      deals { id title kind status annualizedValue { value unit per } terms { key text amount { value unit per } } parties { role company { id name } } }
    } }
  }
}`;
/** The DataLoader spec's query (test/ledger/dataloader.e2e-spec.ts). */
export const COMPANY_GRAPH = `{ companies(first: 50) { edges { node { id deals { id terms { key } parties { company { name } } } claims { id status } departures { id } history { id } } } } }`;
/** 100 companies x their deals x each party's deals x their terms: a million objects. */
const HOSTILE_COST = `{ companies(first: 100) { edges { node { deals { parties { company { deals { terms { key } } } } } } } } }`;

/**
 * rebuttal -> target -> target -> ... -> id: `depth` levels of fields, the leaf included (an inline
 * fragment adds no level). Non-list fields only, so that the cost stays small.
 */
function nested(depth: number): string {
  let selection = 'id';
  for (let level = depth - 1; level >= 2; level--) selection = `target { ... on Rebuttal { ${selection} } }`;
  return `{ rebuttal(id: "r-both-takes-true") { ${selection} } }`;
}

function aliases(count: number): string {
  return `{ ${Array.from({ length: count }, (_, index) => `a${index}: company(id: "spacex") { name }`).join(' ')} }`;
}

describe('Given the seeded ledger and the query limits', () => {
  let api: TestApp;
  let cost: (query: string, variables?: Record<string, unknown>) => number;
  beforeAll(async () => {
    api = await startTestApp();
    const { schema } = api.app.get(GraphQLSchemaHost);
    cost = (query, variables) => queryCost(schema, parse(query), variables);
  });
  afterAll(async () => {
    await api.close();
  });

  const refusal = (limit: string) =>
    expect.objectContaining({
      extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED', limit, maximum: expect.any(Number), actual: expect.any(Number) }),
    });

  it('When the contract example queries and a page of 50 companies with deals, terms and parties run, then they pass, each well under the cost limit', async () => {
    const figures = {
      readmeReads: cost(README_READS),
      readmeTimeTravel: cost(README_TIME_TRAVEL),
      companyPage50: cost(COMPANY_PAGE, { first: 50 }),
      companyPage100: cost(COMPANY_PAGE, { first: 100 }),
      dataLoaderGraph: cost(COMPANY_GRAPH),
      hostile: cost(HOSTILE_COST),
    };
    expect(figures).toEqual({
      readmeReads: 37,
      readmeTimeTravel: 18,
      companyPage50: 21_151,
      companyPage100: 42_301,
      dataLoaderGraph: 17_101,
      hostile: 1_121_201,
    });
    expect((await api.graphql(README_READS)).errors).toBeUndefined();
    expect((await api.graphql(README_TIME_TRAVEL)).errors).toBeUndefined();
    const page = await api.graphql<{ companies: { edges: unknown[] } }>(COMPANY_PAGE, { first: 50 });
    expect(page.errors).toBeUndefined();
    expect(page.data!.companies.edges.length).toBeGreaterThanOrEqual(5);
    expect((await api.graphql(COMPANY_GRAPH)).errors).toBeUndefined();
  });

  it('When a query asks for 100 companies x deals x parties x deals x terms, then it is refused before execution with the cost and the limit', async () => {
    const response = await api.graphql(HOSTILE_COST);
    expect(response.status).toBe(400);
    expect(response.data).toBeUndefined();
    expect(response.errors).toEqual([refusal('cost')]);
    expect(response.errors![0]!.extensions).toMatchObject({ maximum: QUERY_LIMITS.maxCost, actual: 1_121_201 });
    expect(response.errors![0]!.message).toMatch(/^Query cost 1121201 exceeds the limit of 50000/);
  });

  it('When `first` comes from a variable, then the cost uses its value: 50 passes, 100 is refused', async () => {
    const query = `query Page($first: Int) {
      companies(first: $first) { edges { node { deals { terms { key } parties { company { name } } history { id } citations { quote } } } } }
    }`;
    expect(cost(query, { first: 50 })).toBeLessThanOrEqual(QUERY_LIMITS.maxCost);
    expect(cost(query, { first: 100 })).toBeGreaterThan(QUERY_LIMITS.maxCost);
    expect((await api.graphql(query, { first: 50 })).errors).toBeUndefined();
    expect((await api.graphql(query, { first: 100 })).errors).toEqual([refusal('cost')]);
  });

  it('When an operation without Int or Boolean variables is sent again (its cost is then remembered), then it is judged the same way and bad variables are still BAD_USER_INPUT', async () => {
    const hostile = `query Hostile($id: ID!) { company(id: $id) { id } companies(first: 100) { edges { node { deals { parties { company { deals { terms { key } } } } } } } } }`;
    for (let round = 0; round < 2; round++) {
      expect((await api.graphql(hostile, { id: 'spacex' })).errors).toEqual([refusal('cost')]);
    }
    const register = `mutation Register($input: RegisterCompanyInput!) { registerCompany(input: $input) { company { id } } }`;
    expect((await api.graphql(register, { input: { id: 'cost-cache-co', name: 'Cost Cache Co' } })).errors).toBeUndefined();
    const wrong = await api.graphql(register, { input: { id: 'cost-cache-co-2', name: 42 } });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const missing = await api.graphql(register, {});
    expect(missing.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('When `first` is over 100, then it is BAD_USER_INPUT (the page-size limit)', async () => {
    const response = await api.graphql(`{ companies(first: 101) { edges { cursor } } }`);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('When `first` is far over 100 (100,000 or the largest Int), in the query text or a variable, then it is BAD_USER_INPUT on first, not a cost refusal', async () => {
    for (const first of [100_000, 2_147_483_647]) {
      expectCodedError(await api.graphql(`{ companies(first: ${first}) { edges { node { id } } } }`), 'BAD_USER_INPUT', ['first']);
      expectCodedError(await api.graphql(`query($first: Int) { companies(first: $first) { edges { node { id } } } }`, { first }), 'BAD_USER_INPUT', ['first']);
      expectCodedError(await api.graphql(`{ asOf(position: "1") { deals(first: ${first}) { edges { node { id } } } } }`), 'BAD_USER_INPUT', ['first']);
    }
  });

  it('When `first` is far over 100 on a query that would be too expensive even at 100, then the cost limit still refuses it, counting `first` as 100', async () => {
    const response = await api.graphql(HOSTILE_COST.replace('first: 100', 'first: 100000'));
    expect(response.status).toBe(400);
    expect(response.errors).toEqual([refusal('cost')]);
    expect(response.errors![0]!.extensions).toMatchObject({ maximum: QUERY_LIMITS.maxCost, actual: 1_121_201 });
  });

  it('When a query nests 12 levels it runs; at 13 it is refused with the depth limit', async () => {
    const twelve = nested(12);
    const thirteen = nested(13);
    expect([cost(twelve), cost(thirteen)]).toEqual([11, 12]); // one object per level but the leaf
    const ok = await api.graphql(twelve);
    expect(ok.errors).toBeUndefined();
    const refused = await api.graphql(thirteen);
    expect(refused.status).toBe(400);
    expect(refused.data).toBeUndefined();
    expect(refused.errors).toEqual([refusal('depth')]);
    expect(refused.errors![0]!.extensions).toMatchObject({ maximum: 12, actual: 13 });
    expect(refused.errors![0]!.message).toBe('Query depth 13 exceeds the limit of 12');
  });

  it('When a deep query hides its depth in fragments, then the fragments count', async () => {
    const query = `
      fragment P on Party { company { deals { parties { company { deals { parties { company { deals { parties { company { id } } } } } } } } } } }
      { deal(id: "spacex-anthropic-compute") { parties { ...P } } }`;
    const response = await api.graphql(query);
    expect(response.errors).toEqual([refusal('depth')]);
  });

  it('When fragments are spread so often that the cost cannot be estimated in 10,000 steps, then the query is refused under the cost limit', async () => {
    const spreads = (name: string) => Array.from({ length: 10 }, () => `...${name}`).join(' ');
    const query = `{ company(id: "spacex") { ...F5 } }
      fragment F1 on Company { id name }
      fragment F2 on Company { ${spreads('F1')} }
      fragment F3 on Company { ${spreads('F2')} }
      fragment F4 on Company { ${spreads('F3')} }
      fragment F5 on Company { ${spreads('F4')} }`;
    const response = await api.graphql(query);
    expect(response.status).toBe(400);
    expect(response.errors).toEqual([
      { message: expect.stringMatching(/^Query cost could not be estimated/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost', maximum: 50_000, actual: null } },
    ]);
  });

  it('When a query uses 15 aliases it runs; 16 are refused with the alias limit', async () => {
    expect((await api.graphql(aliases(15))).errors).toBeUndefined();
    const refused = await api.graphql(aliases(16));
    expect(refused.status).toBe(400);
    expect(refused.errors).toEqual([refusal('aliases')]);
    expect(refused.errors![0]!.extensions).toMatchObject({ maximum: 15, actual: 16 });
  });

  it('When a subscription exceeds the depth limit, then graphql-ws refuses it with the same coded error', async () => {
    const deep = `subscription { eventAppended { citations { source { citedBy { citations { source { citedBy { citations { source { citedBy { citations { source { id } } } } } } } } } } } } }`;
    const subscriber = subscribe(api.url, deep);
    try {
      await expect(subscriber.waitFor(1, 5_000)).rejects.toThrow(/GRAPHQL_VALIDATION_FAILED/);
      expect(JSON.stringify(subscriber.errors)).toContain('Query depth 13 exceeds the limit of 12');
    } finally {
      await subscriber.close();
    }
  });

  it('When the body is over 1 MiB, then it is answered 413 with a coded error and the server keeps serving', async () => {
    const padding = 'x'.repeat(QUERY_LIMITS.maxBodyBytes + 10);
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ ledgerHead { position } }`, variables: { padding } }),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors).toEqual([{ message: expect.stringMatching(/too large/i), extensions: { code: 'BAD_REQUEST' } }]);
    // Just under the limit is parsed (and answered as GraphQL).
    const under = await api.graphql(`{ ledgerHead { position } }`, { padding: 'x'.repeat(QUERY_LIMITS.maxBodyBytes - 200) });
    expect(under.errors).toBeUndefined();
  });

  it('When a batch (a JSON array of operations) is posted, then it is refused with BAD_REQUEST', async () => {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ ledgerHead { position } }' }, { query: '{ ledgerHead { hash } }' }]),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors).toEqual([{ message: expect.stringMatching(/batch/i), extensions: { code: 'BAD_REQUEST' } }]);
  });

  it('When not in production, then a misspelt field gets a "Did you mean" suggestion and introspection works', async () => {
    const response = await api.graphql(`{ company(id: "spacex") { nam } }`);
    expect(response.errors?.[0]).toMatchObject({ message: expect.stringContaining('Did you mean "name"?'), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect((await api.graphql(`{ __schema { queryType { name } } }`)).errors).toBeUndefined();
  });
});

describe('Given the API in production mode', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ seed: false, config: { production: true } });
  });
  afterAll(async () => {
    await api.close();
  });

  it('When a field or enum value is misspelt, then the error has no suggestion', async () => {
    const field = await api.graphql(`{ company(id: "spacex") { nam } }`);
    expect(field.errors?.[0]).toEqual({
      message: 'Cannot query field "nam" on type "Company".',
      locations: [{ line: 1, column: 27 }],
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const value = await api.graphql(`{ company(id: "spacex") { deals(status: ACTIVEE) { id } } }`);
    expect(JSON.stringify(value.errors)).not.toMatch(/Did you mean|"ACTIVE"/);
    expect(value.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('When introspection is attempted, then it is refused', async () => {
    const response = await api.graphql(`{ __schema { queryType { name } } }`);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).toMatch(/introspection/i);
  });
});
