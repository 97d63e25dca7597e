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

describe('Given the seeded ledger, the claim mutations', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('When a journalist records a valuation claim, then one VALUATION_CLAIMED event is appended and the claim reads back', async () => {
    const input = { ...VALID.claimValuation('openai-valuation-2026'), statement: 'OpenAI is worth $500B.' };
    const { payload, before } = await mutate(api, 'claimValuation', input);

    await expectOneEventAppended(api, before, payload.event, {
      type: 'VALUATION_CLAIMED',
      streamId: 'openai-valuation-2026',
      version: 1,
      occurredOn: '2026-05-20',
    });
    expectSeedCitation(payload.event);
    expect(payload.event.data).toMatchObject({ claimId: 'openai-valuation-2026', companyId: 'openai', metric: 'VALUATION' });
    expect(payload.claim).toMatchObject({
      id: 'openai-valuation-2026',
      kind: 'VALUATION',
      statement: 'OpenAI is worth $500B.',
      author: 'A press report',
      subjects: [{ id: 'openai' }],
      metric: 'VALUATION',
      value: { value: '500000000000', unit: 'USD', per: null },
      fiscalPeriod: '2026',
      occurredOn: '2026-05-20',
      status: 'STANDING',
      version: 1,
    });
  });

  it('When a valuation claim comes without id or statement, then the server makes a slug id and composes the statement', async () => {
    const { payload, before } = await mutate(api, 'claimValuation', VALID.claimValuation());

    const id = payload.claim.id as string;
    expect(id).toMatch(SLUG);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(id.startsWith('openai-valuation-2026')).toBe(true);
    await expectOneEventAppended(api, before, payload.event, { type: 'VALUATION_CLAIMED', streamId: id, version: 1 });
    expect(payload.claim.statement).toBe('openai VALUATION 2026: 500000000000 USD');
  });

  it('When a journalist makes a claim without id, then one CLAIM_MADE event is appended under a generated slug', async () => {
    const { payload, before } = await mutate(api, 'makeClaim', VALID.makeClaim());

    const id = payload.claim.id as string;
    expect(id).toMatch(SLUG);
    expect(id.length).toBeLessThanOrEqual(100);
    await expectOneEventAppended(api, before, payload.event, { type: 'CLAIM_MADE', streamId: id, version: 1, occurredOn: '2026-05-20' });
    expectSeedCitation(payload.event);
    expect(payload.claim).toMatchObject({
      kind: 'ASSERTION',
      statement: 'OpenAI will build its own chips by 2028.',
      author: 'An analyst',
      subjects: [{ id: 'openai' }],
      metric: null,
      value: null,
      status: 'STANDING',
      version: 1,
    });
  });

  it('When a journalist makes a claim with an id, then that id is used', async () => {
    const { payload, before } = await mutate(api, 'makeClaim', VALID.makeClaim('openai-chips-2028'));
    await expectOneEventAppended(api, before, payload.event, { type: 'CLAIM_MADE', streamId: 'openai-chips-2028', version: 1 });
    expect(payload.claim.id).toBe('openai-chips-2028');
  });

  it('When a reader posts a rebuttal of a claim, then one REBUTTAL_POSTED event is appended and the claim is REFUTED', async () => {
    await mutate(api, 'makeClaim', VALID.makeClaim('claim-to-rebut'));

    const { payload, before } = await mutate(api, 'postRebuttal', { ...VALID.postRebuttal(), targetId: 'claim-to-rebut' });

    const id = payload.rebuttal.id as string;
    expect(id).toMatch(SLUG);
    await expectOneEventAppended(api, before, payload.event, { type: 'REBUTTAL_POSTED', streamId: id, version: 1, occurredOn: '2026-06-07' });
    expectSeedCitation(payload.event);
    expect(payload.event.data).toMatchObject({ rebuttalId: id, targetId: 'claim-to-rebut', rootClaimId: 'claim-to-rebut', stance: 'REFUTES' });
    expect(payload.rebuttal).toMatchObject({
      stance: 'REFUTES',
      author: 'A reader',
      text: 'The leases are priced at market rates.',
      status: 'STANDING',
      version: 1,
      target: { id: 'claim-to-rebut' },
      root: { id: 'claim-to-rebut' },
    });
    const read = await api.data<{ claim: { status: string; contested: boolean } }>('{ claim(id: "claim-to-rebut") { status contested } }');
    expect(read.claim).toEqual({ status: 'REFUTED', contested: true });
  });

  it('When a reader rebuts a seeded rebuttal with an id, then it joins the root claim thread', async () => {
    const { payload, before } = await mutate(api, 'postRebuttal', {
      ...VALID.postRebuttal('r-market-rates'),
      targetId: 'r-conflict-not-circular',
      stance: 'SUPPORTS',
    });
    await expectOneEventAppended(api, before, payload.event, { type: 'REBUTTAL_POSTED', streamId: 'r-market-rates', version: 1 });
    expect(payload.rebuttal).toMatchObject({ id: 'r-market-rates', target: { id: 'r-conflict-not-circular' }, root: { id: 'circular-compute-deals' } });
  });

  it('When a claim without id is retried with its idempotency key, then the same generated id and event come back and nothing is appended', async () => {
    const input = { ...VALID.makeClaim(), idempotencyKey: 'claim-key-1' };
    const first = await mutate(api, 'makeClaim', input);
    const head = await ledgerHead(api);

    const again = await api.data<{ makeClaim: { claim: { id: string }; event: { id: string } } }>(MUTATIONS.makeClaim, { input });

    expect(again.makeClaim.event.id).toBe(first.payload.event.id);
    expect(again.makeClaim.claim.id).toBe(first.payload.claim.id);
    expect(await ledgerHead(api)).toEqual(head);
  });

  it('When a valuation claim and a rebuttal are retried with their keys, then nothing is appended', async () => {
    const valuation = { ...VALID.claimValuation(), idempotencyKey: 'claim-key-2' };
    const rebuttal = { ...VALID.postRebuttal(), idempotencyKey: 'claim-key-3' };
    const firstValuation = await mutate(api, 'claimValuation', valuation);
    const firstRebuttal = await mutate(api, 'postRebuttal', rebuttal);
    const head = await ledgerHead(api);

    const againValuation = await api.data<{ claimValuation: { claim: { id: string }; event: { id: string } } }>(MUTATIONS.claimValuation, {
      input: valuation,
    });
    const againRebuttal = await api.data<{ postRebuttal: { rebuttal: { id: string }; event: { id: string } } }>(MUTATIONS.postRebuttal, {
      input: rebuttal,
    });

    expect(againValuation.claimValuation.event.id).toBe(firstValuation.payload.event.id);
    expect(againValuation.claimValuation.claim.id).toBe(firstValuation.payload.claim.id);
    expect(againRebuttal.postRebuttal.event.id).toBe(firstRebuttal.payload.event.id);
    expect(againRebuttal.postRebuttal.rebuttal.id).toBe(firstRebuttal.payload.rebuttal.id);
    expect(await ledgerHead(api)).toEqual(head);
  });

  it('When the idempotency key is reused with another input, then IDEMPOTENCY_KEY_REUSED and nothing is appended', async () => {
    await mutate(api, 'makeClaim', { ...VALID.makeClaim(), idempotencyKey: 'claim-key-4' });

    await expectMutationRejected(
      api,
      'makeClaim',
      { ...VALID.makeClaim(), statement: 'Something else entirely.', idempotencyKey: 'claim-key-4' },
      'IDEMPOTENCY_KEY_REUSED',
    );
  });

  it('When the idempotency key is reused by another mutation, then IDEMPOTENCY_KEY_REUSED', async () => {
    await mutate(api, 'claimValuation', { ...VALID.claimValuation(), idempotencyKey: 'claim-key-5' });

    await expectMutationRejected(api, 'makeClaim', { ...VALID.makeClaim(), idempotencyKey: 'claim-key-5' }, 'IDEMPOTENCY_KEY_REUSED');
  });
});
