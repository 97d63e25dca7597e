import type { TalentDeparted } from './events';
import { evolvePerson, evolveTalentMove } from './evolve';
import type { DomainEvent } from '../ledger/events';
import { givenEvents, recorded } from '../ledger/testing/decider-spec';
import { cite } from '../ledger/testing/fixtures';
import { ProjectionError } from '../ledger/row-meta';

const departure = (moveId: string, personName: string, toCompanyId: string | null): DomainEvent<TalentDeparted> => ({
  type: 'TALENT_DEPARTED',
  streamId: moveId,
  data: { moveId, personId: 'clive-chan', personName, fromCompanyId: 'openai', toCompanyId, role: 'Hardware' },
  citations: [cite('reckoning')],
  occurredOn: '2026-06-06',
});

const first = recorded(departure('move-1', 'Clive Chan', 'anthropic'), { position: 2, version: 1, recordedAt: '2026-06-06T00:00:02.000Z' });
const second = recorded(departure('move-2', 'C. Chan', null), { position: 7, version: 1, recordedAt: '2026-06-06T00:00:07.000Z' });

describe('evolvePerson', () => {
  it('Given a first departure, Then the person with version 0 (no stream of their own)', () => {
    givenEvents(first).thenRow('people', 'clive-chan', {
      id: 'clive-chan',
      version: 0,
      position: '2',
      createdPosition: '2',
      recordedAt: '2026-06-06T00:00:02.000Z',
      updatedAt: '2026-06-06T00:00:02.000Z',
      name: 'Clive Chan',
    });
  });

  it('Given a later departure, Then only position and updatedAt move; the first name is kept', () => {
    givenEvents(first, second).thenRow('people', 'clive-chan', {
      id: 'clive-chan',
      version: 0,
      position: '7',
      createdPosition: '2',
      recordedAt: '2026-06-06T00:00:02.000Z',
      updatedAt: '2026-06-06T00:00:07.000Z',
      name: 'Clive Chan',
    });
  });

  it('refuses events about someone else', () => {
    const person = evolvePerson(null, first);
    const other = recorded({ ...departure('m', 'X', null), data: { ...departure('m', 'X', null).data, personId: 'x' } }, { position: 9, version: 1, recordedAt: '2026-06-06T00:00:09.000Z' });
    expect(() => evolvePerson(person, other)).toThrow(ProjectionError);
  });
});

describe('evolveTalentMove', () => {
  it('Given TALENT_DEPARTED, Then the move, announced on the event date', () => {
    givenEvents(first).thenRow('talent_moves', 'move-1', {
      id: 'move-1',
      version: 1,
      position: '2',
      createdPosition: '2',
      recordedAt: '2026-06-06T00:00:02.000Z',
      updatedAt: '2026-06-06T00:00:02.000Z',
      personId: 'clive-chan',
      fromCompanyId: 'openai',
      toCompanyId: 'anthropic',
      role: 'Hardware',
      announcedOn: '2026-06-06',
      citations: [cite('reckoning')],
      retracted: false,
      retractionReason: null,
    });
  });

  it('Given its retraction, Then retracted', () => {
    const move = evolveTalentMove(null, first);
    const retracted = evolveTalentMove(
      move,
      recorded(
        { type: 'ENTRY_RETRACTED', streamId: 'move-1', data: { targetId: 'move-1', targetKind: 'TALENT_MOVE', reason: 'Denied' }, citations: [], occurredOn: null },
        { position: 8, version: 2, recordedAt: '2026-06-06T00:00:08.000Z' },
      ),
    );
    expect(retracted).toMatchObject({ retracted: true, retractionReason: 'Denied', version: 2, position: '8', updatedAt: '2026-06-06T00:00:08.000Z' });
  });
});
