import { startTestApp, type TestApp } from '@ledger/testing';

interface ClaimPage {
  claims: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
const CLAIMS = `query($filter: ClaimFilter, $first: Int, $after: String) {
  claims(filter: $filter, first: $first, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } }
}`;
const PARTICIPANTS = ['Commentators cited by The Reckoning', 'Roger, financial analyst', 'thread commenter'];
const RETRACT = `mutation($input: RetractInput!) { retract(input: $input) { targetId event { type streamId position data } } }`;

describe('Given the seeded argument thread under circular-compute-deals', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  const claimIds = async (filter: Record<string, unknown>) => (await api.data<ClaimPage>(CLAIMS, { filter })).claims.edges.map((edge) => edge.node.id);

  it('When the claim is read, then it is contested but STANDING, because its only direct refutation is itself refuted', async () => {
    const data = await api.data<{ claim: unknown }>(
      `{ claim(id: "circular-compute-deals") { id kind author status contested metric value { value } occurredOn version
          subjects { id } } }`,
    );
    expect(data.claim).toEqual({
      id: 'circular-compute-deals',
      kind: 'ASSERTION',
      author: 'Commentators cited by The Reckoning',
      status: 'STANDING',
      contested: true,
      metric: null,
      value: null,
      occurredOn: '2026-06-06',
      version: 1,
      subjects: [{ id: 'spacex' }, { id: 'google' }, { id: 'anthropic' }, { id: 'xai' }],
    });
  });

  it('When the thread statistics are read, then size 6, depth 3, 3 refutations, 2 supports, 1 qualification and three participants', async () => {
    const data = await api.data<{ claim: { thread: unknown }; events: { edges: { node: { recordedAt: string } }[] } }>(
      `{ claim(id: "circular-compute-deals") { thread { size depth refutations supports qualifications participants lastActivityAt } }
         events(filter: { types: [REBUTTAL_POSTED] }) { edges { node { recordedAt } } } }`,
    );
    const lastRebuttal = data.events.edges[data.events.edges.length - 1]!.node.recordedAt;
    expect(data.claim.thread).toEqual({
      size: 6,
      depth: 3,
      refutations: 3,
      supports: 2,
      qualifications: 1,
      participants: PARTICIPANTS,
      lastActivityAt: lastRebuttal,
    });
  });

  it('When a claim has no rebuttal, then its thread is empty with depth 0 and the author as only participant', async () => {
    const data = await api.data<{ claim: unknown }>(
      `{ claim(id: "xai-revenue-fy2025") { status contested rebuttals { id } thread { size depth refutations supports qualifications participants lastActivityAt } } }`,
    );
    expect(data.claim).toEqual({
      status: 'STANDING',
      contested: false,
      rebuttals: [],
      thread: { size: 0, depth: 0, refutations: 0, supports: 0, qualifications: 0, participants: ['SpaceX S-1 filing'], lastActivityAt: null },
    });
  });

  it('When the whole tree is read, then each rebuttal has the grounded status its direct refutations give it', async () => {
    const data = await api.data<{ claim: { rebuttals: unknown[] } }>(
      `{ claim(id: "circular-compute-deals") { rebuttals { id stance status rebuttals { id stance status rebuttals { id stance status rebuttals { id } } } } } }`,
    );
    expect(data.claim.rebuttals).toEqual([
      { id: 'r-rent-costs-more-than-build', stance: 'SUPPORTS', status: 'STANDING', rebuttals: [] },
      {
        id: 'r-no-related-party-smell',
        stance: 'REFUTES',
        status: 'REFUTED',
        rebuttals: [
          {
            id: 'r-selling-spare-capacity',
            stance: 'REFUTES',
            status: 'STANDING',
            rebuttals: [{ id: 'r-both-takes-true', stance: 'QUALIFIES', status: 'STANDING', rebuttals: [] }],
          },
        ],
      },
      {
        id: 'r-ponzi-style',
        stance: 'SUPPORTS',
        status: 'REFUTED',
        rebuttals: [{ id: 'r-conflict-not-circular', stance: 'REFUTES', status: 'STANDING', rebuttals: [] }],
      },
    ]);
  });

  it('When a rebuttal is read, then target is the node it answers (claim or rebuttal) and root is the thread’s claim', async () => {
    const data = await api.data<{ deep: unknown; top: unknown }>(
      `{ deep: rebuttal(id: "r-both-takes-true") { id stance author text occurredOn version
            target { __typename id status ... on Rebuttal { stance target { id } } }
            root { __typename id status } citations { source { id } quote role } }
         top: rebuttal(id: "r-no-related-party-smell") { target { __typename id ... on Claim { contested } } root { id } } }`,
    );
    expect(data.deep).toEqual({
      id: 'r-both-takes-true',
      stance: 'QUALIFIES',
      author: 'thread commenter',
      text: 'Both takes are true: a good, more certain business, but lower margin, which does not support the valuation SpaceX is going for.',
      occurredOn: null,
      version: 1,
      target: { __typename: 'Rebuttal', id: 'r-selling-spare-capacity', status: 'STANDING', stance: 'REFUTES', target: { id: 'r-no-related-party-smell' } },
      root: { __typename: 'Claim', id: 'circular-compute-deals', status: 'STANDING' },
      citations: [{ source: { id: 'thread-spacex-compute-deals' }, quote: 'Both takes are true.', role: 'SUPPORTING' }],
    });
    expect(data.top).toEqual({ target: { __typename: 'Claim', id: 'circular-compute-deals', contested: true }, root: { id: 'circular-compute-deals' } });
  });

  it('When r-no-related-party-smell is read, then it is REFUTED', async () => {
    expect(await api.data(`{ rebuttal(id: "r-no-related-party-smell") { status } }`)).toEqual({ rebuttal: { status: 'REFUTED' } });
  });

  it('When an unknown rebuttal or a claim id is read as a rebuttal, then it is null', async () => {
    expect(await api.data(`{ a: rebuttal(id: "no-such-rebuttal") { id } b: rebuttal(id: "circular-compute-deals") { id } c: claim(id: "r-ponzi-style") { id } }`)).toEqual({
      a: null,
      b: null,
      c: null,
    });
  });

  it('When a claim’s history is read, then it lists its own stream’s events', async () => {
    const data = await api.data<{ claim: { history: { position: string; type: string; streamId: string }[] } }>(
      `{ claim(id: "xai-operating-income-fy2025") { history { position type streamId } } }`,
    );
    expect(data.claim.history).toEqual([{ position: '17', type: 'VALUATION_CLAIMED', streamId: 'xai-operating-income-fy2025' }]);
  });

  it('When claims are listed without a filter, then all four come ordered by id', async () => {
    expect(await claimIds({})).toEqual([
      'circular-compute-deals',
      'spacex-ipo-valuation',
      'xai-operating-income-fy2025',
      'xai-revenue-fy2025',
    ]);
  });

  it.each([
    [{ status: 'STANDING' }, ['circular-compute-deals', 'spacex-ipo-valuation', 'xai-operating-income-fy2025', 'xai-revenue-fy2025']],
    [{ status: 'REFUTED' }, []],
    [{ status: 'RETRACTED' }, []],
    [{ contested: true }, ['circular-compute-deals']],
    [{ contested: false }, ['spacex-ipo-valuation', 'xai-operating-income-fy2025', 'xai-revenue-fy2025']],
    [{ subjectId: 'xai' }, ['circular-compute-deals', 'xai-operating-income-fy2025', 'xai-revenue-fy2025']],
    [{ subjectId: 'google' }, ['circular-compute-deals']],
    [{ subjectId: 'openai' }, []],
    [{ kind: 'ASSERTION' }, ['circular-compute-deals']],
    [{ kind: 'VALUATION' }, ['spacex-ipo-valuation', 'xai-operating-income-fy2025', 'xai-revenue-fy2025']],
    [{ metric: 'REVENUE' }, ['xai-revenue-fy2025']],
    [{ metric: 'VALUATION' }, ['spacex-ipo-valuation']],
    [{ subjectId: 'xai', kind: 'VALUATION', status: 'STANDING', contested: false }, ['xai-operating-income-fy2025', 'xai-revenue-fy2025']],
    [{ subjectId: 'spacex', contested: true, status: 'STANDING' }, ['circular-compute-deals']],
  ])('When claims are filtered by %p, then exactly %p remain', async (filter, expected) => {
    expect(await claimIds(filter)).toEqual(expected);
  });

  it('When a filtered claims list is paged with first: 1, then the pages walk exactly the matching claims', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 10; guard += 1) {
      const data: ClaimPage = await api.data<ClaimPage>(CLAIMS, { filter: { contested: false }, first: 1, after });
      seen.push(...data.claims.edges.map((edge) => edge.node.id));
      if (!data.claims.pageInfo.hasNextPage) break;
      after = data.claims.pageInfo.endCursor;
    }
    expect(seen).toEqual(['spacex-ipo-valuation', 'xai-operating-income-fy2025', 'xai-revenue-fy2025']);
  });
});

describe('Given the seeded thread, when r-selling-spare-capacity is retracted and then the claim itself', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  const THREAD = `{ claim(id: "circular-compute-deals") { status contested version thread { size depth refutations supports qualifications participants } }
    noSmell: rebuttal(id: "r-no-related-party-smell") { status }
    selling: rebuttal(id: "r-selling-spare-capacity") { status version rebuttals { id status } }
    both: rebuttal(id: "r-both-takes-true") { status target { id status } } }`;

  it('When the counter-refutation is retracted, then it is RETRACTED, r-no-related-party-smell is STANDING again, and the claim REFUTED but contested', async () => {
    const retracted = await api.data<{ retract: { targetId: string; event: { type: string; streamId: string; position: string; data: Record<string, unknown> } } }>(RETRACT, {
      input: { targetId: 'r-selling-spare-capacity', reason: 'The commenter withdrew it' },
    });
    expect(retracted.retract).toMatchObject({
      targetId: 'r-selling-spare-capacity',
      event: { type: 'ENTRY_RETRACTED', position: '28', data: expect.objectContaining({ targetId: 'r-selling-spare-capacity' }) },
    });
    const data = await api.data<{ claim: unknown; noSmell: unknown; selling: unknown; both: unknown }>(THREAD);
    expect(data.noSmell).toEqual({ status: 'STANDING' });
    expect(data.selling).toEqual({ status: 'RETRACTED', version: 2, rebuttals: [{ id: 'r-both-takes-true', status: 'STANDING' }] });
    expect(data.both).toEqual({ status: 'STANDING', target: { id: 'r-selling-spare-capacity', status: 'RETRACTED' } });
    // The thread's statistics count every rebuttal ever posted, retracted ones included.
    expect(data.claim).toEqual({
      status: 'REFUTED',
      contested: true,
      version: 1,
      thread: { size: 6, depth: 3, refutations: 3, supports: 2, qualifications: 1, participants: PARTICIPANTS },
    });
  });

  it('When the claims are filtered by status, then circular-compute-deals is now REFUTED', async () => {
    const data = await api.data<ClaimPage>(CLAIMS, { filter: { status: 'REFUTED' } });
    expect(data.claims.edges.map((edge) => edge.node.id)).toEqual(['circular-compute-deals']);
  });

  it('When the same rebuttal is retracted again, then it fails BAD_USER_INPUT and appends nothing', async () => {
    const response = await api.graphql(RETRACT, { input: { targetId: 'r-selling-spare-capacity', reason: 'again' } });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await api.data(`{ ledgerHead { position } }`)).toEqual({ ledgerHead: { position: '28' } });
  });

  it('When every remaining refutation is retracted, then the claim is no longer contested', async () => {
    await api.data(RETRACT, { input: { targetId: 'r-no-related-party-smell', reason: 'withdrawn' } });
    const between = await api.data<{ claim: { contested: boolean; status: string } }>(`{ claim(id: "circular-compute-deals") { contested status } }`);
    expect(between.claim).toEqual({ contested: true, status: 'STANDING' });
    await api.data(RETRACT, { input: { targetId: 'r-conflict-not-circular', reason: 'withdrawn' } });
    const data = await api.data<{ claim: { contested: boolean; status: string }; ponzi: { status: string } }>(
      `{ claim(id: "circular-compute-deals") { contested status } ponzi: rebuttal(id: "r-ponzi-style") { status } }`,
    );
    expect(data).toEqual({ claim: { contested: false, status: 'STANDING' }, ponzi: { status: 'STANDING' } });
    const uncontested = await api.data<ClaimPage>(CLAIMS, { filter: { contested: false, subjectId: 'google' } });
    expect(uncontested.claims.edges.map((edge) => edge.node.id)).toEqual(['circular-compute-deals']);
  });

  it('When the claim itself is retracted, then it is RETRACTED, found by that status, and its version and history grow', async () => {
    const retracted = await api.data<{ retract: { event: { streamId: string; type: string } } }>(RETRACT, {
      input: { targetId: 'circular-compute-deals', reason: 'Commentators withdrew it', expectedVersion: 1 },
    });
    expect(retracted.retract.event).toMatchObject({ streamId: 'circular-compute-deals', type: 'ENTRY_RETRACTED' });
    const data = await api.data<{ claim: { status: string; version: number; history: { type: string }[] } }>(
      `{ claim(id: "circular-compute-deals") { status version history { type } } }`,
    );
    expect(data.claim).toEqual({ status: 'RETRACTED', version: 2, history: [{ type: 'CLAIM_MADE' }, { type: 'ENTRY_RETRACTED' }] });
    const byStatus = await api.data<ClaimPage>(CLAIMS, { filter: { status: 'RETRACTED' } });
    expect(byStatus.claims.edges.map((edge) => edge.node.id)).toEqual(['circular-compute-deals']);
    const standing = await api.data<ClaimPage>(CLAIMS, { filter: { status: 'STANDING', subjectId: 'google' } });
    expect(standing.claims.edges).toEqual([]);
  });
});
