/** Small builders for the domain's specs. */
import type { ClaimRow, RebuttalRow } from '../../claims/read-model';
import type { Stance } from '../../claims/events';
import type { Party, TermValue } from '../../deals/events';
import type { DealRow, DealTermRow, TermRevisionRow } from '../../deals/read-model';
import type { Amount, IsoDate, Period } from '../../shared/values';
import type { Citation } from '../citations';

export function cite(sourceId: string, overrides: Partial<Citation> = {}): Citation {
  return { sourceId, quote: null, locator: null, role: 'SUPPORTING', ...overrides };
}

export function amount(value: string, unit = 'USD', per: Period | null = null): Amount {
  return { value, unit, per };
}

export const paymentTerm = (value: Amount): TermValue => ({ key: 'payment', amount: value, date: null, days: null, text: null });
export const dateTerm = (key: string, date: IsoDate): TermValue => ({ key, amount: null, date, days: null, text: null });
export const daysTerm = (key: string, days: number): TermValue => ({ key, amount: null, date: null, days, text: null });
export const textTerm = (key: string, text: string): TermValue => ({ key, amount: null, date: null, days: null, text });

export function revision(value: Partial<TermRevisionRow> & { position: string }): TermRevisionRow {
  return {
    amount: null,
    date: null,
    days: null,
    text: null,
    effectiveOn: null,
    eventId: `event-${value.position}`,
    citations: [],
    ...value,
  };
}

/** A deal row with the given terms, each `[key, revisions]`. */
export function dealRow(
  id: string,
  parties: readonly Party[],
  terms: readonly DealTermRow[],
  overrides: Partial<DealRow> = {},
): DealRow {
  return {
    id,
    version: 1,
    position: '1',
    createdPosition: '1',
    recordedAt: '2026-06-06T00:00:00.000Z',
    updatedAt: '2026-06-06T00:00:00.000Z',
    title: id,
    kind: 'COMPUTE_LEASE',
    parties,
    signedOn: null,
    terms,
    terminatedOn: null,
    terminationReason: null,
    citations: [],
    ...overrides,
  };
}

export function claimRow(id: string, overrides: Partial<ClaimRow> = {}): ClaimRow {
  return {
    id,
    version: 1,
    position: '1',
    createdPosition: '1',
    recordedAt: '2026-06-06T00:00:00.000Z',
    updatedAt: '2026-06-06T00:00:00.000Z',
    kind: 'ASSERTION',
    statement: `Statement of ${id}`,
    author: 'claimant',
    subjectIds: [],
    metric: null,
    value: null,
    fiscalPeriod: null,
    citations: [cite('source')],
    occurredOn: null,
    retracted: false,
    retractionReason: null,
    ...overrides,
  };
}

export function rebuttalRow(
  id: string,
  targetId: string,
  stance: Stance,
  position: string,
  overrides: Partial<RebuttalRow> = {},
): RebuttalRow {
  const recordedAt = `2026-06-06T00:00:${position.padStart(2, '0')}.000Z`;
  return {
    id,
    version: 1,
    position,
    createdPosition: position,
    recordedAt,
    updatedAt: recordedAt,
    targetId,
    rootClaimId: 'claim',
    stance,
    author: 'commenter',
    text: `Text of ${id}`,
    citations: [cite('source')],
    occurredOn: null,
    retracted: false,
    retractionReason: null,
    ...overrides,
  };
}
