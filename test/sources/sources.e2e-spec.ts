import { startTestApp, type TestApp } from '@ledger/testing';

interface SourcePage {
  sources: { edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
const SOURCES = `query($first: Int, $after: String) { sources(first: $first, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`;
const ALL_SOURCES = [
  'dispatch-008',
  'reckoning-2026-06-06',
  'techmeme-260520-p49',
  'techmeme-260520-p50',
  'thread-spacex-compute-deals',
  'x-elonmusk-2057228707606196434',
];

describe('Given the seeded ledger with six sources', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('When a source is read, then every registered field comes back', async () => {
    const data = await api.data<{ source: unknown }>(`{ source(id: "techmeme-260520-p49") { id url title publisher author kind publishedOn } }`);
    expect(data.source).toEqual({
      id: 'techmeme-260520-p49',
      url: 'https://www.techmeme.com/260520/p49',
      title: 'SpaceX S-1: Anthropic is paying SpaceX $1.25B/mo. until May 2029 under their compute deal',
      publisher: 'Techmeme',
      author: 'Ina Fried',
      kind: 'ARTICLE',
      publishedOn: '2026-05-20',
    });
  });

  it('When the discussion thread’s citedBy is read, then it lists exactly the seven events citing it, in ledger order, not its own registration', async () => {
    const data = await api.data<{ source: { citedBy: { position: string; type: string }[] } }>(
      `{ source(id: "thread-spacex-compute-deals") { citedBy { position type } } }`,
    );
    expect(data.source.citedBy).toEqual([
      { position: '15', type: 'DEAL_AMENDED' },
      { position: '16', type: 'DEAL_AMENDED' },
      { position: '23', type: 'REBUTTAL_POSTED' },
      { position: '24', type: 'REBUTTAL_POSTED' },
      { position: '25', type: 'REBUTTAL_POSTED' },
      { position: '26', type: 'REBUTTAL_POSTED' },
      { position: '27', type: 'REBUTTAL_POSTED' },
    ]);
  });

  it('When The Reckoning’s and the S-1 articles’ citedBy are read, then each lists exactly the events quoting it', async () => {
    const data = await api.data<{ reckoning: { citedBy: { position: string }[] }; p49: { citedBy: { position: string }[] }; p50: { citedBy: { position: string }[] } }>(
      `{ reckoning: source(id: "reckoning-2026-06-06") { citedBy { position } }
         p49: source(id: "techmeme-260520-p49") { citedBy { position } }
         p50: source(id: "techmeme-260520-p50") { citedBy { position } } }`,
    );
    expect(data.reckoning.citedBy.map((event) => event.position)).toEqual(['14', '19', '20', '21', '22']);
    expect(data.p49.citedBy.map((event) => event.position)).toEqual(['12', '13']);
    expect(data.p50.citedBy.map((event) => event.position)).toEqual(['17', '18']);
  });

  it('When a source nobody cites is read, then citedBy is empty', async () => {
    const data = await api.data<{ source: { citedBy: unknown[] } }>(`{ source(id: "x-elonmusk-2057228707606196434") { citedBy { position } } }`);
    expect(data.source.citedBy).toEqual([]);
  });

  it('When a citing event is read, then its citations point back at the source with quote and locator', async () => {
    const data = await api.data<{ source: { citedBy: { citations: { source: { id: string }; quote: string | null; locator: string | null; role: string }[] }[] } }>(
      `{ source(id: "dispatch-008") { citedBy { citations { source { id } quote locator role } } } }`,
    );
    expect(data.source.citedBy).toHaveLength(1);
    expect(data.source.citedBy[0]!.citations).toContainEqual({
      source: { id: 'dispatch-008' },
      quote: '1.25 billion dollars a month until May 2029 is fifteen billion dollars a year',
      locator: '00:01:20',
      role: 'SUPPORTING',
    });
  });

  it('When an unknown source is read, then it is null', async () => {
    expect(await api.data(`{ source(id: "no-such-source") { id } }`)).toEqual({ source: null });
  });

  it('When sources are listed, then all six come ordered by id', async () => {
    const data = await api.data<SourcePage>(SOURCES);
    expect(data.sources.edges.map((edge) => edge.node.id)).toEqual(ALL_SOURCES);
    expect(data.sources.pageInfo).toEqual({ hasNextPage: false, endCursor: data.sources.edges[5]!.cursor });
  });

  it('When sources are walked with first: 4, then two pages cover them without duplicates or gaps', async () => {
    const first = await api.data<SourcePage>(SOURCES, { first: 4 });
    expect(first.sources.edges.map((edge) => edge.node.id)).toEqual(ALL_SOURCES.slice(0, 4));
    expect(first.sources.pageInfo.hasNextPage).toBe(true);
    const second = await api.data<SourcePage>(SOURCES, { first: 4, after: first.sources.pageInfo.endCursor });
    expect(second.sources.edges.map((edge) => edge.node.id)).toEqual(ALL_SOURCES.slice(4));
    expect(second.sources.pageInfo.hasNextPage).toBe(false);
  });

  it('When sources are walked one at a time, then each is seen once and the cursors are opaque', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 20; guard += 1) {
      const data: SourcePage = await api.data<SourcePage>(SOURCES, { first: 1, after });
      for (const edge of data.sources.edges) {
        expect(edge.cursor).not.toContain(edge.node.id);
        seen.push(edge.node.id);
      }
      if (!data.sources.pageInfo.hasNextPage) break;
      after = data.sources.pageInfo.endCursor;
    }
    expect(seen).toEqual(ALL_SOURCES);
  });

  it.each([
    ['first: 0', { first: 0 }],
    ['first: 101', { first: 101 }],
    ['a garbage cursor', { after: 'not-a-cursor' }],
  ])('When sources are asked with %s, then it fails BAD_USER_INPUT', async (_label, variables) => {
    const response = await api.graphql(SOURCES, variables);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

});
