import { startTestApp, type TestApp } from '@ledger/testing';
import {
  BAD_DECIMAL_NUMBERS,
  BAD_DECIMAL_STRINGS,
  EnumLiteral,
  expectMutationRejected,
  expectRejected,
  IMPOSSIBLE_DATES,
  literalMutation,
  mutate,
  NOT_SLUGS,
  RawLiteral,
  VALID,
  withValue,
} from '@ledger/testing/ledger-writes';

function claimValuationLiteral(value: unknown) {
  return literalMutation('claimValuation', {
    companyId: 'openai',
    metric: new EnumLiteral('VALUATION'),
    value: { value, unit: 'USD' },
    author: 'A press report',
    citations: [{ sourceId: 'dispatch-008' }],
  });
}

describe('Given the seeded ledger, claimValuation with bad input', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('When the company is unknown, then NOT_FOUND on input.companyId and nothing is appended', async () => {
    await expectMutationRejected(api, 'claimValuation', { ...VALID.claimValuation(), companyId: 'no-such-company' }, 'NOT_FOUND', [
      'input.companyId',
    ]);
  });

  it('When a citation names an unknown source, then NOT_FOUND on its sourceId', async () => {
    await expectMutationRejected(api, 'claimValuation', { ...VALID.claimValuation(), citations: [{ sourceId: 'no-such-source' }] }, 'NOT_FOUND', [
      'input.citations.0.sourceId',
    ]);
  });

  it('When the id is taken by another claim, then ALREADY_EXISTS', async () => {
    await expectMutationRejected(api, 'claimValuation', VALID.claimValuation('xai-revenue-fy2025'), 'ALREADY_EXISTS');
  });

  it('When the id is taken by a company, then ALREADY_EXISTS', async () => {
    await expectMutationRejected(api, 'claimValuation', VALID.claimValuation('anthropic'), 'ALREADY_EXISTS');
  });

  it.each(NOT_SLUGS)('When the id is %j, then BAD_USER_INPUT on input.id', async (id) => {
    await expectMutationRejected(api, 'claimValuation', VALID.claimValuation(id), 'BAD_USER_INPUT', ['input.id']);
  });

  it.each(BAD_DECIMAL_STRINGS)('When the value is the string %j, then BAD_USER_INPUT on input.value.value', async (value) => {
    await expectMutationRejected(api, 'claimValuation', withValue(VALID.claimValuation(), 'value.value', value), 'BAD_USER_INPUT', [
      'input.value.value',
    ]);
  });

  it.each(BAD_DECIMAL_NUMBERS)('When the value is the JSON number %p, then BAD_USER_INPUT on input.value.value', async (value) => {
    await expectMutationRejected(api, 'claimValuation', withValue(VALID.claimValuation(), 'value.value', value), 'BAD_USER_INPUT', [
      'input.value.value',
    ]);
  });

  it.each(BAD_DECIMAL_STRINGS)('When the value is the string literal %j in the query text, then BAD_USER_INPUT on input.value.value', async (value) => {
    await expectRejected(api, claimValuationLiteral(value), undefined, 'BAD_USER_INPUT', ['input.value.value']);
  });

  it.each(['1250000000', '1.5'])('When the value is the number literal %s in the query text, then BAD_USER_INPUT on input.value.value', async (text) => {
    await expectRejected(api, claimValuationLiteral(new RawLiteral(text)), undefined, 'BAD_USER_INPUT', ['input.value.value']);
  });

  it('When the value is a valid string literal in the query text, then it is accepted', async () => {
    const data = await api.data<{ claimValuation: { claim: { value: { value: string } } } }>(claimValuationLiteral('-0.250'));
    expect(data.claimValuation.claim.value.value).toBe('-0.25');
  });

  it.each(IMPOSSIBLE_DATES)('When occurredOn is %j, then BAD_USER_INPUT on input.occurredOn', async (date) => {
    await expectMutationRejected(api, 'claimValuation', { ...VALID.claimValuation(), occurredOn: date }, 'BAD_USER_INPUT', ['input.occurredOn']);
  });

  it('When citations are empty, then BAD_USER_INPUT on input.citations', async () => {
    await expectMutationRejected(api, 'claimValuation', { ...VALID.claimValuation(), citations: [] }, 'BAD_USER_INPUT', ['input.citations']);
  });

  it('When the statement has 10,001 characters, then BAD_USER_INPUT on it; 10,000 are accepted', async () => {
    await expectMutationRejected(api, 'claimValuation', { ...VALID.claimValuation(), statement: 's'.repeat(10_001) }, 'BAD_USER_INPUT', [
      'input.statement',
    ]);
    const { payload } = await mutate(api, 'claimValuation', { ...VALID.claimValuation(), statement: 's'.repeat(10_000) });
    expect(payload.claim.statement).toHaveLength(10_000);
  });

  it('When the metric is not a Metric, then BAD_USER_INPUT on input.metric', async () => {
    await expectMutationRejected(api, 'claimValuation', { ...VALID.claimValuation(), metric: 'PROFIT' }, 'BAD_USER_INPUT', ['input.metric']);
  });

  it('When the author holds a NUL character, then BAD_USER_INPUT on input.author', async () => {
    await expectMutationRejected(api, 'claimValuation', { ...VALID.claimValuation(), author: '\u0000' }, 'BAD_USER_INPUT', ['input.author']);
  });
});

describe('Given the seeded ledger, makeClaim with bad input', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('When a subject is an unknown company, then NOT_FOUND on it and nothing is appended', async () => {
    await expectMutationRejected(api, 'makeClaim', { ...VALID.makeClaim(), subjectIds: ['openai', 'no-such-company'] }, 'NOT_FOUND', [
      'input.subjectIds.1',
    ]);
  });

  it('When a citation names an unknown source, then NOT_FOUND on its sourceId', async () => {
    await expectMutationRejected(api, 'makeClaim', { ...VALID.makeClaim(), citations: [{ sourceId: 'no-such-source' }] }, 'NOT_FOUND', [
      'input.citations.0.sourceId',
    ]);
  });

  it('When the id is taken by a claim or by a deal, then ALREADY_EXISTS', async () => {
    await expectMutationRejected(api, 'makeClaim', VALID.makeClaim('circular-compute-deals'), 'ALREADY_EXISTS');
    await expectMutationRejected(api, 'makeClaim', VALID.makeClaim('spacex-google-compute'), 'ALREADY_EXISTS');
  });

  it.each(NOT_SLUGS)('When the id is %j, then BAD_USER_INPUT on input.id', async (id) => {
    await expectMutationRejected(api, 'makeClaim', VALID.makeClaim(id), 'BAD_USER_INPUT', ['input.id']);
  });

  it('When the statement has 10,001 characters, then BAD_USER_INPUT on it; 10,000 are accepted', async () => {
    await expectMutationRejected(api, 'makeClaim', { ...VALID.makeClaim(), statement: 's'.repeat(10_001) }, 'BAD_USER_INPUT', ['input.statement']);
    const { payload } = await mutate(api, 'makeClaim', { ...VALID.makeClaim(), statement: 's'.repeat(10_000) });
    expect(payload.claim.statement).toHaveLength(10_000);
  });

  it('When citations are empty, then BAD_USER_INPUT on input.citations', async () => {
    await expectMutationRejected(api, 'makeClaim', { ...VALID.makeClaim(), citations: [] }, 'BAD_USER_INPUT', ['input.citations']);
  });

  it.each(IMPOSSIBLE_DATES)('When occurredOn is %j, then BAD_USER_INPUT on input.occurredOn', async (date) => {
    await expectMutationRejected(api, 'makeClaim', { ...VALID.makeClaim(), occurredOn: date }, 'BAD_USER_INPUT', ['input.occurredOn']);
  });

  it('When the statement holds a NUL character, then BAD_USER_INPUT on input.statement', async () => {
    await expectMutationRejected(api, 'makeClaim', { ...VALID.makeClaim(), statement: 'a\u0000b' }, 'BAD_USER_INPUT', ['input.statement']);
  });

  it('When the required statement is missing, then BAD_USER_INPUT on it', async () => {
    const { statement: _statement, ...input } = VALID.makeClaim();
    await expectMutationRejected(api, 'makeClaim', input, 'BAD_USER_INPUT', ['input.statement']);
  });
});

describe('Given the seeded ledger, postRebuttal with bad input', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('When the target does not exist, then NOT_FOUND on input.targetId and nothing is appended', async () => {
    await expectMutationRejected(api, 'postRebuttal', { ...VALID.postRebuttal(), targetId: 'no-such-claim' }, 'NOT_FOUND', ['input.targetId']);
  });

  it('When the target is a company, then BAD_USER_INPUT on input.targetId', async () => {
    await expectMutationRejected(api, 'postRebuttal', { ...VALID.postRebuttal(), targetId: 'spacex' }, 'BAD_USER_INPUT', ['input.targetId']);
  });

  it('When a citation names an unknown source, then NOT_FOUND on its sourceId', async () => {
    await expectMutationRejected(api, 'postRebuttal', { ...VALID.postRebuttal(), citations: [{ sourceId: 'no-such-source' }] }, 'NOT_FOUND', [
      'input.citations.0.sourceId',
    ]);
  });

  it('When the id is taken by a rebuttal or by a source, then ALREADY_EXISTS', async () => {
    await expectMutationRejected(api, 'postRebuttal', VALID.postRebuttal('r-ponzi-style'), 'ALREADY_EXISTS');
    await expectMutationRejected(api, 'postRebuttal', VALID.postRebuttal('dispatch-008'), 'ALREADY_EXISTS');
  });

  it.each(NOT_SLUGS)('When the id is %j, then BAD_USER_INPUT on input.id', async (id) => {
    await expectMutationRejected(api, 'postRebuttal', VALID.postRebuttal(id), 'BAD_USER_INPUT', ['input.id']);
  });

  it('When the text has 10,001 characters, then BAD_USER_INPUT on it; 10,000 are accepted', async () => {
    await expectMutationRejected(api, 'postRebuttal', { ...VALID.postRebuttal(), text: 't'.repeat(10_001) }, 'BAD_USER_INPUT', ['input.text']);
    const { payload } = await mutate(api, 'postRebuttal', { ...VALID.postRebuttal(), text: 't'.repeat(10_000) });
    expect(payload.rebuttal.text).toHaveLength(10_000);
  });

  it('When citations are empty, then BAD_USER_INPUT on input.citations', async () => {
    await expectMutationRejected(api, 'postRebuttal', { ...VALID.postRebuttal(), citations: [] }, 'BAD_USER_INPUT', ['input.citations']);
  });

  it.each(IMPOSSIBLE_DATES)('When occurredOn is %j, then BAD_USER_INPUT on input.occurredOn', async (date) => {
    await expectMutationRejected(api, 'postRebuttal', { ...VALID.postRebuttal(), occurredOn: date }, 'BAD_USER_INPUT', ['input.occurredOn']);
  });

  it('When the stance is not a Stance, then BAD_USER_INPUT on input.stance (variables and query text)', async () => {
    await expectMutationRejected(api, 'postRebuttal', { ...VALID.postRebuttal(), stance: 'DISAGREES' }, 'BAD_USER_INPUT', ['input.stance']);
    const query = literalMutation('postRebuttal', {
      targetId: 'circular-compute-deals',
      stance: new EnumLiteral('DISAGREES'),
      author: 'A reader',
      text: 'No.',
      citations: [{ sourceId: 'dispatch-008' }],
    });
    await expectRejected(api, query, undefined, 'BAD_USER_INPUT', ['input.stance']);
  });

  it('When the text holds a NUL character, then BAD_USER_INPUT on input.text', async () => {
    await expectMutationRejected(api, 'postRebuttal', { ...VALID.postRebuttal(), text: '\u0000' }, 'BAD_USER_INPUT', ['input.text']);
  });
});
