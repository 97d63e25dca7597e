import { startTestApp, type TestApp } from '@ledger/testing';
import {
  CITATION,
  expectMutationRejected,
  expectOneEventAppended,
  expectSeedCitation,
  ledgerHead,
  mutate,
  MUTATIONS,
  VALID,
} from '@ledger/testing/ledger-writes';

describe('Given the seeded ledger, the deal mutations', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('When a journalist signs a deal, then one DEAL_SIGNED event is appended and the deal reads back with its terms', async () => {
    const { payload, before } = await mutate(api, 'signDeal', VALID.signDeal('openai-google-supply'));

    await expectOneEventAppended(api, before, payload.event, {
      type: 'DEAL_SIGNED',
      streamId: 'openai-google-supply',
      version: 1,
      occurredOn: '2026-05-20',
    });
    expectSeedCitation(payload.event);
    expect(payload.event.data).toMatchObject({ dealId: 'openai-google-supply', kind: 'SUPPLY', signedOn: '2026-05-20' });
    expect(payload.deal).toEqual({
      id: 'openai-google-supply',
      title: 'OpenAI compute supply to Google',
      kind: 'SUPPLY',
      signedOn: '2026-05-20',
      version: 1,
      terminatedOn: null,
      parties: [
        { company: { id: 'openai' }, role: 'PROVIDER' },
        { company: { id: 'google' }, role: 'CUSTOMER' },
      ],
      terms: expect.arrayContaining([
        { key: 'payment', amount: { value: '1250000000', unit: 'USD', per: 'MONTH' }, date: null, days: null, text: null, effectiveOn: '2026-05-20' },
        { key: 'starts_on', amount: null, date: '2026-06-01', days: null, text: null, effectiveOn: '2026-05-20' },
        { key: 'notice_period', amount: null, date: null, days: 30, text: null, effectiveOn: '2026-05-20' },
        { key: 'capacity', amount: null, date: null, days: null, text: '1 GW', effectiveOn: '2026-05-20' },
      ]),
      citations: [{ source: { id: CITATION.sourceId }, quote: CITATION.quote, locator: CITATION.locator, role: 'PRIMARY' }],
    });
    expect(payload.deal.terms).toHaveLength(4);
  });

  it('When a citation leaves out its role, then it is SUPPORTING', async () => {
    const input = { ...VALID.signDeal('deal-default-role'), citations: [{ sourceId: 'dispatch-008' }] };
    const { payload } = await mutate(api, 'signDeal', input);
    expect(payload.event.citations).toEqual([{ source: { id: 'dispatch-008', title: expect.any(String) }, quote: null, locator: null, role: 'SUPPORTING' }]);
  });

  it('When a journalist amends a deal at its version, then one DEAL_AMENDED event (version +1) replaces the term from effectiveOn', async () => {
    await mutate(api, 'signDeal', VALID.signDeal('deal-to-amend'));

    const { payload, before } = await mutate(api, 'amendDeal', { ...VALID.amendDeal('deal-to-amend'), expectedVersion: 1 });

    await expectOneEventAppended(api, before, payload.event, { type: 'DEAL_AMENDED', streamId: 'deal-to-amend', version: 2, occurredOn: '2026-07-01' });
    expectSeedCitation(payload.event);
    expect(payload.event.data).toMatchObject({ dealId: 'deal-to-amend', effectiveOn: '2026-07-01', reason: 'Price raised' });
    expect(payload.deal.version).toBe(2);
    const payment = (payload.deal.terms as { key: string }[]).find((term) => term.key === 'payment');
    expect(payment).toMatchObject({ amount: { value: '1500000000', unit: 'USD', per: 'MONTH' }, effectiveOn: '2026-07-01' });
    expect(payment).toMatchObject({ revisions: [{ event: { id: expect.any(String) } }, { event: { id: payload.event.id } }] });
  });

  it('When a journalist terminates a deal, then one DEAL_TERMINATED event is appended and the deal is TERMINATED', async () => {
    await mutate(api, 'signDeal', VALID.signDeal('deal-to-terminate'));

    const { payload, before } = await mutate(api, 'terminateDeal', { ...VALID.terminateDeal('deal-to-terminate'), expectedVersion: 1 });

    await expectOneEventAppended(api, before, payload.event, {
      type: 'DEAL_TERMINATED',
      streamId: 'deal-to-terminate',
      version: 2,
      occurredOn: '2026-08-01',
    });
    expectSeedCitation(payload.event);
    expect(payload.event.data).toEqual({ dealId: 'deal-to-terminate', terminatedOn: '2026-08-01', reason: 'Cancelled with notice' });
    expect(payload.deal).toEqual({ id: 'deal-to-terminate', version: 2, terminatedOn: '2026-08-01', status: 'TERMINATED' });
  });

  it('When an amendment carries a stale expectedVersion, then CONCURRENCY_CONFLICT with both versions and nothing is appended', async () => {
    await mutate(api, 'signDeal', VALID.signDeal('deal-stale-amend'));
    await mutate(api, 'amendDeal', { ...VALID.amendDeal('deal-stale-amend'), expectedVersion: 1 });

    const extensions = await expectMutationRejected(
      api,
      'amendDeal',
      { ...VALID.amendDeal('deal-stale-amend'), expectedVersion: 1 },
      'CONCURRENCY_CONFLICT',
    );
    expect(extensions).toMatchObject({ expectedVersion: 1, actualVersion: 2 });
  });

  it('When a termination carries a stale expectedVersion, then CONCURRENCY_CONFLICT with both versions and nothing is appended', async () => {
    // The seeded spacex-anthropic-compute deal is at version 3 (signed, amended twice).
    const extensions = await expectMutationRejected(
      api,
      'terminateDeal',
      { ...VALID.terminateDeal('spacex-anthropic-compute'), expectedVersion: 2 },
      'CONCURRENCY_CONFLICT',
    );
    expect(extensions).toMatchObject({ expectedVersion: 2, actualVersion: 3 });
  });

  it('When a signing is retried with its idempotency key, then the first event is returned and nothing is appended', async () => {
    const input = { ...VALID.signDeal('deal-retried'), idempotencyKey: 'deal-key-1' };
    const first = await mutate(api, 'signDeal', input);
    const head = await ledgerHead(api);

    const again = await api.data<{ signDeal: { deal: { id: string; version: number }; event: { id: string } } }>(MUTATIONS.signDeal, { input });

    expect(again.signDeal.event.id).toBe(first.payload.event.id);
    expect(again.signDeal.deal).toMatchObject({ id: 'deal-retried', version: 1 });
    expect(await ledgerHead(api)).toEqual(head);
  });

  it('When an amendment is retried with its idempotency key after the deal moved on, then the first event is returned and nothing is appended', async () => {
    await mutate(api, 'signDeal', VALID.signDeal('deal-retried-amend'));
    const input = { ...VALID.amendDeal('deal-retried-amend'), expectedVersion: 1, idempotencyKey: 'deal-key-2' };
    const first = await mutate(api, 'amendDeal', input);
    const head = await ledgerHead(api);

    const again = await api.data<{ amendDeal: { event: { id: string; version: number } } }>(MUTATIONS.amendDeal, { input });

    expect(again.amendDeal.event).toMatchObject({ id: first.payload.event.id, version: 2 });
    expect(await ledgerHead(api)).toEqual(head);
  });

  it('When the idempotency key is reused with another input, then IDEMPOTENCY_KEY_REUSED and nothing is appended', async () => {
    await mutate(api, 'signDeal', { ...VALID.signDeal('deal-keyed'), idempotencyKey: 'deal-key-3' });

    await expectMutationRejected(
      api,
      'signDeal',
      { ...VALID.signDeal('deal-keyed'), title: 'Another title', idempotencyKey: 'deal-key-3' },
      'IDEMPOTENCY_KEY_REUSED',
    );
  });

  it('Then the hash chain of everything written verifies', async () => {
    const data = await api.data<{ verifyLedger: { ok: boolean } }>('{ verifyLedger { ok } }');
    expect(data.verifyLedger.ok).toBe(true);
  });
});
