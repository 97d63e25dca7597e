import { startTestApp, type TestApp } from '@ledger/testing';
import {
  expectCodedError,
  expectMutationRejected,
  expectNoInternals,
  expectRejected,
  ledgerHead,
  mutate,
  NOT_SLUGS,
  VALID,
} from '@ledger/testing/ledger-writes';

describe('Given the seeded ledger, retract with bad input', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('When the target does not exist, then NOT_FOUND on input.targetId and nothing is appended', async () => {
    await expectMutationRejected(api, 'retract', VALID.retract('no-such-entry'), 'NOT_FOUND', ['input.targetId']);
  });

  it.each([
    ['a deal', 'spacex-anthropic-compute'],
    ['a company', 'spacex'],
    ['a source', 'dispatch-008'],
    ['a person', 'clive-chan'],
  ])('When the target is %s (not retractable), then BAD_USER_INPUT on input.targetId and nothing is appended', async (_kind, id) => {
    await expectMutationRejected(api, 'retract', VALID.retract(id), 'BAD_USER_INPUT', ['input.targetId']);
  });

  it('When the claim is already retracted, then BAD_USER_INPUT on input.targetId and nothing is appended', async () => {
    await mutate(api, 'makeClaim', VALID.makeClaim('claim-retracted-twice'));
    await mutate(api, 'retract', VALID.retract('claim-retracted-twice'));

    await expectMutationRejected(api, 'retract', VALID.retract('claim-retracted-twice'), 'BAD_USER_INPUT', ['input.targetId']);
  });

  it('When expectedVersion is -1, then BAD_USER_INPUT on input.expectedVersion', async () => {
    await expectMutationRejected(api, 'retract', { ...VALID.retract('xai-revenue-fy2025'), expectedVersion: -1 }, 'BAD_USER_INPUT', [
      'input.expectedVersion',
    ]);
  });

  it('When expectedVersion is not an Int, then BAD_USER_INPUT on input.expectedVersion', async () => {
    await expectMutationRejected(api, 'retract', { ...VALID.retract('xai-revenue-fy2025'), expectedVersion: '1' }, 'BAD_USER_INPUT', [
      'input.expectedVersion',
    ]);
  });

  it.each(NOT_SLUGS)('When the targetId is %j, then BAD_USER_INPUT on input.targetId', async (id) => {
    await expectMutationRejected(api, 'retract', VALID.retract(id), 'BAD_USER_INPUT', ['input.targetId']);
  });

  it('When the reason is blank or holds a NUL character, then BAD_USER_INPUT on input.reason', async () => {
    await expectMutationRejected(api, 'retract', { targetId: 'xai-revenue-fy2025', reason: ' ' }, 'BAD_USER_INPUT', ['input.reason']);
    await expectMutationRejected(api, 'retract', { targetId: 'xai-revenue-fy2025', reason: '\u0000' }, 'BAD_USER_INPUT', ['input.reason']);
  });

  it('When the required reason is missing, or an unknown field is given, then BAD_USER_INPUT on that field', async () => {
    await expectMutationRejected(api, 'retract', { targetId: 'xai-revenue-fy2025' }, 'BAD_USER_INPUT', ['input.reason']);
    await expectMutationRejected(api, 'retract', { ...VALID.retract('xai-revenue-fy2025'), force: true }, 'BAD_USER_INPUT', ['input.force']);
  });

  it('When the $input variable is not given at all, then BAD_USER_INPUT on input', async () => {
    await expectRejected(api, 'mutation($input: RetractInput!) { retract(input: $input) { targetId } }', {}, 'BAD_USER_INPUT', ['input']);
  });
});

describe('Given the seeded ledger, reads with bad arguments', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it.each([
    ['companies', '{ companies(first: $first) { edges { cursor } } }'],
    ['deals', '{ deals(first: $first) { edges { cursor } } }'],
    ['claims', '{ claims(first: $first) { edges { cursor } } }'],
    ['sources', '{ sources(first: $first) { edges { cursor } } }'],
    ['events', '{ events(first: $first) { edges { cursor } } }'],
  ])('When %s is asked for first: 0 or 101, then BAD_USER_INPUT on first', async (_name, selection) => {
    const query = `query($first: Int) ${selection}`;
    for (const first of [0, 101]) {
      const response = await api.graphql(query, { first });
      expectCodedError(response, 'BAD_USER_INPUT', ['first']);
    }
    expect((await api.graphql(query, { first: 100 })).errors).toBeUndefined();
  });

  it('When first: 0 or 101 is written in the query text, then BAD_USER_INPUT on first', async () => {
    expectCodedError(await api.graphql('{ companies(first: 0) { edges { cursor } } }'), 'BAD_USER_INPUT', ['first']);
    expectCodedError(await api.graphql('{ asOf(position: "1") { deals(first: 101) { edges { cursor } } } }'), 'BAD_USER_INPUT', ['first']);
  });

  /** A cursor as the API writes one (base64url of "c1:" and the key), carrying a key of our choosing. */
  const forgedCursor = (key: string) => Buffer.from(`c1:${key}`, 'utf8').toString('base64url');

  const ID_KEYED_CONNECTIONS = [
    ['companies', '{ companies(after: $after) { edges { node { id } } } }'],
    ['deals', '{ deals(after: $after) { edges { node { id } } } }'],
    ['claims', '{ claims(after: $after) { edges { node { id } } } }'],
    ['sources', '{ sources(after: $after) { edges { node { id } } } }'],
    ['asOf companies', '{ asOf(position: "5") { companies(after: $after) { edges { node { id } } } } }'],
    ['asOf deals', '{ asOf(position: "5") { deals(after: $after) { edges { node { id } } } } }'],
    ['asOf claims', '{ asOf(position: "5") { claims(after: $after) { edges { node { id } } } } }'],
  ] as const;

  it.each(ID_KEYED_CONNECTIONS)(
    'When %s is given a forged cursor whose key holds a NUL character, then BAD_USER_INPUT on after, not an internal error',
    async (_name, selection) => {
      expect(forgedCursor('a\u0000')).toBe('YzE6YQA');
      expectCodedError(await api.graphql(selection.replace('$after', '"YzE6YQA"')), 'BAD_USER_INPUT', ['after']);
      expectCodedError(await api.graphql(`query($after: String) ${selection}`, { after: 'YzE6YQA' }), 'BAD_USER_INPUT', ['after']);
    },
  );

  it.each(ID_KEYED_CONNECTIONS)(
    'When %s is given a cursor whose key is not an id (not a slug, or over 100 characters), then BAD_USER_INPUT on after',
    async (_name, selection) => {
      for (const key of [...NOT_SLUGS, '', '9223372036854775807\u0000']) {
        const response = await api.graphql(`query($after: String) ${selection}`, { after: forgedCursor(key) });
        expectCodedError(response, 'BAD_USER_INPUT', ['after']);
      }
    },
  );

  it('When events is given a cursor whose key is not a position (an id, a NUL, a signed or overflowing number), then BAD_USER_INPUT on after', async () => {
    const companies = await api.data<{ companies: { pageInfo: { endCursor: string } } }>('{ companies(first: 1) { pageInfo { endCursor } } }');
    const query = 'query($after: String) { events(after: $after) { edges { node { position } } } }';
    for (const after of [companies.companies.pageInfo.endCursor, 'YzE6YQA', forgedCursor('2\u0000'), forgedCursor('-1'), forgedCursor('9223372036854775808')]) {
      expectCodedError(await api.graphql(query, { after }), 'BAD_USER_INPUT', ['after']);
    }
  });

  it('When each connection is given a cursor it returned itself, then the next page follows it', async () => {
    const next = async (selection: string) => {
      const first = await api.data<Record<string, { pageInfo: { endCursor: string } }>>(`{ ${selection}(first: 1) { pageInfo { endCursor } } }`);
      const response = await api.graphql(`query($after: String) { ${selection}(first: 1, after: $after) { pageInfo { endCursor } } }`, {
        after: first[selection]!.pageInfo.endCursor,
      });
      expect(response.errors).toBeUndefined();
    };
    for (const selection of ['companies', 'deals', 'claims', 'sources', 'events']) await next(selection);
  });

  it('When asOf is given neither recordedAt nor position, then BAD_USER_INPUT', async () => {
    const response = await api.graphql('{ asOf { position } }');
    expectCodedError(response, 'BAD_USER_INPUT', ['recordedAt']);
  });

  it('When asOf is given both recordedAt and position, then BAD_USER_INPUT', async () => {
    const response = await api.graphql('{ asOf(recordedAt: "2026-05-20T14:03:00.000Z", position: "1") { position } }');
    expectCodedError(response, 'BAD_USER_INPUT', ['recordedAt']);
  });

  it('When asOf is given a position after the head, even one beyond bigint, then BAD_USER_INPUT on position', async () => {
    for (const position of ['100000', '9223372036854775807', '9223372036854775808', '9999999999999999999']) {
      const response = await api.graphql(`{ asOf(position: "${position}") { position recordedAt } }`);
      expectCodedError(response, 'BAD_USER_INPUT', ['position']);
      expect(JSON.stringify(response)).toContain(`Position ${position} is after the ledger head`);
    }
  });
});

describe('Given the API, malformed HTTP requests', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  async function post(body: string, contentType = 'application/json') {
    const before = await ledgerHead(api);
    const response = await fetch(api.url, { method: 'POST', headers: { 'content-type': contentType }, body });
    const text = await response.text();
    expect(await ledgerHead(api)).toEqual(before);
    return { status: response.status, text, json: JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[] } };
  }

  function expectBadRequest(result: { status: number; text: string; json: { errors?: { extensions?: { code?: string } }[] } }): void {
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.status).toBeLessThan(500);
    expect(result.json.errors).toHaveLength(1);
    expect(result.json.errors![0]!.extensions?.code).toBe('BAD_REQUEST');
    expectNoInternals(result.text);
  }

  const MUTATION = JSON.stringify({ query: 'mutation { registerCompany(input: { id: "via-bad-request", name: "X" }) { company { id } } }' });

  it('When the body is not JSON, then 400 BAD_REQUEST in the GraphQL error shape', async () => {
    const result = await post('{"query": "mutation {', 'application/json');
    expectBadRequest(result);
  });

  it('When the body is the JSON literal null, then 400 BAD_REQUEST', async () => {
    expectBadRequest(await post('null'));
  });

  it('When the body is empty, then 400 BAD_REQUEST', async () => {
    expectBadRequest(await post(''));
  });

  it('When the query is not a string, then 400 BAD_REQUEST', async () => {
    expectBadRequest(await post(JSON.stringify({ query: 42 })));
    expectBadRequest(await post(JSON.stringify({ query: { registerCompany: true } })));
  });

  it('When the content type is text/plain, then 400 BAD_REQUEST and the mutation does not run', async () => {
    expectBadRequest(await post(MUTATION, 'text/plain'));
  });

  it('When the content type is not JSON at all, then 400 BAD_REQUEST and the mutation does not run', async () => {
    expectBadRequest(await post(MUTATION, 'application/xml'));
  });

  it('When the query is not valid GraphQL, then GRAPHQL_PARSE_FAILED, never a 500', async () => {
    const result = await post(JSON.stringify({ query: 'mutation { registerCompany(' }));
    expect(result.status).toBe(400);
    expect(result.json.errors![0]!.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expectNoInternals(result.text);
  });

  it('Then a well-formed request still works', async () => {
    const response = await api.graphql('{ ledgerHead { position } }');
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
  });
});
