import { startTestApp, type TestApp } from '@ledger/testing';
import {
  expectMutationRejected,
  expectRejected,
  literalMutation,
  NOT_SLUGS,
  RawLiteral,
  VALID,
} from '@ledger/testing/ledger-writes';

describe('Given the seeded ledger, registerCompany with bad input', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it.each(NOT_SLUGS)('When the id is %j (not a slug, or over 100 characters), then BAD_USER_INPUT on input.id and nothing is appended', async (id) => {
    await expectMutationRejected(api, 'registerCompany', VALID.registerCompany(id), 'BAD_USER_INPUT', ['input.id']);
  });

  it('When the id is taken by another company, then ALREADY_EXISTS (naming the kind) and nothing is appended', async () => {
    const extensions = await expectMutationRejected(api, 'registerCompany', VALID.registerCompany('spacex'), 'ALREADY_EXISTS');
    expect(extensions).toMatchObject({ id: 'spacex', existingKind: 'company' });
  });

  it.each([
    ['a source', 'dispatch-008', 'source'],
    ['a deal', 'spacex-google-compute', 'deal'],
    ['a rebuttal', 'r-ponzi-style', 'rebuttal'],
    ['a talent move', 'clive-chan-openai-anthropic', 'talent move'],
  ])('When the id is taken by %s, then ALREADY_EXISTS and nothing is appended', async (_kind, id, existingKind) => {
    const extensions = await expectMutationRejected(api, 'registerCompany', VALID.registerCompany(id), 'ALREADY_EXISTS');
    expect(extensions).toMatchObject({ id, existingKind });
  });

  it('When the name holds a NUL character, then BAD_USER_INPUT on input.name and nothing is appended', async () => {
    await expectMutationRejected(api, 'registerCompany', { id: 'nul-co', name: 'Nul\u0000Co' }, 'BAD_USER_INPUT', ['input.name']);
  });

  it('When an alias holds a NUL character, then BAD_USER_INPUT on that alias', async () => {
    await expectMutationRejected(api, 'registerCompany', { id: 'nul-co', name: 'Nul Co', aliases: ['ok', 'b\u0000d'] }, 'BAD_USER_INPUT', [
      'input.aliases.1',
    ]);
  });

  it('When the name is blank, then BAD_USER_INPUT on input.name', async () => {
    await expectMutationRejected(api, 'registerCompany', { id: 'blank-co', name: '   ' }, 'BAD_USER_INPUT', ['input.name']);
  });

  it('When the required name is missing, then BAD_USER_INPUT on input.name', async () => {
    await expectMutationRejected(api, 'registerCompany', { id: 'no-name' }, 'BAD_USER_INPUT', ['input.name']);
  });

  it('When the required name is missing in the query text, then BAD_USER_INPUT on input.name', async () => {
    await expectRejected(api, literalMutation('registerCompany', { id: 'no-name' }), undefined, 'BAD_USER_INPUT', ['input.name']);
  });

  it('When the input has an unknown field, then BAD_USER_INPUT on that field', async () => {
    await expectMutationRejected(api, 'registerCompany', { id: 'extra-co', name: 'Extra', ticker: 'XTR' }, 'BAD_USER_INPUT', ['input.ticker']);
  });

  it('When the input has an unknown field in the query text, then BAD_USER_INPUT on that field', async () => {
    await expectRejected(api, literalMutation('registerCompany', { id: 'extra-co', name: 'Extra', ticker: 'XTR' }), undefined, 'BAD_USER_INPUT', [
      'input.ticker',
    ]);
  });

  it('When the name is a number, then BAD_USER_INPUT on input.name (variables and query text)', async () => {
    await expectMutationRejected(api, 'registerCompany', { id: 'number-co', name: 42 }, 'BAD_USER_INPUT', ['input.name']);
    await expectRejected(api, literalMutation('registerCompany', { id: 'number-co', name: new RawLiteral('42') }), undefined, 'BAD_USER_INPUT', [
      'input.name',
    ]);
  });

  it('When the idempotency key holds a NUL character, then BAD_USER_INPUT on input.idempotencyKey', async () => {
    await expectMutationRejected(api, 'registerCompany', { id: 'nul-key-co', name: 'Key Co', idempotencyKey: 'k\u0000' }, 'BAD_USER_INPUT', [
      'input.idempotencyKey',
    ]);
  });
});
