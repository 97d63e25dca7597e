import { startTestApp, type TestApp } from '@ledger/testing';

interface CompanyPage {
  companies: { edges: { cursor: string; node: { id: string; name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const PAGE = `query($first: Int, $after: String, $nameContains: String) {
  companies(first: $first, after: $after, nameContains: $nameContains) {
    edges { cursor node { id name } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('Given the seeded ledger with five companies', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('When a client lists companies with the default page size, then all five come ordered by id and there is no next page', async () => {
    const data = await api.data<CompanyPage>(PAGE);
    expect(data.companies.edges.map((edge) => edge.node.id)).toEqual(['anthropic', 'google', 'openai', 'spacex', 'xai']);
    expect(data.companies.pageInfo.hasNextPage).toBe(false);
    expect(data.companies.pageInfo.endCursor).toBe(data.companies.edges[4]!.cursor);
  });

  it('When a client walks every page with first: 2, then it sees each company exactly once, three pages, and hasNextPage false at the end', async () => {
    const pages: string[][] = [];
    const hasNext: boolean[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 10; guard += 1) {
      const data: CompanyPage = await api.data<CompanyPage>(PAGE, { first: 2, after });
      pages.push(data.companies.edges.map((edge) => edge.node.id));
      hasNext.push(data.companies.pageInfo.hasNextPage);
      expect(data.companies.pageInfo.endCursor).toBe(data.companies.edges[data.companies.edges.length - 1]?.cursor ?? null);
      if (!data.companies.pageInfo.hasNextPage) break;
      after = data.companies.pageInfo.endCursor;
    }
    expect(pages).toEqual([['anthropic', 'google'], ['openai', 'spacex'], ['xai']]);
    expect(hasNext).toEqual([true, true, false]);
  });

  it('When the page size divides the total exactly, then the last full page already says there is no next page', async () => {
    const first = await api.data<CompanyPage>(PAGE, { first: 4 });
    expect(first.companies.pageInfo.hasNextPage).toBe(true);
    const second = await api.data<CompanyPage>(PAGE, { first: 1, after: first.companies.pageInfo.endCursor });
    expect(second.companies.edges.map((edge) => edge.node.id)).toEqual(['xai']);
    expect(second.companies.pageInfo.hasNextPage).toBe(false);
    const beyond = await api.data<CompanyPage>(PAGE, { first: 2, after: second.companies.pageInfo.endCursor });
    expect(beyond.companies).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('When a client reads the cursors, then they are opaque: not the ids themselves, and distinct', async () => {
    const data = await api.data<CompanyPage>(PAGE);
    const cursors = data.companies.edges.map((edge) => edge.cursor);
    expect(new Set(cursors).size).toBe(5);
    for (const edge of data.companies.edges) {
      expect(edge.cursor).not.toBe(edge.node.id);
      expect(edge.cursor).not.toContain(edge.node.id);
    }
  });

  it('When a client filters by nameContains in another case, then the match is case-insensitive', async () => {
    const upper = await api.data<CompanyPage>(PAGE, { nameContains: 'SPACE' });
    expect(upper.companies.edges.map((edge) => edge.node)).toEqual([{ id: 'spacex', name: 'SpaceX' }]);
    const lower = await api.data<CompanyPage>(PAGE, { nameContains: 'ai' });
    expect(lower.companies.edges.map((edge) => edge.node.id)).toEqual(['openai', 'xai']);
  });

  it('When nameContains holds LIKE wildcards, then they match literally', async () => {
    expect((await api.data<CompanyPage>(PAGE, { nameContains: '%' })).companies.edges).toEqual([]);
    expect((await api.data<CompanyPage>(PAGE, { nameContains: '_' })).companies.edges).toEqual([]);
  });

  it('When nameContains and pagination are combined, then pages only walk the matching companies', async () => {
    const first = await api.data<CompanyPage>(PAGE, { nameContains: 'A', first: 2 });
    expect(first.companies.edges.map((edge) => edge.node.id)).toEqual(['anthropic', 'openai']);
    expect(first.companies.pageInfo.hasNextPage).toBe(true);
    const second = await api.data<CompanyPage>(PAGE, { nameContains: 'A', first: 2, after: first.companies.pageInfo.endCursor });
    expect(second.companies.edges.map((edge) => edge.node.id)).toEqual(['spacex', 'xai']);
    expect(second.companies.pageInfo.hasNextPage).toBe(false);
  });

  it.each([0, -1, 101])('When a client asks for first: %p, then it fails BAD_USER_INPUT', async (first) => {
    const response = await api.graphql(PAGE, { first });
    expect(response.data?.companies ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('When a client asks for first: 100, then it is allowed', async () => {
    const data = await api.data<CompanyPage>(PAGE, { first: 100 });
    expect(data.companies.edges).toHaveLength(5);
  });

  it.each(['garbage', 'c3BhY2V4', '!!!', ''])('When a client passes the cursor %p, then it fails BAD_USER_INPUT', async (after) => {
    const response = await api.graphql(PAGE, { first: 2, after });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
