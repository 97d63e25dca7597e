import { startTestApp, type TestApp } from '@ledger/testing';
import {
  expectMutationRejected,
  expectOneEventAppended,
  ledgerHead,
  mutate,
  MUTATIONS,
  VALID,
} from '@ledger/testing/ledger-writes';

describe('Given the seeded ledger, registerCompany', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('When a journalist registers a company, then one COMPANY_REGISTERED event is appended and the company reads back', async () => {
    const { payload, before } = await mutate(api, 'registerCompany', VALID.registerCompany('nvidia'));

    await expectOneEventAppended(api, before, payload.event, { type: 'COMPANY_REGISTERED', streamId: 'nvidia', version: 1, occurredOn: null });
    expect(payload.company).toEqual({ id: 'nvidia', name: 'Nvidia', aliases: ['NVIDIA Corporation', 'NVDA'] });
    expect(payload.event.data).toEqual({ companyId: 'nvidia', name: 'Nvidia', aliases: ['NVIDIA Corporation', 'NVDA'] });
    expect(payload.event.citations).toEqual([]);
    const read = await api.data<{ company: { name: string; history: { id: string }[] } }>('{ company(id: "nvidia") { name history { id } } }');
    expect(read.company).toEqual({ name: 'Nvidia', history: [{ id: payload.event.id }] });
  });

  it('When aliases are left out, then the company has none', async () => {
    const { payload, before } = await mutate(api, 'registerCompany', { id: 'meta', name: 'Meta' });

    await expectOneEventAppended(api, before, payload.event, { type: 'COMPANY_REGISTERED', streamId: 'meta', version: 1 });
    expect(payload.company).toEqual({ id: 'meta', name: 'Meta', aliases: [] });
  });

  it('When the same request is retried with its idempotency key, then the first event is returned and nothing is appended', async () => {
    const input = { ...VALID.registerCompany('amd'), idempotencyKey: 'company-key-1' };
    const first = await mutate(api, 'registerCompany', input);
    const head = await ledgerHead(api);

    const again = await api.data<{ registerCompany: { company: { id: string }; event: { id: string } } }>(MUTATIONS.registerCompany, { input });

    expect(again.registerCompany.event.id).toBe(first.payload.event.id);
    expect(again.registerCompany.company.id).toBe('amd');
    expect(await ledgerHead(api)).toEqual(head);
  });

  it('When the idempotency key is reused with another input, then IDEMPOTENCY_KEY_REUSED and nothing is appended', async () => {
    await mutate(api, 'registerCompany', { ...VALID.registerCompany('intel'), idempotencyKey: 'company-key-2' });

    await expectMutationRejected(api, 'registerCompany', { id: 'tsmc', name: 'TSMC', idempotencyKey: 'company-key-2' }, 'IDEMPOTENCY_KEY_REUSED');
  });
});
