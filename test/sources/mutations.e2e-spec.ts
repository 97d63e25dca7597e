import { startTestApp, type TestApp } from '@ledger/testing';
import {
  expectMutationRejected,
  expectOneEventAppended,
  ledgerHead,
  mutate,
  MUTATIONS,
  VALID,
} from '@ledger/testing/ledger-writes';

describe('Given the seeded ledger, registerSource', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('When a journalist registers a source, then one SOURCE_REGISTERED event is appended and the source reads back', async () => {
    const { payload, before } = await mutate(api, 'registerSource', VALID.registerSource('example-news-1'));

    await expectOneEventAppended(api, before, payload.event, {
      type: 'SOURCE_REGISTERED',
      streamId: 'example-news-1',
      version: 1,
      occurredOn: '2026-05-21',
    });
    expect(payload.source).toEqual({
      id: 'example-news-1',
      url: 'https://example.com/news/1',
      title: 'A new source',
      publisher: 'Example News',
      author: 'Jo Writer',
      kind: 'ARTICLE',
      publishedOn: '2026-05-21',
    });
    expect(payload.event.citations).toEqual([]);
    expect(payload.event.data).toMatchObject({ sourceId: 'example-news-1', title: 'A new source', kind: 'ARTICLE' });
    const read = await api.data<{ source: { title: string } }>('{ source(id: "example-news-1") { title } }');
    expect(read.source.title).toBe('A new source');
  });

  it('When only the required fields are given, then the optional ones read back as null', async () => {
    const { payload, before } = await mutate(api, 'registerSource', { id: 'bare-source', title: 'Bare', kind: 'OTHER' });

    await expectOneEventAppended(api, before, payload.event, { type: 'SOURCE_REGISTERED', streamId: 'bare-source', version: 1, occurredOn: null });
    expect(payload.source).toEqual({ id: 'bare-source', url: null, title: 'Bare', publisher: null, author: null, kind: 'OTHER', publishedOn: null });
  });

  it('When the same request is retried with its idempotency key, then the first event is returned and nothing is appended', async () => {
    const input = { ...VALID.registerSource('retried-source'), idempotencyKey: 'source-key-1' };
    const first = await mutate(api, 'registerSource', input);
    const head = await ledgerHead(api);

    const again = await api.data<{ registerSource: { source: { id: string }; event: { id: string; position: string } } }>(
      MUTATIONS.registerSource,
      { input },
    );

    expect(again.registerSource.event.id).toBe(first.payload.event.id);
    expect(again.registerSource.event.position).toBe(first.payload.event.position);
    expect(again.registerSource.source.id).toBe('retried-source');
    expect(await ledgerHead(api)).toEqual(head);
  });

  it('When the idempotency key is reused with another input, then IDEMPOTENCY_KEY_REUSED and nothing is appended', async () => {
    await mutate(api, 'registerSource', { ...VALID.registerSource('keyed-source'), idempotencyKey: 'source-key-2' });

    await expectMutationRejected(
      api,
      'registerSource',
      { ...VALID.registerSource('keyed-source'), title: 'Another title', idempotencyKey: 'source-key-2' },
      'IDEMPOTENCY_KEY_REUSED',
    );
  });
});
