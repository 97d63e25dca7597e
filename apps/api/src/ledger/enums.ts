import { registerEnumType } from '@nestjs/graphql';
import type * as Claims from '@ledger/domain/claims/events';
import type { CitationRole as DomainCitationRole } from '@ledger/domain/ledger/citations';
import type { EventType as DomainEventType } from '@ledger/domain/ledger/events';
import type * as Deals from '@ledger/domain/deals/events';
import type { DealStatus as DomainDealStatus } from '@ledger/domain/deals/derived';
import type { Period as DomainPeriod } from '@ledger/domain/shared/values';
import type { SourceKind as DomainSourceKind } from '@ledger/domain/sources/events';

/**
 * The contract's enums. Each is an `as const` object whose values are the strings themselves, so a
 * value is the domain's string-literal type (checked at compile time below) and needs no mapping.
 */
function values<const T extends string>(...names: T[]): { readonly [K in T]: K } {
  return Object.freeze(Object.fromEntries(names.map((name) => [name, name]))) as { readonly [K in T]: K };
}

type ValueOf<T> = T[keyof T];
/** Compile-time check that two string-literal unions are the same set. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const same = <T extends true>(_proof: T): void => undefined;

export const Period = values('MONTH', 'QUARTER', 'YEAR');
export type Period = ValueOf<typeof Period>;
same<Same<Period, DomainPeriod>>(true);

export const SourceKind = values('ARTICLE', 'FILING', 'THREAD', 'COMMENT', 'VIDEO', 'PODCAST', 'BLOG', 'PRESS_RELEASE', 'OTHER');
export type SourceKind = ValueOf<typeof SourceKind>;
same<Same<SourceKind, DomainSourceKind>>(true);

export const CitationRole = values('PRIMARY', 'SUPPORTING');
export type CitationRole = ValueOf<typeof CitationRole>;
same<Same<CitationRole, DomainCitationRole>>(true);

export const EventType = values(
  'SOURCE_REGISTERED',
  'COMPANY_REGISTERED',
  'DEAL_SIGNED',
  'DEAL_AMENDED',
  'DEAL_TERMINATED',
  'VALUATION_CLAIMED',
  'CLAIM_MADE',
  'TALENT_DEPARTED',
  'REBUTTAL_POSTED',
  'ENTRY_RETRACTED',
);
export type EventType = ValueOf<typeof EventType>;
same<Same<EventType, DomainEventType>>(true);

export const PartyRole = values('PROVIDER', 'CUSTOMER', 'INVESTOR', 'INVESTEE', 'LICENSOR', 'LICENSEE', 'ACQUIRER', 'TARGET', 'PARTNER');
export type PartyRole = ValueOf<typeof PartyRole>;
same<Same<PartyRole, Deals.PartyRole>>(true);

export const DealKind = values('COMPUTE_LEASE', 'INVESTMENT', 'LICENSE', 'SUPPLY', 'VENDOR_FINANCING', 'ACQUISITION', 'PARTNERSHIP', 'OTHER');
export type DealKind = ValueOf<typeof DealKind>;
same<Same<DealKind, Deals.DealKind>>(true);

export const DealStatus = values('PENDING', 'ACTIVE', 'EXPIRED', 'TERMINATED');
export type DealStatus = ValueOf<typeof DealStatus>;
same<Same<DealStatus, DomainDealStatus>>(true);

export const Metric = values('VALUATION', 'REVENUE', 'OPERATING_INCOME', 'NET_INCOME', 'FUNDING_RAISED', 'USERS', 'HEADCOUNT', 'PRICE', 'OTHER');
export type Metric = ValueOf<typeof Metric>;
same<Same<Metric, Claims.Metric>>(true);

export const ClaimKind = values('VALUATION', 'ASSERTION');
export type ClaimKind = ValueOf<typeof ClaimKind>;
same<Same<ClaimKind, Claims.ClaimKind>>(true);

export const Stance = values('REFUTES', 'SUPPORTS', 'QUALIFIES');
export type Stance = ValueOf<typeof Stance>;
same<Same<Stance, Claims.Stance>>(true);

export const ArgumentStatus = values('STANDING', 'REFUTED', 'RETRACTED');
export type ArgumentStatus = ValueOf<typeof ArgumentStatus>;
same<Same<ArgumentStatus, Claims.ArgumentStatus>>(true);

registerEnumType(Period, { name: 'Period' });
registerEnumType(SourceKind, { name: 'SourceKind' });
registerEnumType(CitationRole, { name: 'CitationRole' });
registerEnumType(EventType, { name: 'EventType' });
registerEnumType(PartyRole, { name: 'PartyRole' });
registerEnumType(DealKind, { name: 'DealKind' });
registerEnumType(DealStatus, {
  name: 'DealStatus',
  description:
    'Status on a world date D: TERMINATED when terminatedOn <= D; else EXPIRED when the ends_on term is before D; ' +
    'else PENDING when the starts_on term (or, without one, signedOn) is after D; else ACTIVE. ' +
    'Unknown dates never make a deal PENDING or EXPIRED.',
});
registerEnumType(Metric, { name: 'Metric' });
registerEnumType(ClaimKind, {
  name: 'ClaimKind',
  valuesMap: {
    VALUATION: { description: "A quantified claim about a company's metric (valuation, revenue, loss, users)." },
    ASSERTION: { description: 'A thesis in words, open to argument.' },
  },
});
registerEnumType(Stance, { name: 'Stance' });
registerEnumType(ArgumentStatus, {
  name: 'ArgumentStatus',
  description:
    'Grounded status of a claim or rebuttal. RETRACTED: withdrawn, and it no longer counts. Otherwise a node is REFUTED ' +
    'when at least one of its direct REFUTES rebuttals is itself STANDING, and STANDING when none is. ' +
    'SUPPORTS and QUALIFIES never change a status.',
});
