import { startTestApp, type TestApp } from '@ledger/testing';

const NODE = `query($id: ID!) { node(id: $id) {
  __typename id
  ... on Source { title }
  ... on Company { name }
  ... on Deal { title }
  ... on Claim { statement }
  ... on Rebuttal { stance }
  ... on Person { name }
  ... on TalentMove { role }
  ... on LedgerEvent { position type }
} }`;

describe('Given the seeded ledger', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it.each([
    ['techmeme-260520-p49', 'Source', { title: 'SpaceX S-1: Anthropic is paying SpaceX $1.25B/mo. until May 2029 under their compute deal' }],
    ['spacex', 'Company', { name: 'SpaceX' }],
    ['spacex-anthropic-compute', 'Deal', { title: 'SpaceX compute lease to Anthropic (Colossus)' }],
    ['xai-revenue-fy2025', 'Claim', { statement: expect.any(String) }],
    ['circular-compute-deals', 'Claim', { statement: expect.stringContaining('circular financial engineering') }],
    ['r-both-takes-true', 'Rebuttal', { stance: 'QUALIFIES' }],
    ['clive-chan', 'Person', { name: 'Clive Chan' }],
    ['clive-chan-openai-anthropic', 'TalentMove', { role: "Hardware: OpenAI's second hardware hire, custom chip program" }],
  ])('When node(id: %p) is read, then it resolves to a %s', async (id, typename, fields) => {
    const data = await api.data<{ node: Record<string, unknown> }>(NODE, { id });
    expect(data.node).toEqual({ __typename: typename, id, ...fields });
  });

  it('When node is read with an event UUID, then it resolves to that LedgerEvent', async () => {
    const events = await api.data<{ events: { edges: { node: { id: string } }[] } }>(`{ events(filter: { afterPosition: "19" }, first: 1) { edges { node { id } } } }`);
    const id = events.events.edges[0]!.node.id;
    const data = await api.data<{ node: unknown }>(NODE, { id });
    expect(data.node).toEqual({ __typename: 'LedgerEvent', id, position: '20', type: 'TALENT_DEPARTED' });
  });

  it.each(['no-such-entity', '00000000-0000-4000-8000-000000000000', 'SpaceX', ''])('When node(id: %p) names nothing, then it is null', async (id) => {
    const response = await api.graphql<{ node: unknown }>(NODE, { id });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ node: null });
  });

  it('When a node is read through its fields, then nested reads resolve like the typed query', async () => {
    const data = await api.data<{ node: unknown }>(
      `{ node(id: "spacex-google-compute") { ... on Deal { status(on: "2026-11-21") version term(key: "notice_period") { days } parties { company { id } } } } }`,
    );
    expect(data.node).toEqual({ status: 'ACTIVE', version: 2, term: { days: 90 }, parties: [{ company: { id: 'spacex' } }, { company: { id: 'google' } }] });
  });
});

describe('Given the seeded ledger and an entity registered later', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
    await api.data(`mutation { registerCompany(input: { id: "nvidia", name: "NVIDIA" }) { company { id } } }`);
  });
  afterAll(async () => {
    await api.close();
  });

  it('When node(id) is read now, then the new company resolves', async () => {
    expect(await api.data(`{ node(id: "nvidia") { __typename id } }`)).toEqual({ node: { __typename: 'Company', id: 'nvidia' } });
  });

  it('When the same company is read in a view before it existed, then it is null', async () => {
    expect(await api.data(`{ asOf(position: "27") { company(id: "nvidia") { id } } }`)).toEqual({ asOf: { company: null } });
  });
});
