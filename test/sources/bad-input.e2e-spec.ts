import { startTestApp, type TestApp } from '@ledger/testing';
import {
  EnumLiteral,
  expectMutationRejected,
  expectRejected,
  IMPOSSIBLE_DATES,
  literalMutation,
  mutate,
  NOT_SLUGS,
  VALID,
  without,
} from '@ledger/testing/ledger-writes';

describe('Given the seeded ledger, registerSource with bad input', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it.each(NOT_SLUGS)('When the id is %j (not a slug, or over 100 characters), then BAD_USER_INPUT on input.id and nothing is appended', async (id) => {
    await expectMutationRejected(api, 'registerSource', VALID.registerSource(id), 'BAD_USER_INPUT', ['input.id']);
  });

  it('When the id is a slug of exactly 100 characters, then it is accepted', async () => {
    const { payload } = await mutate(api, 'registerSource', VALID.registerSource('s'.repeat(100)));
    expect(payload.source.id).toBe('s'.repeat(100));
  });

  it('When the id is taken by another source, then ALREADY_EXISTS and nothing is appended', async () => {
    await expectMutationRejected(api, 'registerSource', VALID.registerSource('dispatch-008'), 'ALREADY_EXISTS');
  });

  it.each([
    ['a company', 'spacex'],
    ['a deal', 'spacex-anthropic-compute'],
    ['a claim', 'circular-compute-deals'],
    ['a person', 'clive-chan'],
  ])('When the id is taken by %s, then ALREADY_EXISTS and nothing is appended', async (_kind, id) => {
    await expectMutationRejected(api, 'registerSource', VALID.registerSource(id), 'ALREADY_EXISTS');
  });

  it.each(IMPOSSIBLE_DATES)('When publishedOn is %j, then BAD_USER_INPUT on input.publishedOn and nothing is appended', async (date) => {
    await expectMutationRejected(api, 'registerSource', { ...VALID.registerSource('bad-date'), publishedOn: date }, 'BAD_USER_INPUT', [
      'input.publishedOn',
    ]);
  });

  it.each(IMPOSSIBLE_DATES)('When publishedOn is %j written in the query text, then BAD_USER_INPUT on input.publishedOn', async (date) => {
    const input = { ...VALID.registerSource('bad-date'), kind: new EnumLiteral('ARTICLE'), publishedOn: date };
    await expectRejected(api, literalMutation('registerSource', input), undefined, 'BAD_USER_INPUT', ['input.publishedOn']);
  });

  it('When the title holds a NUL character, then BAD_USER_INPUT on input.title and nothing is appended', async () => {
    await expectMutationRejected(api, 'registerSource', { ...VALID.registerSource('nul-source'), title: 'A\u0000B' }, 'BAD_USER_INPUT', [
      'input.title',
    ]);
  });

  it('When the title is over 1,000 characters, then BAD_USER_INPUT on input.title', async () => {
    await expectMutationRejected(api, 'registerSource', { ...VALID.registerSource('long-title'), title: 't'.repeat(1001) }, 'BAD_USER_INPUT', [
      'input.title',
    ]);
  });

  it('When the url is not an http(s) URL, then BAD_USER_INPUT on input.url', async () => {
    await expectMutationRejected(api, 'registerSource', { ...VALID.registerSource('bad-url'), url: 'javascript:alert(1)' }, 'BAD_USER_INPUT', [
      'input.url',
    ]);
  });

  it('When the kind is not a SourceKind, then BAD_USER_INPUT on input.kind', async () => {
    await expectMutationRejected(api, 'registerSource', { ...VALID.registerSource('bad-kind'), kind: 'TWEET' }, 'BAD_USER_INPUT', ['input.kind']);
  });

  it('When the required title is missing, then BAD_USER_INPUT on input.title', async () => {
    await expectMutationRejected(api, 'registerSource', without(VALID.registerSource('no-title'), 'title'), 'BAD_USER_INPUT', ['input.title']);
  });

  it('When the input has an unknown field, then BAD_USER_INPUT on that field', async () => {
    await expectMutationRejected(api, 'registerSource', { ...VALID.registerSource('extra-field'), language: 'en' }, 'BAD_USER_INPUT', [
      'input.language',
    ]);
  });
});
