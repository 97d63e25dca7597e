import { startTestApp, type TestApp } from '@ledger/testing';
import { expectCodedError } from '@ledger/testing/ledger-writes';

const CITE = [{ sourceId: 'thread-spacex-compute-deals', quote: 'test citation' }];

interface EventRow {
  id: string;
  position: string;
  recordedAt: string;
  type: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const minusOneMs = (instant: string) => new Date(new Date(instant).getTime() - 1).toISOString();

describe('Given the seeded ledger (27 events)', () => {
  let api: TestApp;
  let events: EventRow[];
  beforeAll(async () => {
    api = await startTestApp();
    events = (await api.data<{ events: { edges: { node: EventRow }[] } }>(`{ events(first: 100) { edges { node { id position recordedAt type } } } }`)).events.edges.map(
      (edge) => edge.node,
    );
  });
  afterAll(async () => {
    await api.close();
  });

  it('When a view is taken at a position, then it reports that position and the recordedAt of the event there', async () => {
    const data = await api.data<{ asOf: { position: string; recordedAt: string } }>(`{ asOf(position: "13") { position recordedAt } }`);
    expect(data.asOf).toEqual({ position: '13', recordedAt: events[12]!.recordedAt });
  });

  it('When a view is taken at the head, then it equals the ledger head', async () => {
    const data = await api.data<{ asOf: { position: string; recordedAt: string }; ledgerHead: { position: string; recordedAt: string } }>(
      `{ asOf(position: "27") { position recordedAt } ledgerHead { position recordedAt } }`,
    );
    expect(data.asOf).toEqual(data.ledgerHead);
  });

  it('When asOf(position: "0") is read, then it is an empty view: no company, no companies, no deals, no claims', async () => {
    const data = await api.data<{ asOf: unknown }>(
      `{ asOf(position: "0") { position recordedAt company(id: "spacex") { id } source(id: "dispatch-008") { id }
          companies { edges { node { id } } pageInfo { hasNextPage endCursor } }
          deals { edges { node { id } } } claims { edges { node { id } } } } }`,
    );
    expect(data.asOf).toEqual({
      position: '0',
      recordedAt: null,
      company: null,
      source: null,
      companies: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } },
      deals: { edges: [] },
      claims: { edges: [] },
    });
  });

  it('When a view is taken at the recordedAt of an event, then it includes that event', async () => {
    for (const event of [events[0]!, events[11]!, events[26]!]) {
      const data = await api.data<{ asOf: { position: string; recordedAt: string } }>(`query($at: DateTime) { asOf(recordedAt: $at) { position recordedAt } }`, {
        at: event.recordedAt,
      });
      // The last event recorded at or before that instant: this one, or a later one of the same millisecond.
      const expected = events.filter((candidate) => candidate.recordedAt <= event.recordedAt).pop()!;
      expect(BigInt(data.asOf.position)).toBeGreaterThanOrEqual(BigInt(event.position));
      expect(data.asOf).toEqual({ position: expected.position, recordedAt: expected.recordedAt });
    }
  });

  it('When a view is taken 1 ms before the recordedAt of an event, then it excludes that event', async () => {
    for (const event of [events[0]!, events[11]!, events[26]!]) {
      const data = await api.data<{ asOf: { position: string } }>(`query($at: DateTime) { asOf(recordedAt: $at) { position } }`, {
        at: minusOneMs(event.recordedAt),
      });
      expect(BigInt(data.asOf.position)).toBeLessThan(BigInt(event.position));
      const expected = events.filter((candidate) => candidate.recordedAt < event.recordedAt).pop();
      expect(data.asOf.position).toBe(expected?.position ?? '0');
    }
  });

  it('When a view is taken at an instant before the first event, then it is empty; far in the future, it is the head', async () => {
    const data = await api.data<{ before: unknown; after: unknown }>(
      `{ before: asOf(recordedAt: "2000-01-01T00:00:00.000Z") { position recordedAt companies { edges { node { id } } } }
         after: asOf(recordedAt: "2999-01-01T00:00:00.000Z") { position recordedAt } }`,
    );
    expect(data.before).toEqual({ position: '0', recordedAt: null, companies: { edges: [] } });
    expect(data.after).toEqual({ position: '27', recordedAt: events[26]!.recordedAt });
  });

  it.each([
    ['neither argument', '{ asOf { position } }'],
    ['both arguments', '{ asOf(position: "3", recordedAt: "2026-01-01T00:00:00.000Z") { position } }'],
    ['a position beyond the head', '{ asOf(position: "28") { position } }'],
    ['a huge position', '{ asOf(position: "9223372036854775807") { position } }'],
    ['a negative position', '{ asOf(position: "-1") { position } }'],
    ['a non-numeric position', '{ asOf(position: "twelve") { position } }'],
    ['an impossible instant', '{ asOf(recordedAt: "2026-02-30T00:00:00.000Z") { position } }'],
  ])('When asOf is given %s, then it fails BAD_USER_INPUT and returns no data', async (_label, query) => {
    const response = await api.graphql(query);
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['an offset that puts its instant in year 0', '0001-01-01T00:00:00+01:00'],
    ['an offset that puts its instant in year 10000', '9999-12-31T23:00:00-02:00'],
    ['1 ms before 0001-01-01T00:00:00.000Z', '0001-01-01T00:59:59.999+01:00'],
    ['1 ms after 9999-12-31T23:59:59.999Z', '9999-12-31T23:00:00.000-01:00'],
  ])('When asOf is given a well-formed instant with %s (outside 0001..9999 UTC), then it fails BAD_USER_INPUT on recordedAt as a literal, on the variable as a variable', async (_label, at) => {
    expectCodedError(await api.graphql(`{ asOf(recordedAt: "${at}") { position } }`), 'BAD_USER_INPUT', ['recordedAt']);
    expectCodedError(await api.graphql(`query($at: DateTime) { asOf(recordedAt: $at) { position } }`, { at }), 'BAD_USER_INPUT', ['at']);
  });

  it('When asOf is given the first and the last instant of years 0001..9999 (UTC), written with or without an offset, then the view is empty and the head', async () => {
    const data = await api.data<Record<string, { position: string }>>(
      `{ first: asOf(recordedAt: "0001-01-01T00:00:00.000Z") { position } firstOffset: asOf(recordedAt: "0001-01-01T01:00:00+01:00") { position }
         last: asOf(recordedAt: "9999-12-31T23:59:59.999Z") { position } lastOffset: asOf(recordedAt: "9999-12-31T21:59:59.999-02:00") { position } }`,
    );
    expect(data).toEqual({ first: { position: '0' }, firstOffset: { position: '0' }, last: { position: '27' }, lastOffset: { position: '27' } });
  });

  it('When a company is read as of its registration position and one before, then it exists only from its own event', async () => {
    const data = await api.data<{ before: { company: unknown }; at: { company: unknown } }>(
      `{ before: asOf(position: "6") { company(id: "spacex") { id } } at: asOf(position: "7") { company(id: "spacex") { id name } } }`,
    );
    expect(data.before.company).toBeNull();
    expect(data.at.company).toEqual({ id: 'spacex', name: 'SpaceX' });
  });

  it('When companies are listed as of 9, then only the first three registered appear', async () => {
    const data = await api.data<{ asOf: { companies: { edges: { node: { id: string } }[] } } }>(`{ asOf(position: "9") { companies { edges { node { id } } } } }`);
    expect(data.asOf.companies.edges.map((edge) => edge.node.id)).toEqual(['anthropic', 'spacex', 'xai']);
  });

  it('When a company is read inside a view, then deals → terms → revisions → event, claims and history are all cut at the view', async () => {
    const data = await api.data<{ asOf: { company: unknown } }>(
      `{ asOf(position: "13") { company(id: "spacex") {
          deals(on: "2026-11-21") { id version terms { key revisions { text event { position type } } } parties { company { id } } }
          claims { id }
          history { position }
          dealFlows(on: "2026-11-21") { inboundPerMonth { value } }
        } } }`,
    );
    expect(data.asOf.company).toEqual({
      deals: [
        {
          id: 'spacex-anthropic-compute',
          version: 2,
          terms: [
            { key: 'payment', revisions: [{ text: null, event: { position: '12', type: 'DEAL_SIGNED' } }] },
            { key: 'ends_on', revisions: [{ text: null, event: { position: '12', type: 'DEAL_SIGNED' } }] },
            {
              key: 'capacity',
              revisions: [
                { text: 'Colossus', event: { position: '12', type: 'DEAL_SIGNED' } },
                { text: 'Colossus; Colossus 2', event: { position: '13', type: 'DEAL_AMENDED' } },
              ],
            },
          ],
          parties: [{ company: { id: 'spacex' } }, { company: { id: 'anthropic' } }],
        },
      ],
      claims: [],
      history: [{ position: '7' }, { position: '12' }, { position: '13' }],
      dealFlows: { inboundPerMonth: [{ value: '1250000000' }] },
    });
  });

  it('When a claim is read as of 23 (the first refutation, before its counter-refutation), then the claim is REFUTED and its thread has two rebuttals', async () => {
    const data = await api.data<{ asOf: { claim: unknown } }>(
      `{ asOf(position: "23") { claim(id: "circular-compute-deals") {
          status contested version
          rebuttals { id stance status rebuttals { id } }
          thread { size depth refutations supports qualifications participants }
          history { position }
        } } }`,
    );
    expect(data.asOf.claim).toEqual({
      status: 'REFUTED',
      contested: true,
      version: 1,
      rebuttals: [
        { id: 'r-rent-costs-more-than-build', stance: 'SUPPORTS', status: 'STANDING', rebuttals: [] },
        { id: 'r-no-related-party-smell', stance: 'REFUTES', status: 'STANDING', rebuttals: [] },
      ],
      thread: {
        size: 2,
        depth: 1,
        refutations: 1,
        supports: 1,
        qualifications: 0,
        participants: ['Commentators cited by The Reckoning', 'Roger, financial analyst', 'thread commenter'],
      },
      history: [{ position: '21' }],
    });
  });

  it('When the claim is read as of 22 (no refutation yet), then it is STANDING and not contested', async () => {
    const data = await api.data<{ asOf: { claim: unknown } }>(
      `{ asOf(position: "22") { claim(id: "circular-compute-deals") { status contested thread { size refutations lastActivityAt } rebuttals { id } } } }`,
    );
    expect(data.asOf.claim).toEqual({
      status: 'STANDING',
      contested: false,
      thread: { size: 1, refutations: 0, lastActivityAt: events[21]!.recordedAt },
      rebuttals: [{ id: 'r-rent-costs-more-than-build' }],
    });
  });

  it('When the claim is read as of 24, then the counter-refutation makes the first refutation REFUTED and the claim STANDING again', async () => {
    const data = await api.data<{ asOf: { claim: unknown; rebuttal: unknown } }>(
      `{ asOf(position: "24") {
          claim(id: "circular-compute-deals") { status contested thread { size depth } }
          rebuttal(id: "r-no-related-party-smell") { status target { id status } root { id status } rebuttals { id status } }
        } }`,
    );
    expect(data.asOf.claim).toEqual({ status: 'STANDING', contested: true, thread: { size: 3, depth: 2 } });
    expect(data.asOf.rebuttal).toEqual({
      status: 'REFUTED',
      target: { id: 'circular-compute-deals', status: 'STANDING' },
      root: { id: 'circular-compute-deals', status: 'STANDING' },
      rebuttals: [{ id: 'r-selling-spare-capacity', status: 'STANDING' }],
    });
  });

  it('When a rebuttal is read before it was posted, then it is null in the view', async () => {
    const data = await api.data<{ asOf: { rebuttal: unknown } }>(`{ asOf(position: "23") { rebuttal(id: "r-selling-spare-capacity") { id } } }`);
    expect(data.asOf.rebuttal).toBeNull();
  });

  it('When the claims connection is filtered by status inside a view, then the status is the one at the view', async () => {
    const query = `query($position: String) { asOf(position: $position) { claims(filter: { status: REFUTED }) { edges { node { id } } } } }`;
    const at23 = await api.data<{ asOf: { claims: { edges: { node: { id: string } }[] } } }>(query, { position: '23' });
    expect(at23.asOf.claims.edges.map((edge) => edge.node.id)).toEqual(['circular-compute-deals']);
    const at27 = await api.data<{ asOf: { claims: { edges: unknown[] } } }>(query, { position: '27' });
    expect(at27.asOf.claims.edges).toEqual([]);
  });

  it('When a source is read inside a view, then citedBy only lists the events cited by then', async () => {
    const data = await api.data<{ at16: { source: unknown }; at5: { source: unknown } }>(
      `{ at16: asOf(position: "16") { source(id: "thread-spacex-compute-deals") { id citedBy { position type } } }
         at5: asOf(position: "5") { source(id: "thread-spacex-compute-deals") { id } } }`,
    );
    expect(data.at16.source).toEqual({
      id: 'thread-spacex-compute-deals',
      citedBy: [
        { position: '15', type: 'DEAL_AMENDED' },
        { position: '16', type: 'DEAL_AMENDED' },
      ],
    });
    expect(data.at5.source).toBeNull();
  });

  it('When a person is read inside a view, then they exist from their first move on', async () => {
    const data = await api.data<{ before: { person: unknown }; at: { person: unknown } }>(
      `{ before: asOf(position: "19") { person(id: "clive-chan") { id } } at: asOf(position: "20") { person(id: "clive-chan") { id name moves { id to { id } } } } }`,
    );
    expect(data.before.person).toBeNull();
    expect(data.at.person).toEqual({ id: 'clive-chan', name: 'Clive Chan', moves: [{ id: 'clive-chan-openai-anthropic', to: { id: 'anthropic' } }] });
  });

  it('When citations are followed inside a view, then the cited source is read at the view too', async () => {
    const data = await api.data<{ asOf: { deal: { citations: { source: { id: string; citedBy: { position: string }[] } }[] } } }>(
      `{ asOf(position: "12") { deal(id: "spacex-anthropic-compute") { citations { source { id citedBy { position } } } } } }`,
    );
    expect(data.asOf.deal.citations.map((citation) => citation.source)).toEqual([
      { id: 'techmeme-260520-p49', citedBy: [{ position: '12' }] },
      { id: 'dispatch-008', citedBy: [{ position: '12' }] },
    ]);
  });

  it('When two views are read in one request, then each is cut at its own position', async () => {
    const data = await api.data<{ a: { company: { deals: unknown[] } }; b: { company: { deals: unknown[] } } }>(
      `{ a: asOf(position: "12") { company(id: "spacex") { deals(on: "2026-11-21") { id version } } }
         b: asOf(position: "16") { company(id: "spacex") { deals(on: "2026-11-21") { id version } } } }`,
    );
    expect(data.a.company.deals).toEqual([{ id: 'spacex-anthropic-compute', version: 1 }]);
    expect(data.b.company.deals).toEqual([
      { id: 'spacex-anthropic-compute', version: 3 },
      { id: 'spacex-google-compute', version: 2 },
    ]);
  });
});

describe('Given the seeded ledger and a rebuttal and a retraction posted later', () => {
  let api: TestApp;
  let head: { position: string; recordedAt: string };
  let posted: { position: string; recordedAt: string };
  let retracted: { position: string; recordedAt: string };
  beforeAll(async () => {
    api = await startTestApp();
    head = (await api.data<{ ledgerHead: { position: string; recordedAt: string } }>(`{ ledgerHead { position recordedAt } }`)).ledgerHead;
    await sleep(5); // distinct milliseconds, so "1 ms before" falls between events
    posted = (
      await api.data<{ postRebuttal: { event: { position: string; recordedAt: string } } }>(
        `mutation($input: PostRebuttalInput!) { postRebuttal(input: $input) { event { position recordedAt } } }`,
        { input: { id: 'r-late-refutation', targetId: 'r-selling-spare-capacity', stance: 'REFUTES', author: 'late commenter', text: 'Not so.', citations: CITE } },
      )
    ).postRebuttal.event;
    await sleep(5);
    retracted = (
      await api.data<{ retract: { event: { position: string; recordedAt: string } } }>(
        `mutation { retract(input: { targetId: "r-conflict-not-circular", reason: "withdrawn" }) { event { position recordedAt } } }`,
      )
    ).retract.event;
  });
  afterAll(async () => {
    await api.close();
  });

  const THREAD = `claim(id: "circular-compute-deals") { status contested thread { size refutations participants }
      rebuttals { id status rebuttals { id status rebuttals { id status } } } }`;

  it('When the thread is read now, then the late refutation flips r-selling-spare-capacity to REFUTED and r-no-related-party-smell to STANDING, so the claim is REFUTED', async () => {
    const data = await api.data<{ claim: { status: string; contested: boolean; thread: { size: number } } }>(`{ ${THREAD} }`);
    expect(data.claim.status).toBe('REFUTED');
    expect(data.claim.contested).toBe(true);
    expect(data.claim.thread.size).toBe(7);
  });

  it('When the thread is read as of the head before the rebuttal, then the rebuttal is invisible and the claim STANDING as it was', async () => {
    const data = await api.data<{ asOf: { position: string; claim: unknown } }>(`query($p: String) { asOf(position: $p) { position ${THREAD} } }`, { p: head.position });
    expect(data.asOf.position).toBe('27');
    expect(data.asOf.claim).toEqual({
      status: 'STANDING',
      contested: true,
      thread: {
        size: 6,
        refutations: 3,
        participants: ['Commentators cited by The Reckoning', 'Roger, financial analyst', 'thread commenter'],
      },
      rebuttals: [
        { id: 'r-rent-costs-more-than-build', status: 'STANDING', rebuttals: [] },
        {
          id: 'r-no-related-party-smell',
          status: 'REFUTED',
          rebuttals: [{ id: 'r-selling-spare-capacity', status: 'STANDING', rebuttals: [{ id: 'r-both-takes-true', status: 'STANDING' }] }],
        },
        {
          id: 'r-ponzi-style',
          status: 'REFUTED',
          rebuttals: [{ id: 'r-conflict-not-circular', status: 'STANDING', rebuttals: [] }],
        },
      ],
    });
  });

  it('When the view is taken at the rebuttal’s recordedAt, then it includes the rebuttal; 1 ms before, it does not', async () => {
    const query = `query($at: DateTime) { asOf(recordedAt: $at) { position recordedAt rebuttal(id: "r-late-refutation") { id status } claim(id: "circular-compute-deals") { status } } }`;
    const at = await api.data<{ asOf: unknown }>(query, { at: posted.recordedAt });
    expect(at.asOf).toEqual({
      position: posted.position,
      recordedAt: posted.recordedAt,
      rebuttal: { id: 'r-late-refutation', status: 'STANDING' },
      claim: { status: 'REFUTED' },
    });
    const before = await api.data<{ asOf: unknown }>(query, { at: minusOneMs(posted.recordedAt) });
    expect(before.asOf).toEqual({ position: '27', recordedAt: head.recordedAt, rebuttal: null, claim: { status: 'STANDING' } });
  });

  it('When the view is taken before the retraction, then the retracted rebuttal still stands there', async () => {
    const query = `query($p: String) { asOf(position: $p) { rebuttal(id: "r-conflict-not-circular") { status } rebuttalPonzi: rebuttal(id: "r-ponzi-style") { status } } }`;
    const before = await api.data<{ asOf: unknown }>(query, { p: posted.position });
    expect(before.asOf).toEqual({ rebuttal: { status: 'STANDING' }, rebuttalPonzi: { status: 'REFUTED' } });
    const after = await api.data<{ asOf: unknown }>(query, { p: retracted.position });
    expect(after.asOf).toEqual({ rebuttal: { status: 'RETRACTED' }, rebuttalPonzi: { status: 'STANDING' } });
    const byInstant = await api.data<{ asOf: unknown }>(`query($at: DateTime) { asOf(recordedAt: $at) { position } }`, { at: minusOneMs(retracted.recordedAt) });
    expect(byInstant.asOf).toEqual({ position: posted.position });
  });

  it('When a view is taken at the new head, then asOf agrees with the current reads', async () => {
    const data = await api.data<{ now: unknown; view: { claim: unknown } }>(
      `query($p: String) { now: ${THREAD} view: asOf(position: $p) { ${THREAD} } }`,
      { p: retracted.position },
    );
    expect(data.view.claim).toEqual(data.now);
  });
});
