import { startTestApp, type TestApp } from '@ledger/testing';
import {
  expectMutationRejected,
  expectOneEventAppended,
  expectSeedCitation,
  ledgerHead,
  mutate,
  MUTATIONS,
  SLUG,
  VALID,
} from '@ledger/testing/ledger-writes';

describe('Given the seeded ledger, recordTalentDeparture', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('When a departure names a new person without ids, then one TALENT_DEPARTED event is appended, the person id is the slug of the name and the move id a generated slug', async () => {
    const { payload, before } = await mutate(api, 'recordTalentDeparture', VALID.recordTalentDeparture());

    const id = payload.move.id as string;
    expect(id).toMatch(SLUG);
    expect(id.length).toBeLessThanOrEqual(100);
    await expectOneEventAppended(api, before, payload.event, { type: 'TALENT_DEPARTED', streamId: id, version: 1, occurredOn: '2026-05-22' });
    expectSeedCitation(payload.event);
    expect(payload.event.data).toMatchObject({ moveId: id, personId: 'ada-lovelace', fromCompanyId: 'google', toCompanyId: 'openai' });
    expect(payload.move).toMatchObject({
      person: { id: 'ada-lovelace', name: 'Ada Lovelace' },
      from: { id: 'google' },
      to: { id: 'openai' },
      role: 'Chief scientist',
      announcedOn: '2026-05-22',
      retracted: false,
    });
  });

  it('When departures name different people whose names have no letter a-z or digit, without person ids, then each name is its own person, and the same name again is the same person', async () => {
    const depart = (name: string, fromCompanyId: string) =>
      mutate(api, 'recordTalentDeparture', { ...VALID.recordTalentDeparture(), person: { name }, fromCompanyId });

    const first = await depart('李明', 'anthropic');
    const second = await depart('Иван Петров', 'xai');
    const again = await depart('李明', 'google');

    const [firstPerson, secondPerson, againPerson] = [first, second, again].map((departure) => departure.payload.move.person as { id: string; name: string });
    expect(firstPerson).toMatchObject({ name: '李明' });
    expect(secondPerson).toMatchObject({ name: 'Иван Петров' });
    expect(firstPerson.id).toMatch(SLUG);
    expect(secondPerson.id).toMatch(SLUG);
    expect(secondPerson.id).not.toBe(firstPerson.id);
    expect(againPerson.id).toBe(firstPerson.id);
    const read = await api.data<{ person: { name: string; moves: { id: string }[] } }>('query($id: ID!) { person(id: $id) { name moves { id } } }', { id: secondPerson.id });
    expect(read.person).toEqual({ name: 'Иван Петров', moves: [{ id: second.payload.move.id }] });
  });

  it('When a departure names a seeded person by id, with a move id and no destination, then the person gets a second move', async () => {
    const { payload, before } = await mutate(api, 'recordTalentDeparture', {
      id: 'clive-chan-leaves-anthropic',
      person: { id: 'clive-chan', name: 'Clive Chan' },
      fromCompanyId: 'anthropic',
      citations: [{ sourceId: 'dispatch-008' }],
    });

    await expectOneEventAppended(api, before, payload.event, { type: 'TALENT_DEPARTED', streamId: 'clive-chan-leaves-anthropic', version: 1, occurredOn: null });
    expect(payload.move).toMatchObject({ id: 'clive-chan-leaves-anthropic', person: { id: 'clive-chan' }, from: { id: 'anthropic' }, to: null, role: null });
    const read = await api.data<{ person: { moves: { id: string }[] } }>('{ person(id: "clive-chan") { moves { id } } }');
    expect(read.person.moves.map((move) => move.id)).toEqual(expect.arrayContaining(['clive-chan-openai-anthropic', 'clive-chan-leaves-anthropic']));
  });

  it('When a departure is retried with its idempotency key, then the first move and event come back and nothing is appended', async () => {
    const input = { ...VALID.recordTalentDeparture(), person: { name: 'Grace Hopper' }, idempotencyKey: 'move-key-1' };
    const first = await mutate(api, 'recordTalentDeparture', input);
    const head = await ledgerHead(api);

    const again = await api.data<{ recordTalentDeparture: { move: { id: string }; event: { id: string } } }>(MUTATIONS.recordTalentDeparture, {
      input,
    });

    expect(again.recordTalentDeparture.event.id).toBe(first.payload.event.id);
    expect(again.recordTalentDeparture.move.id).toBe(first.payload.move.id);
    expect(await ledgerHead(api)).toEqual(head);
  });

  it('When the idempotency key is reused with another input, then IDEMPOTENCY_KEY_REUSED and nothing is appended', async () => {
    await mutate(api, 'recordTalentDeparture', { ...VALID.recordTalentDeparture(), idempotencyKey: 'move-key-2' });

    await expectMutationRejected(
      api,
      'recordTalentDeparture',
      { ...VALID.recordTalentDeparture(), role: 'Another role', idempotencyKey: 'move-key-2' },
      'IDEMPOTENCY_KEY_REUSED',
    );
  });
});
