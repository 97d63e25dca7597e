import { evolveSource } from './evolve';
import { givenEvents, recorded } from '../ledger/testing/decider-spec';
import { ProjectionError } from '../ledger/row-meta';
import type { DomainEvent } from '../ledger/events';
import type { SourceRegistered } from './events';

const registered: DomainEvent<SourceRegistered> = {
  type: 'SOURCE_REGISTERED',
  streamId: 'dispatch-008',
  data: {
    sourceId: 'dispatch-008',
    url: null,
    title: 'The Compute Company Inside the Rocket Company',
    publisher: 'Dispatch 008',
    author: 'Lenar Kess',
    kind: 'PODCAST',
    publishedOn: '2026-05-20',
  },
  citations: [],
  occurredOn: '2026-05-20',
};

describe('evolveSource', () => {
  it('Given SOURCE_REGISTERED, Then the source row', () => {
    givenEvents(recorded(registered, { position: 2, version: 1, recordedAt: '2026-06-06T00:00:02.000Z' })).thenRow('sources', 'dispatch-008', {
      id: 'dispatch-008',
      version: 1,
      position: '2',
      createdPosition: '2',
      recordedAt: '2026-06-06T00:00:02.000Z',
      updatedAt: '2026-06-06T00:00:02.000Z',
      url: null,
      title: 'The Compute Company Inside the Rocket Company',
      publisher: 'Dispatch 008',
      author: 'Lenar Kess',
      kind: 'PODCAST',
      publishedOn: '2026-05-20',
    });
  });

  it('refuses a second registration', () => {
    const event = recorded(registered, { position: 2, version: 1, recordedAt: '2026-06-06T00:00:02.000Z' });
    expect(() => evolveSource(evolveSource(null, event), event)).toThrow(ProjectionError);
  });
});
