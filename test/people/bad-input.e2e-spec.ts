import { startTestApp, type TestApp } from '@ledger/testing';
import { expectMutationRejected, IMPOSSIBLE_DATES, NOT_SLUGS, VALID, without } from '@ledger/testing/ledger-writes';

describe('Given the seeded ledger, recordTalentDeparture with bad input', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('When the company left is unknown, then NOT_FOUND on input.fromCompanyId and nothing is appended', async () => {
    await expectMutationRejected(api, 'recordTalentDeparture', { ...VALID.recordTalentDeparture(), fromCompanyId: 'no-such-company' }, 'NOT_FOUND', [
      'input.fromCompanyId',
    ]);
  });

  it('When the company joined is unknown, then NOT_FOUND on input.toCompanyId', async () => {
    await expectMutationRejected(api, 'recordTalentDeparture', { ...VALID.recordTalentDeparture(), toCompanyId: 'no-such-company' }, 'NOT_FOUND', [
      'input.toCompanyId',
    ]);
  });

  it('When a citation names an unknown source, then NOT_FOUND on its sourceId', async () => {
    await expectMutationRejected(
      api,
      'recordTalentDeparture',
      { ...VALID.recordTalentDeparture(), citations: [{ sourceId: 'no-such-source' }] },
      'NOT_FOUND',
      ['input.citations.0.sourceId'],
    );
  });

  it('When the move id is taken by another move or by a company, then ALREADY_EXISTS', async () => {
    await expectMutationRejected(api, 'recordTalentDeparture', VALID.recordTalentDeparture('clive-chan-openai-anthropic'), 'ALREADY_EXISTS');
    await expectMutationRejected(api, 'recordTalentDeparture', VALID.recordTalentDeparture('google'), 'ALREADY_EXISTS');
  });

  it('When the person id is taken by another kind (a company), then ALREADY_EXISTS', async () => {
    const extensions = await expectMutationRejected(
      api,
      'recordTalentDeparture',
      { ...VALID.recordTalentDeparture(), person: { id: 'xai', name: 'Not a person' } },
      'ALREADY_EXISTS',
    );
    expect(extensions).toMatchObject({ id: 'xai' });
  });

  it.each(NOT_SLUGS)('When the move id is %j, then BAD_USER_INPUT on input.id', async (id) => {
    await expectMutationRejected(api, 'recordTalentDeparture', VALID.recordTalentDeparture(id), 'BAD_USER_INPUT', ['input.id']);
  });

  it.each(NOT_SLUGS)('When the person id is %j, then BAD_USER_INPUT on input.person.id', async (id) => {
    await expectMutationRejected(api, 'recordTalentDeparture', { ...VALID.recordTalentDeparture(), person: { id, name: 'Ada' } }, 'BAD_USER_INPUT', [
      'input.person.id',
    ]);
  });

  it.each(IMPOSSIBLE_DATES)('When announcedOn is %j, then BAD_USER_INPUT on input.announcedOn', async (date) => {
    await expectMutationRejected(api, 'recordTalentDeparture', { ...VALID.recordTalentDeparture(), announcedOn: date }, 'BAD_USER_INPUT', [
      'input.announcedOn',
    ]);
  });

  it('When citations are empty, then BAD_USER_INPUT on input.citations', async () => {
    await expectMutationRejected(api, 'recordTalentDeparture', { ...VALID.recordTalentDeparture(), citations: [] }, 'BAD_USER_INPUT', ['input.citations']);
  });

  it('When the person leaves for the company they leave, then BAD_USER_INPUT on input.toCompanyId', async () => {
    await expectMutationRejected(api, 'recordTalentDeparture', { ...VALID.recordTalentDeparture(), toCompanyId: 'google' }, 'BAD_USER_INPUT', [
      'input.toCompanyId',
    ]);
  });

  it('When the person name holds a NUL character, then BAD_USER_INPUT on input.person.name', async () => {
    await expectMutationRejected(api, 'recordTalentDeparture', { ...VALID.recordTalentDeparture(), person: { name: 'A\u0000' } }, 'BAD_USER_INPUT', [
      'input.person.name',
    ]);
  });

  it('When the person leaves out the required name, then BAD_USER_INPUT on input.person.name', async () => {
    await expectMutationRejected(api, 'recordTalentDeparture', without(VALID.recordTalentDeparture(), 'person.name'), 'BAD_USER_INPUT', [
      'input.person.name',
    ]);
  });

  it('When the required person is missing, then BAD_USER_INPUT on input.person', async () => {
    await expectMutationRejected(api, 'recordTalentDeparture', without(VALID.recordTalentDeparture(), 'person'), 'BAD_USER_INPUT', ['input.person']);
  });
});
