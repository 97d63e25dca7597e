import type { ClaimMade, RebuttalPosted, ValuationClaimed } from './events';
import { evolveClaim, evolveRebuttal } from './evolve';
import type { DomainEvent, EntryRetracted } from '../ledger/events';
import { givenEvents, recorded } from '../ledger/testing/decider-spec';
import { amount, cite } from '../ledger/testing/fixtures';
import { ProjectionError } from '../ledger/row-meta';

const valuation: DomainEvent<ValuationClaimed> = {
  type: 'VALUATION_CLAIMED',
  streamId: 'xai-revenue-fy2025',
  data: {
    claimId: 'xai-revenue-fy2025',
    companyId: 'xai',
    metric: 'REVENUE',
    value: amount('3200000000'),
    fiscalPeriod: 'FY2025',
    author: 'SpaceX S-1 filing',
    statement: 'xai REVENUE FY2025: 3200000000 USD',
  },
  citations: [cite('techmeme-260520-p50', { role: 'PRIMARY' })],
  occurredOn: '2026-05-20',
};

const assertion: DomainEvent<ClaimMade> = {
  type: 'CLAIM_MADE',
  streamId: 'circular',
  data: { claimId: 'circular', statement: 'Circular finance', author: 'Commentators', subjectIds: ['spacex', 'xai'] },
  citations: [cite('reckoning')],
  occurredOn: '2026-06-06',
};

const rebuttal: DomainEvent<RebuttalPosted> = {
  type: 'REBUTTAL_POSTED',
  streamId: 'r-1',
  data: { rebuttalId: 'r-1', targetId: 'circular', rootClaimId: 'circular', stance: 'REFUTES', author: 'commenter', text: 'No.' },
  citations: [cite('thread')],
  occurredOn: null,
};

const retraction = (targetId: string, targetKind: 'CLAIM' | 'REBUTTAL'): DomainEvent<EntryRetracted> => ({
  type: 'ENTRY_RETRACTED',
  streamId: targetId,
  data: { targetId, targetKind, reason: 'Withdrawn by the author' },
  citations: [],
  occurredOn: null,
});

describe('evolveClaim', () => {
  it('Given VALUATION_CLAIMED, Then a VALUATION claim about its company', () => {
    givenEvents(recorded(valuation, { position: 3, version: 1, recordedAt: '2026-06-06T00:00:03.000Z' })).thenRow(
      'claims',
      'xai-revenue-fy2025',
      {
        id: 'xai-revenue-fy2025',
        version: 1,
        position: '3',
        createdPosition: '3',
        recordedAt: '2026-06-06T00:00:03.000Z',
        updatedAt: '2026-06-06T00:00:03.000Z',
        kind: 'VALUATION',
        statement: 'xai REVENUE FY2025: 3200000000 USD',
        author: 'SpaceX S-1 filing',
        subjectIds: ['xai'],
        metric: 'REVENUE',
        value: amount('3200000000'),
        fiscalPeriod: 'FY2025',
        citations: [cite('techmeme-260520-p50', { role: 'PRIMARY' })],
        occurredOn: '2026-05-20',
        retracted: false,
        retractionReason: null,
      },
    );
  });

  it('Given CLAIM_MADE, Then an ASSERTION without metric or value', () => {
    const claim = evolveClaim(null, recorded(assertion, { position: 4, version: 1, recordedAt: '2026-06-06T00:00:04.000Z' }));
    expect(claim).toMatchObject({ kind: 'ASSERTION', subjectIds: ['spacex', 'xai'], metric: null, value: null, fiscalPeriod: null, occurredOn: '2026-06-06' });
  });

  it('Given its retraction, Then retracted with the reason, version and position moved, recordedAt kept', () => {
    const claim = givenEvents(
      recorded(assertion, { position: 4, version: 1, recordedAt: '2026-06-06T00:00:04.000Z' }),
      recorded(retraction('circular', 'CLAIM'), { position: 8, version: 2, recordedAt: '2026-06-06T00:00:08.000Z' }),
    ).row('claims', 'circular');
    expect(claim).toMatchObject({
      version: 2,
      position: '8',
      recordedAt: '2026-06-06T00:00:04.000Z',
      updatedAt: '2026-06-06T00:00:08.000Z',
      retracted: true,
      retractionReason: 'Withdrawn by the author',
      statement: 'Circular finance',
    });
  });

  it('refuses a retraction of another entry and a retraction without a row', () => {
    const claim = evolveClaim(null, recorded(assertion, { position: 4, version: 1, recordedAt: '2026-06-06T00:00:04.000Z' }));
    const other = recorded(retraction('other', 'CLAIM'), { position: 5, version: 2, recordedAt: '2026-06-06T00:00:05.000Z' });
    expect(() => evolveClaim(claim, other)).toThrow(ProjectionError);
    expect(() => evolveClaim(null, other)).toThrow(ProjectionError);
  });
});

describe('evolveRebuttal', () => {
  it('Given REBUTTAL_POSTED, Then the rebuttal row with its target and root', () => {
    givenEvents(recorded(rebuttal, { position: 6, version: 1, recordedAt: '2026-06-06T00:00:06.000Z' })).thenRow('rebuttals', 'r-1', {
      id: 'r-1',
      version: 1,
      position: '6',
      createdPosition: '6',
      recordedAt: '2026-06-06T00:00:06.000Z',
      updatedAt: '2026-06-06T00:00:06.000Z',
      targetId: 'circular',
      rootClaimId: 'circular',
      stance: 'REFUTES',
      author: 'commenter',
      text: 'No.',
      citations: [cite('thread')],
      occurredOn: null,
      retracted: false,
      retractionReason: null,
    });
  });

  it('Given its retraction, Then retracted', () => {
    const row = evolveRebuttal(null, recorded(rebuttal, { position: 6, version: 1, recordedAt: '2026-06-06T00:00:06.000Z' }));
    const retracted = evolveRebuttal(row, recorded(retraction('r-1', 'REBUTTAL'), { position: 7, version: 2, recordedAt: '2026-06-06T00:00:07.000Z' }));
    expect(retracted).toMatchObject({ retracted: true, retractionReason: 'Withdrawn by the author', version: 2, position: '7' });
    expect(row.retracted).toBe(false);
  });
});
