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
  without,
} from '@ledger/testing/ledger-writes';

/** A signDeal input as a query-text literal, enums bare; `payment` and `days` replace the first and third terms' values. */
function signDealLiteral(id: string, payment: unknown, days: unknown = 30) {
  return literalMutation('signDeal', {
    id,
    title: 'Literal deal',
    kind: new EnumLiteral('SUPPLY'),
    parties: [
      { companyId: 'openai', role: new EnumLiteral('PROVIDER') },
      { companyId: 'google', role: new EnumLiteral('CUSTOMER') },
    ],
    terms: [
      { key: 'payment', amount: { value: payment, unit: 'USD', per: new EnumLiteral('MONTH') } },
      { key: 'notice_period', days },
    ],
    citations: [{ sourceId: 'dispatch-008', role: new EnumLiteral('PRIMARY') }],
  });
}

describe('Given the seeded ledger, signDeal with bad input', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('When a party is an unknown company, then NOT_FOUND on that party and nothing is appended', async () => {
    const input = withValue(VALID.signDeal('deal-unknown-party'), 'parties.1.companyId', 'no-such-company');
    const extensions = await expectMutationRejected(api, 'signDeal', input, 'NOT_FOUND', ['input.parties.1.companyId']);
    expect(extensions).toMatchObject({ id: 'no-such-company', kind: 'company' });
  });

  it('When a party is a source, not a company, then NOT_FOUND on that party', async () => {
    const input = withValue(VALID.signDeal('deal-source-party'), 'parties.0.companyId', 'dispatch-008');
    await expectMutationRejected(api, 'signDeal', input, 'NOT_FOUND', ['input.parties.0.companyId']);
  });

  it('When a citation names an unknown source, then NOT_FOUND on its sourceId and nothing is appended', async () => {
    const input = { ...VALID.signDeal('deal-unknown-source'), citations: [{ sourceId: 'dispatch-008' }, { sourceId: 'no-such-source' }] };
    await expectMutationRejected(api, 'signDeal', input, 'NOT_FOUND', ['input.citations.1.sourceId']);
  });

  it('When the id is taken by another deal, then ALREADY_EXISTS and nothing is appended', async () => {
    await expectMutationRejected(api, 'signDeal', VALID.signDeal('spacex-anthropic-compute'), 'ALREADY_EXISTS');
  });

  it('When the id is taken by a company, then ALREADY_EXISTS and nothing is appended', async () => {
    const extensions = await expectMutationRejected(api, 'signDeal', VALID.signDeal('openai'), 'ALREADY_EXISTS');
    expect(extensions).toMatchObject({ existingKind: 'company' });
  });

  it.each(NOT_SLUGS)('When the id is %j, then BAD_USER_INPUT on input.id', async (id) => {
    await expectMutationRejected(api, 'signDeal', VALID.signDeal(id), 'BAD_USER_INPUT', ['input.id']);
  });

  it('When a party companyId is not a slug, then BAD_USER_INPUT on it', async () => {
    const input = withValue(VALID.signDeal('deal-bad-party-id'), 'parties.0.companyId', 'OpenAI');
    await expectMutationRejected(api, 'signDeal', input, 'BAD_USER_INPUT', ['input.parties.0.companyId']);
  });

  it('When a term sets no value, then BAD_USER_INPUT on that term', async () => {
    const input = { ...VALID.signDeal('deal-empty-term'), terms: [{ key: 'exclusivity' }] };
    await expectMutationRejected(api, 'signDeal', input, 'BAD_USER_INPUT', ['input.terms.0']);
  });

  it('When a term sets two values, then BAD_USER_INPUT on that term', async () => {
    const input = { ...VALID.signDeal('deal-two-values'), terms: [{ key: 'ends_on', date: '2029-05-31', text: 'May 2029' }] };
    await expectMutationRejected(api, 'signDeal', input, 'BAD_USER_INPUT', ['input.terms.0']);
  });

  it('When only one party is named, then BAD_USER_INPUT on input.parties', async () => {
    const input = { ...VALID.signDeal('deal-one-party'), parties: [{ companyId: 'openai', role: 'PROVIDER' }] };
    await expectMutationRejected(api, 'signDeal', input, 'BAD_USER_INPUT', ['input.parties']);
  });

  it('When the two parties are the same company, then BAD_USER_INPUT on input.parties', async () => {
    const input = {
      ...VALID.signDeal('deal-same-party'),
      parties: [
        { companyId: 'openai', role: 'PROVIDER' },
        { companyId: 'openai', role: 'CUSTOMER' },
      ],
    };
    await expectMutationRejected(api, 'signDeal', input, 'BAD_USER_INPUT', ['input.parties']);
  });

  it.each(BAD_DECIMAL_STRINGS)('When the payment value is the string %j, then BAD_USER_INPUT on its value', async (value) => {
    const input = withValue(VALID.signDeal('deal-bad-decimal'), 'terms.0.amount.value', value);
    await expectMutationRejected(api, 'signDeal', input, 'BAD_USER_INPUT', ['input.terms.0.amount.value']);
  });

  it.each(BAD_DECIMAL_NUMBERS)('When the payment value is the JSON number %p, then BAD_USER_INPUT on its value', async (value) => {
    const input = withValue(VALID.signDeal('deal-number-decimal'), 'terms.0.amount.value', value);
    await expectMutationRejected(api, 'signDeal', input, 'BAD_USER_INPUT', ['input.terms.0.amount.value']);
  });

  it.each(BAD_DECIMAL_STRINGS)('When the payment value is the string literal %j in the query text, then BAD_USER_INPUT on its value', async (value) => {
    await expectRejected(api, signDealLiteral('deal-literal-decimal', value), undefined, 'BAD_USER_INPUT', ['input.terms.0.amount.value']);
  });

  it.each(['1250000000', '1.5'])('When the payment value is the number literal %s in the query text, then BAD_USER_INPUT on its value', async (text) => {
    await expectRejected(api, signDealLiteral('deal-literal-number', new RawLiteral(text)), undefined, 'BAD_USER_INPUT', [
      'input.terms.0.amount.value',
    ]);
  });

  it('When the same deal is written correctly in the query text, then it is accepted (the literal helper is sound)', async () => {
    const data = await api.data<{ signDeal: { deal: { id: string } } }>(signDealLiteral('deal-literal-ok', '1250000000'));
    expect(data.signDeal.deal.id).toBe('deal-literal-ok');
  });

  it.each([
    ['-1', -1],
    ['1.5', 1.5],
    ['"90"', '90'],
  ])('When notice_period days is %s, then BAD_USER_INPUT on its days', async (_label, days) => {
    const input = withValue(VALID.signDeal('deal-bad-days'), 'terms.2.days', days);
    await expectMutationRejected(api, 'signDeal', input, 'BAD_USER_INPUT', ['input.terms.2.days']);
  });

  it.each(['-1', '1.5', '"90"'])('When notice_period days is %s in the query text, then BAD_USER_INPUT on its days', async (text) => {
    await expectRejected(api, signDealLiteral('deal-literal-days', '1', new RawLiteral(text)), undefined, 'BAD_USER_INPUT', ['input.terms.1.days']);
  });

  it.each(IMPOSSIBLE_DATES)('When signedOn is %j, then BAD_USER_INPUT on input.signedOn', async (date) => {
    await expectMutationRejected(api, 'signDeal', { ...VALID.signDeal('deal-bad-signed'), signedOn: date }, 'BAD_USER_INPUT', ['input.signedOn']);
  });

  it.each(IMPOSSIBLE_DATES)('When a date term is %j, then BAD_USER_INPUT on that term date', async (date) => {
    const input = withValue(VALID.signDeal('deal-bad-term-date'), 'terms.1.date', date);
    await expectMutationRejected(api, 'signDeal', input, 'BAD_USER_INPUT', ['input.terms.1.date']);
  });

  it('When citations are empty, then BAD_USER_INPUT on input.citations and nothing is appended', async () => {
    await expectMutationRejected(api, 'signDeal', { ...VALID.signDeal('deal-no-citations'), citations: [] }, 'BAD_USER_INPUT', ['input.citations']);
  });

  it('When a quote has 10,001 characters, then BAD_USER_INPUT on it; 10,000 are accepted', async () => {
    const tooLong = { ...VALID.signDeal('deal-long-quote'), citations: [{ sourceId: 'dispatch-008', quote: 'q'.repeat(10_001) }] };
    await expectMutationRejected(api, 'signDeal', tooLong, 'BAD_USER_INPUT', ['input.citations.0.quote']);

    const { payload } = await mutate(api, 'signDeal', { ...tooLong, citations: [{ sourceId: 'dispatch-008', quote: 'q'.repeat(10_000) }] });
    expect(payload.event.citations[0]!.quote).toHaveLength(10_000);
  });

  it('When the title holds a NUL character, then BAD_USER_INPUT on input.title', async () => {
    await expectMutationRejected(api, 'signDeal', { ...VALID.signDeal('deal-nul'), title: 'a\u0000' }, 'BAD_USER_INPUT', ['input.title']);
  });

  it('When a quote holds a NUL character, then BAD_USER_INPUT on that quote', async () => {
    const input = { ...VALID.signDeal('deal-nul-quote'), citations: [{ sourceId: 'dispatch-008', quote: '\u0000' }] };
    await expectMutationRejected(api, 'signDeal', input, 'BAD_USER_INPUT', ['input.citations.0.quote']);
  });

  it('When the kind or a party role is not in its enum, then BAD_USER_INPUT on it', async () => {
    await expectMutationRejected(api, 'signDeal', { ...VALID.signDeal('deal-bad-kind'), kind: 'LOAN' }, 'BAD_USER_INPUT', ['input.kind']);
    await expectMutationRejected(api, 'signDeal', withValue(VALID.signDeal('deal-bad-role'), 'parties.0.role', 'SELLER'), 'BAD_USER_INPUT', [
      'input.parties.0.role',
    ]);
  });

  it('When the kind is not in its enum in the query text, then BAD_USER_INPUT on input.kind', async () => {
    const query = signDealLiteral('deal-literal-kind', '1').replace('kind: SUPPLY', 'kind: LOAN');
    await expectRejected(api, query, undefined, 'BAD_USER_INPUT', ['input.kind']);
  });

  it('When the required terms are missing, then BAD_USER_INPUT on input.terms', async () => {
    await expectMutationRejected(api, 'signDeal', without(VALID.signDeal('deal-no-terms'), 'terms'), 'BAD_USER_INPUT', ['input.terms']);
  });

  it('When a party leaves out its required role, then BAD_USER_INPUT on it', async () => {
    await expectMutationRejected(api, 'signDeal', without(VALID.signDeal('deal-no-role'), 'parties.1.role'), 'BAD_USER_INPUT', [
      'input.parties.1.role',
    ]);
  });

  it('When a term has an unknown field, then BAD_USER_INPUT on it', async () => {
    await expectMutationRejected(api, 'signDeal', withValue(VALID.signDeal('deal-term-extra'), 'terms.3.note', 'x'), 'BAD_USER_INPUT', [
      'input.terms.3.note',
    ]);
  });
});

describe('Given the seeded ledger, amendDeal and terminateDeal with bad input', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('When the deal is unknown, then NOT_FOUND on input.dealId and nothing is appended', async () => {
    await expectMutationRejected(api, 'amendDeal', VALID.amendDeal('no-such-deal'), 'NOT_FOUND', ['input.dealId']);
    await expectMutationRejected(api, 'terminateDeal', VALID.terminateDeal('no-such-deal'), 'NOT_FOUND', ['input.dealId']);
  });

  it('When the dealId names a claim, then NOT_FOUND on input.dealId', async () => {
    await expectMutationRejected(api, 'amendDeal', VALID.amendDeal('circular-compute-deals'), 'NOT_FOUND', ['input.dealId']);
    await expectMutationRejected(api, 'terminateDeal', VALID.terminateDeal('circular-compute-deals'), 'NOT_FOUND', ['input.dealId']);
  });

  it('When a citation names an unknown source, then NOT_FOUND on its sourceId', async () => {
    const citations = [{ sourceId: 'no-such-source' }];
    await expectMutationRejected(api, 'amendDeal', { ...VALID.amendDeal('spacex-google-compute'), citations }, 'NOT_FOUND', [
      'input.citations.0.sourceId',
    ]);
    await expectMutationRejected(api, 'terminateDeal', { ...VALID.terminateDeal('spacex-google-compute'), citations }, 'NOT_FOUND', [
      'input.citations.0.sourceId',
    ]);
  });

  it.each(IMPOSSIBLE_DATES)('When effectiveOn is %j, then BAD_USER_INPUT on input.effectiveOn', async (date) => {
    await expectMutationRejected(api, 'amendDeal', { ...VALID.amendDeal('spacex-google-compute'), effectiveOn: date }, 'BAD_USER_INPUT', [
      'input.effectiveOn',
    ]);
  });

  it.each(IMPOSSIBLE_DATES)('When terminatedOn is %j, then BAD_USER_INPUT on input.terminatedOn', async (date) => {
    await expectMutationRejected(api, 'terminateDeal', { ...VALID.terminateDeal('spacex-google-compute'), terminatedOn: date }, 'BAD_USER_INPUT', [
      'input.terminatedOn',
    ]);
  });

  it('When terminatedOn is impossible in the query text, then BAD_USER_INPUT on input.terminatedOn', async () => {
    const query = literalMutation('terminateDeal', {
      ...VALID.terminateDeal('spacex-google-compute'),
      terminatedOn: '2026-02-30',
      citations: [{ sourceId: 'dispatch-008' }],
    });
    await expectRejected(api, query, undefined, 'BAD_USER_INPUT', ['input.terminatedOn']);
  });

  it('When citations are empty, then BAD_USER_INPUT on input.citations', async () => {
    await expectMutationRejected(api, 'amendDeal', { ...VALID.amendDeal('spacex-google-compute'), citations: [] }, 'BAD_USER_INPUT', [
      'input.citations',
    ]);
    await expectMutationRejected(api, 'terminateDeal', { ...VALID.terminateDeal('spacex-google-compute'), citations: [] }, 'BAD_USER_INPUT', [
      'input.citations',
    ]);
  });

  it('When an amendment sets no terms, then BAD_USER_INPUT on input.terms', async () => {
    await expectMutationRejected(api, 'amendDeal', { ...VALID.amendDeal('spacex-google-compute'), terms: [] }, 'BAD_USER_INPUT', ['input.terms']);
  });

  it('When an amended payment is a float, then BAD_USER_INPUT on its value', async () => {
    const input = withValue(VALID.amendDeal('spacex-google-compute'), 'terms.0.amount.value', 1.5);
    await expectMutationRejected(api, 'amendDeal', input, 'BAD_USER_INPUT', ['input.terms.0.amount.value']);
  });

  it('When expectedVersion is -1, then BAD_USER_INPUT on input.expectedVersion', async () => {
    await expectMutationRejected(api, 'amendDeal', { ...VALID.amendDeal('spacex-google-compute'), expectedVersion: -1 }, 'BAD_USER_INPUT', [
      'input.expectedVersion',
    ]);
    await expectMutationRejected(api, 'terminateDeal', { ...VALID.terminateDeal('spacex-google-compute'), expectedVersion: -1 }, 'BAD_USER_INPUT', [
      'input.expectedVersion',
    ]);
  });

  it('When the reason holds a NUL character, then BAD_USER_INPUT on input.reason', async () => {
    await expectMutationRejected(api, 'terminateDeal', { ...VALID.terminateDeal('spacex-google-compute'), reason: 'x\u0000' }, 'BAD_USER_INPUT', [
      'input.reason',
    ]);
  });

  it('When the required terminatedOn is missing, then BAD_USER_INPUT on it', async () => {
    await expectMutationRejected(api, 'terminateDeal', without(VALID.terminateDeal('spacex-google-compute'), 'terminatedOn'), 'BAD_USER_INPUT', [
      'input.terminatedOn',
    ]);
  });

  it('When a terminated deal is terminated again, then BAD_USER_INPUT on input.dealId and nothing is appended', async () => {
    await mutate(api, 'signDeal', VALID.signDeal('deal-terminated-twice'));
    await mutate(api, 'terminateDeal', VALID.terminateDeal('deal-terminated-twice'));

    await expectMutationRejected(api, 'terminateDeal', VALID.terminateDeal('deal-terminated-twice'), 'BAD_USER_INPUT', ['input.dealId']);
  });
});
