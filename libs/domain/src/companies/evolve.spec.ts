import { evolveCompany } from './evolve';
import { givenEvents, recorded } from '../ledger/testing/decider-spec';
import { ProjectionError } from '../ledger/row-meta';

const registered = recorded(
  {
    type: 'COMPANY_REGISTERED',
    streamId: 'spacex',
    data: { companyId: 'spacex', name: 'SpaceX', aliases: ['Space Exploration Technologies'] },
    citations: [],
    occurredOn: null,
  },
  { position: 7, version: 1, recordedAt: '2026-06-06T00:00:07.000Z' },
);

describe('evolveCompany', () => {
  it('Given COMPANY_REGISTERED, Then the company row', () => {
    givenEvents(registered).thenRow('companies', 'spacex', {
      id: 'spacex',
      version: 1,
      position: '7',
      createdPosition: '7',
      recordedAt: '2026-06-06T00:00:07.000Z',
      updatedAt: '2026-06-06T00:00:07.000Z',
      name: 'SpaceX',
      aliases: ['Space Exploration Technologies'],
    });
  });

  it('refuses other events', () => {
    expect(() => evolveCompany(evolveCompany(null, registered), registered)).toThrow(ProjectionError);
  });
});
