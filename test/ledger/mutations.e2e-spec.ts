import { startTestApp, type TestApp } from '@ledger/testing';
import { expectMutationRejected, expectOneEventAppended, ledgerHead, mutate, MUTATIONS, VALID } from '@ledger/testing/ledger-writes';

describe('Given the seeded ledger, retract', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('When a journalist retracts a claim at its version, then one ENTRY_RETRACTED event is appended on the claim stream and the claim is RETRACTED', async () => {
    await mutate(api, 'makeClaim', VALID.makeClaim('claim-to-retract'));

    const { payload, before } = await mutate(api, 'retract', { ...VALID.retract('claim-to-retract'), expectedVersion: 1 });

    expect(payload.targetId).toBe('claim-to-retract');
    await expectOneEventAppended(api, before, payload.event, { type: 'ENTRY_RETRACTED', streamId: 'claim-to-retract', version: 2, occurredOn: null });
    expect(payload.event.citations).toEqual([]);
    expect(payload.event.data).toEqual({ targetId: 'claim-to-retract', targetKind: 'CLAIM', reason: 'Withdrawn by its author' });
    const read = await api.data<{ claim: { status: string; version: number } }>('{ claim(id: "claim-to-retract") { status version } }');
    expect(read.claim).toEqual({ status: 'RETRACTED', version: 2 });
  });

  it('When a journalist retracts a seeded rebuttal, then it is RETRACTED and its target stands again', async () => {
    // r-conflict-not-circular REFUTES r-ponzi-style; retracting it lets r-ponzi-style stand.
    const { payload, before } = await mutate(api, 'retract', VALID.retract('r-conflict-not-circular'));

    await expectOneEventAppended(api, before, payload.event, { type: 'ENTRY_RETRACTED', streamId: 'r-conflict-not-circular', version: 2 });
    expect(payload.event.data).toMatchObject({ targetKind: 'REBUTTAL' });
    const read = await api.data<{ retracted: { status: string }; target: { status: string } }>(
      '{ retracted: rebuttal(id: "r-conflict-not-circular") { status } target: rebuttal(id: "r-ponzi-style") { status } }',
    );
    expect(read).toEqual({ retracted: { status: 'RETRACTED' }, target: { status: 'STANDING' } });
  });

  it('When a journalist retracts a seeded talent move, then the move reads as retracted', async () => {
    const { payload, before } = await mutate(api, 'retract', VALID.retract('clive-chan-openai-anthropic'));

    await expectOneEventAppended(api, before, payload.event, { type: 'ENTRY_RETRACTED', streamId: 'clive-chan-openai-anthropic', version: 2 });
    expect(payload.event.data).toMatchObject({ targetKind: 'TALENT_MOVE' });
    const read = await api.data<{ person: { moves: { id: string; retracted: boolean }[] } }>('{ person(id: "clive-chan") { moves { id retracted } } }');
    expect(read.person.moves).toEqual([{ id: 'clive-chan-openai-anthropic', retracted: true }]);
  });

  it('When the retraction carries a stale expectedVersion, then CONCURRENCY_CONFLICT with both versions and nothing is appended', async () => {
    await mutate(api, 'makeClaim', VALID.makeClaim('claim-stale-retract'));

    const extensions = await expectMutationRejected(
      api,
      'retract',
      { ...VALID.retract('claim-stale-retract'), expectedVersion: 0 },
      'CONCURRENCY_CONFLICT',
    );
    expect(extensions).toMatchObject({ expectedVersion: 0, actualVersion: 1 });
  });

  it('When a retraction is retried with its idempotency key, then the first event comes back and nothing is appended (not "already retracted")', async () => {
    await mutate(api, 'makeClaim', VALID.makeClaim('claim-retried-retract'));
    const input = { ...VALID.retract('claim-retried-retract'), idempotencyKey: 'retract-key-1' };
    const first = await mutate(api, 'retract', input);
    const head = await ledgerHead(api);

    const again = await api.data<{ retract: { targetId: string; event: { id: string } } }>(MUTATIONS.retract, { input });

    expect(again.retract).toEqual({ targetId: 'claim-retried-retract', event: expect.objectContaining({ id: first.payload.event.id }) });
    expect(await ledgerHead(api)).toEqual(head);
  });

  it('When the idempotency key is reused with another input, then IDEMPOTENCY_KEY_REUSED and nothing is appended', async () => {
    await mutate(api, 'makeClaim', VALID.makeClaim('claim-keyed-retract'));
    await mutate(api, 'retract', { ...VALID.retract('claim-keyed-retract'), idempotencyKey: 'retract-key-2' });

    await expectMutationRejected(
      api,
      'retract',
      { ...VALID.retract('claim-keyed-retract'), reason: 'Another reason', idempotencyKey: 'retract-key-2' },
      'IDEMPOTENCY_KEY_REUSED',
    );
  });
});
