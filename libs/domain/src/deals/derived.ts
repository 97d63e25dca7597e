import Decimal from 'decimal.js';
import { ExactDecimal } from '../shared/exact-decimal';
import { addDays, addMonths, canonicalDecimal, compareIsoDates, type Amount, type DecimalString, type IsoDate, type Period } from '../shared/values';
import { comparePositions } from '../shared/positions';
import type { PartyRole } from './events';
import type { DealDateTermRow, DealRow, DealSummaryRow, DealTermRow, TermRevisionRow } from './read-model';
import { ENDS_ON_TERM, PAYMENT_TERM, STARTS_ON_TERM } from './terms';

/** Status of a deal on a world date (see the contract's DealStatus). */
export type DealStatus = 'PENDING' | 'ACTIVE' | 'EXPIRED' | 'TERMINATED';
export const DEAL_STATUSES: readonly DealStatus[] = ['PENDING', 'ACTIVE', 'EXPIRED', 'TERMINATED'];

/** Months in one period. */
export const MONTHS_PER_PERIOD: Readonly<Record<Period, number>> = { MONTH: 1, QUARTER: 3, YEAR: 12 };
/** Periods in one year. */
export const PERIODS_PER_YEAR: Readonly<Record<Period, number>> = { MONTH: 12, QUARTER: 4, YEAR: 1 };

/** Roles that receive a deal's payments, and roles that pay them. */
export const INBOUND_ROLES: readonly PartyRole[] = ['PROVIDER', 'LICENSOR'];
export const OUTBOUND_ROLES: readonly PartyRole[] = ['CUSTOMER', 'LICENSEE'];

/** Decimal places of the per-month figures of dealFlows. */
export const FLOW_DECIMAL_PLACES = 2;

/** The keys of the terms a deal's status on a date depends on. */
export const STATUS_TERM_KEYS: readonly string[] = [STARTS_ON_TERM, ENDS_ON_TERM];

/** What a deal's status on a date is computed from (a whole row or its summary). */
export type DealStatusFacts = Pick<DealRow, 'signedOn' | 'terminatedOn'> & { readonly terms: readonly DealDateTermRow[] };

/** The deal as a list shows it (see DealSummaryRow). */
export function dealSummary(deal: DealRow): DealSummaryRow {
  return {
    id: deal.id,
    version: deal.version,
    title: deal.title,
    kind: deal.kind,
    parties: deal.parties,
    signedOn: deal.signedOn,
    terminatedOn: deal.terminatedOn,
    terms: deal.terms
      .filter((term) => STATUS_TERM_KEYS.includes(term.key))
      .map((term) => ({
        key: term.key,
        revisions: term.revisions.map(({ date, effectiveOn, position }) => ({ date, effectiveOn, position })),
      })),
  };
}

export function findTerm<Term extends { readonly key: string }>(deal: { readonly terms: readonly Term[] }, key: string): Term | null {
  return deal.terms.find((term) => term.key === key) ?? null;
}

/** The term's current value: its last revision. */
export function currentTermValue(term: DealTermRow): TermRevisionRow {
  const revision = term.revisions[term.revisions.length - 1];
  if (revision === undefined) throw new Error(`The term "${term.key}" has no revision`);
  return revision;
}

/**
 * The revision in force on world date `on`: among revisions whose effectiveOn is null or on or
 * before `on`, the one with the greatest effectiveOn (null counts as earliest), ties broken by the
 * later ledger position. Null when none is in force yet.
 */
export function termValueOn<Revision extends OrderedRevision>(term: { readonly key: string; readonly revisions: readonly Revision[] }, on: IsoDate): Revision | null {
  let best: Revision | null = null;
  for (const revision of term.revisions) {
    if (revision.effectiveOn !== null && revision.effectiveOn > on) continue;
    if (best === null || compareRevisions(revision, best) > 0) best = revision;
  }
  return best;
}

/** What orders a term's revisions in time (see termValueOn). */
type OrderedRevision = Pick<TermRevisionRow, 'effectiveOn' | 'position'>;

function compareRevisions(left: OrderedRevision, right: OrderedRevision): number {
  if (left.effectiveOn !== right.effectiveOn) {
    if (left.effectiveOn === null) return -1;
    if (right.effectiveOn === null) return 1;
    return left.effectiveOn < right.effectiveOn ? -1 : 1;
  }
  return comparePositions(left.position, right.position);
}

function dateTermOn(deal: DealStatusFacts, key: string, on: IsoDate): IsoDate | null {
  const term = findTerm(deal, key);
  if (term === null) return null;
  return termValueOn(term, on)?.date ?? null;
}

/**
 * TERMINATED when terminatedOn <= on; else EXPIRED when the ends_on term (as on `on`) is before
 * `on`; else PENDING when the starts_on term (or, without one in force, signedOn) is after `on`;
 * else ACTIVE. Unknown dates never make a deal PENDING or EXPIRED.
 */
export function dealStatusOn(deal: DealStatusFacts, on: IsoDate): DealStatus {
  if (deal.terminatedOn !== null && deal.terminatedOn <= on) return 'TERMINATED';
  const endsOn = dateTermOn(deal, ENDS_ON_TERM, on);
  if (endsOn !== null && endsOn < on) return 'EXPIRED';
  const startsOn = dateTermOn(deal, STARTS_ON_TERM, on) ?? deal.signedOn;
  if (startsOn !== null && startsOn > on) return 'PENDING';
  return 'ACTIVE';
}

function currentPayment(deal: DealRow): Amount | null {
  const term = findTerm(deal, PAYMENT_TERM);
  return term === null ? null : currentTermValue(term).amount;
}

function currentDate(deal: DealRow, key: string): IsoDate | null {
  const term = findTerm(deal, key);
  return term === null ? null : currentTermValue(term).date;
}

/** The current payment term as a yearly amount (x12 MONTH, x4 QUARTER, x1 YEAR); null without a recurring payment. */
export function annualizedValue(deal: DealRow): Amount | null {
  const payment = currentPayment(deal);
  if (payment === null || payment.per === null) return null;
  const yearly = new ExactDecimal(payment.value).times(PERIODS_PER_YEAR[payment.per]);
  return { value: canonicalDecimal(yearly), unit: payment.unit, per: 'YEAR' };
}

/**
 * Number of whole periods of `monthsPerPeriod` months in [start, endExclusive): the largest n with
 * addMonths(start, n * monthsPerPeriod) <= endExclusive (0 when the range is empty).
 */
export function wholePeriodsBetween(start: IsoDate, endExclusive: IsoDate, monthsPerPeriod: number): number {
  const [startYear, startMonth] = start.split('-').map(Number) as [number, number];
  const [endYear, endMonth] = endExclusive.split('-').map(Number) as [number, number];
  const monthSpan = (endYear - startYear) * 12 + (endMonth - startMonth);
  if (monthSpan < 0) return 0;
  // This upper bound lands in a later month than endExclusive, so it is always past it.
  let periods = Math.floor(monthSpan / monthsPerPeriod) + 1;
  while (periods > 0 && compareIsoDates(addMonths(start, periods * monthsPerPeriod), endExclusive) > 0) periods -= 1;
  return periods;
}

/**
 * For a recurring payment: the payment times the whole periods in [starts_on (or signedOn),
 * ends_on + 1 day), null when either date is unknown. A one-off payment: the payment itself.
 * No payment term: null. Current term values are used. The result has no period.
 */
export function totalValue(deal: DealRow): Amount | null {
  const payment = currentPayment(deal);
  if (payment === null) return null;
  if (payment.per === null) return { value: canonicalDecimal(payment.value), unit: payment.unit, per: null };
  const start = currentDate(deal, STARTS_ON_TERM) ?? deal.signedOn;
  const end = currentDate(deal, ENDS_ON_TERM);
  if (start === null || end === null) return null;
  const periods = wholePeriodsBetween(start, addDays(end, 1), MONTHS_PER_PERIOD[payment.per]);
  return { value: canonicalDecimal(new ExactDecimal(payment.value).times(periods)), unit: payment.unit, per: null };
}

/** A recurring amount per month: MONTH as is; QUARTER / 3 and YEAR / 12 rounded half-even to 2 decimals. */
export function monthlyValue(value: DecimalString, per: Period): Decimal {
  const exact = new ExactDecimal(value);
  const months = MONTHS_PER_PERIOD[per];
  if (months === 1) return exact;
  return exact.dividedBy(months).toDecimalPlaces(FLOW_DECIMAL_PLACES, Decimal.ROUND_HALF_EVEN);
}

export interface DealFlows {
  /** What the company receives as PROVIDER or LICENSOR, per month, one amount per unit. */
  readonly inboundPerMonth: Amount[];
  /** What it pays as CUSTOMER or LICENSEE, per month, one amount per unit. */
  readonly outboundPerMonth: Amount[];
}

/**
 * Recurring payments of the deals ACTIVE on `on` that `companyId` is party to, taking the payment
 * term in force on `on`, normalised per month and summed per unit (sorted by unit).
 */
export function dealFlows(companyId: string, deals: readonly DealRow[], on: IsoDate): DealFlows {
  const inbound = new Map<string, Decimal>();
  const outbound = new Map<string, Decimal>();
  for (const deal of deals) {
    const party = deal.parties.find((candidate) => candidate.companyId === companyId);
    if (party === undefined) continue;
    const sums = INBOUND_ROLES.includes(party.role) ? inbound : OUTBOUND_ROLES.includes(party.role) ? outbound : null;
    if (sums === null) continue;
    if (dealStatusOn(deal, on) !== 'ACTIVE') continue;
    const paymentTerm = findTerm(deal, PAYMENT_TERM);
    const payment = paymentTerm === null ? null : termValueOn(paymentTerm, on)?.amount ?? null;
    if (payment === null || payment.per === null) continue;
    const perMonth = monthlyValue(payment.value, payment.per);
    sums.set(payment.unit, (sums.get(payment.unit) ?? new ExactDecimal(0)).plus(perMonth));
  }
  return { inboundPerMonth: perMonthAmounts(inbound), outboundPerMonth: perMonthAmounts(outbound) };
}

function perMonthAmounts(sums: ReadonlyMap<string, Decimal>): Amount[] {
  return [...sums.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((unit) => ({ value: canonicalDecimal(sums.get(unit) ?? 0), unit, per: 'MONTH' as const }));
}
