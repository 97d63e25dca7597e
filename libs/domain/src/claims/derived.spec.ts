import { argumentStatuses, isContested, isContestedNode, latestStandingClaim, threadStatistics } from './derived';
import type { ArgumentStatus } from './events';
import type { ClaimRow, RebuttalRow } from './read-model';
import { amount, claimRow, rebuttalRow } from '../ledger/testing/fixtures';

/** The circular-finance thread of the seed, positions as the seed records them (21 to 27). */
const claim = claimRow('circular-compute-deals', { author: 'Commentators cited by The Reckoning', position: '21' });
const thread = (overrides: Partial<Record<string, Partial<RebuttalRow>>> = {}): RebuttalRow[] =>
  [
    rebuttalRow('r-rent-costs-more-than-build', 'circular-compute-deals', 'SUPPORTS', '22', { author: 'Roger, financial analyst' }),
    rebuttalRow('r-no-related-party-smell', 'circular-compute-deals', 'REFUTES', '23', { author: 'thread commenter' }),
    rebuttalRow('r-selling-spare-capacity', 'r-no-related-party-smell', 'REFUTES', '24', { author: 'thread commenter' }),
    rebuttalRow('r-both-takes-true', 'r-selling-spare-capacity', 'QUALIFIES', '25', { author: 'thread commenter' }),
    rebuttalRow('r-ponzi-style', 'circular-compute-deals', 'SUPPORTS', '26', { author: 'thread commenter' }),
    rebuttalRow('r-conflict-not-circular', 'r-ponzi-style', 'REFUTES', '27', { author: 'thread commenter' }),
  ].map((row) => ({ ...row, rootClaimId: 'circular-compute-deals', ...(overrides[row.id] ?? {}) }));

describe('argumentStatuses', () => {
  it('Given the seed thread, Then the claim STANDS, r-no-related-party-smell and r-ponzi-style are REFUTED', () => {
    expect(Object.fromEntries(argumentStatuses(claim, thread()))).toEqual({
      'circular-compute-deals': 'STANDING',
      'r-rent-costs-more-than-build': 'STANDING',
      'r-no-related-party-smell': 'REFUTED',
      'r-selling-spare-capacity': 'STANDING',
      'r-both-takes-true': 'STANDING',
      'r-ponzi-style': 'REFUTED',
      'r-conflict-not-circular': 'STANDING',
    });
  });

  it('Given r-selling-spare-capacity is retracted, Then r-no-related-party-smell stands again and refutes the claim', () => {
    const statuses = argumentStatuses(claim, thread({ 'r-selling-spare-capacity': { retracted: true, retractionReason: 'x' } }));
    expect(statuses.get('r-selling-spare-capacity')).toBe('RETRACTED');
    expect(statuses.get('r-no-related-party-smell')).toBe('STANDING');
    expect(statuses.get('circular-compute-deals')).toBe('REFUTED');
  });

  it('Given the claim is retracted, Then RETRACTED whatever its rebuttals', () => {
    expect(argumentStatuses({ ...claim, retracted: true }, thread()).get('circular-compute-deals')).toBe('RETRACTED');
  });

  it('Given SUPPORTS and QUALIFIES only, Then nothing changes status', () => {
    const rows = [
      rebuttalRow('s', 'claim', 'SUPPORTS', '2'),
      rebuttalRow('q', 'claim', 'QUALIFIES', '3'),
    ];
    expect(argumentStatuses(claimRow('claim'), rows).get('claim')).toBe('STANDING');
  });

  it('Given a chain of 20,000 refutations, Then statuses alternate without overflowing the stack', () => {
    const rows: RebuttalRow[] = [];
    for (let index = 1; index <= 20_000; index += 1) {
      rows.push(rebuttalRow(`r${index}`, index === 1 ? 'claim' : `r${index - 1}`, 'REFUTES', String(index + 1)));
    }
    const statuses = argumentStatuses(claimRow('claim'), rows);
    expect(statuses.get('r20000')).toBe('STANDING');
    expect(statuses.get('r19999')).toBe('REFUTED');
    expect(statuses.get('claim')).toBe('STANDING'); // 20,000 refutations: even depth
    expect(threadStatistics(claimRow('claim'), rows).depth).toBe(20_000);
    expect(isContested(claimRow('claim'), rows)).toBe(true);
  });
});

describe('isContested', () => {
  it('Given the seed thread, Then contested (r-no-related-party-smell refutes and is not retracted)', () => {
    expect(isContested(claim, thread())).toBe(true);
  });

  it('Given every REFUTES rebuttal retracted, Then not contested', () => {
    const retracted = { retracted: true, retractionReason: 'x' };
    const rows = thread({
      'r-no-related-party-smell': retracted,
      'r-selling-spare-capacity': retracted,
      'r-conflict-not-circular': retracted,
    });
    expect(isContested(claim, rows)).toBe(false);
  });

  it('Given a deep refutation only, Then contested (any depth counts)', () => {
    const rows = thread({ 'r-no-related-party-smell': { retracted: true }, 'r-selling-spare-capacity': { retracted: true } });
    expect(isContested(claim, rows)).toBe(true); // r-conflict-not-circular, two levels down
  });

  it('Given a rebuttal subtree, Then isContestedNode looks below that node only', () => {
    expect(isContestedNode('r-ponzi-style', thread())).toBe(true);
    expect(isContestedNode('r-rent-costs-more-than-build', thread())).toBe(false);
    expect(isContestedNode('r-selling-spare-capacity', thread())).toBe(false);
  });
});

describe('threadStatistics', () => {
  it('Given the seed thread, Then size 6, depth 3, 3 refutations, 2 supports, 1 qualification', () => {
    expect(threadStatistics(claim, thread())).toEqual({
      size: 6,
      depth: 3,
      refutations: 3,
      supports: 2,
      qualifications: 1,
      participants: ['Commentators cited by The Reckoning', 'Roger, financial analyst', 'thread commenter'],
      lastActivityAt: '2026-06-06T00:00:27.000Z',
    });
  });

  it('Given retracted rebuttals, Then they still count, and a later retraction is the last activity', () => {
    const rows = thread({ 'r-rent-costs-more-than-build': { retracted: true, updatedAt: '2026-07-01T00:00:00.000Z' } });
    expect(threadStatistics(claim, rows)).toMatchObject({ size: 6, supports: 2, lastActivityAt: '2026-07-01T00:00:00.000Z' });
  });

  it('Given no rebuttal, Then size 0, depth 0, the claim author only, no activity', () => {
    expect(threadStatistics(claim, [])).toEqual({
      size: 0,
      depth: 0,
      refutations: 0,
      supports: 0,
      qualifications: 0,
      participants: ['Commentators cited by The Reckoning'],
      lastActivityAt: null,
    });
  });

  it('orders participants by rebuttal position, not by list order', () => {
    const rows = [
      rebuttalRow('late', 'claim', 'SUPPORTS', '10', { author: 'late author', rootClaimId: 'claim' }),
      rebuttalRow('early', 'claim', 'SUPPORTS', '9', { author: 'early author', rootClaimId: 'claim' }),
    ];
    expect(threadStatistics(claimRow('claim', { author: 'claimant' }), rows).participants).toEqual(['claimant', 'early author', 'late author']);
  });
});

describe('latestStandingClaim', () => {
  const valuation = (id: string, occurredOn: string | null, position: string): ClaimRow =>
    claimRow(id, { kind: 'VALUATION', metric: 'VALUATION', value: amount('1'), occurredOn, position });
  const standing = (row: ClaimRow, status: ArgumentStatus = 'STANDING') => ({ claim: row, status });

  it('Given several standing claims, Then the latest by occurredOn wins, null dates being oldest', () => {
    const claims = [
      standing(valuation('undated', null, '50')),
      standing(valuation('may', '2026-05-20', '3')),
      standing(valuation('june', '2026-06-06', '2')),
    ];
    expect(latestStandingClaim(claims, 'VALUATION')?.id).toBe('june');
  });

  it('Given equal dates, Then the later position wins (compared as numbers, "10" after "9")', () => {
    const claims = [standing(valuation('ninth', '2026-06-06', '9')), standing(valuation('tenth', '2026-06-06', '10'))];
    expect(latestStandingClaim(claims, 'VALUATION')?.id).toBe('tenth');
  });

  it('Given the latest claim is refuted or retracted, Then the latest standing one; none of the metric, null', () => {
    const claims = [
      standing(valuation('old', '2026-01-01', '1')),
      standing(valuation('refuted', '2026-06-06', '2'), 'REFUTED'),
      standing(valuation('retracted', '2026-06-07', '3'), 'RETRACTED'),
    ];
    expect(latestStandingClaim(claims, 'VALUATION')?.id).toBe('old');
    expect(latestStandingClaim(claims, 'REVENUE')).toBeNull();
  });
});
