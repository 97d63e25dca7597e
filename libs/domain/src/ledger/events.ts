import type { ClaimEvent } from '../claims/events';
import type { CompanyEvent } from '../companies/events';
import type { DealEvent } from '../deals/events';
import type { PeopleEvent } from '../people/events';
import type { SourceEvent } from '../sources/events';
import type { IsoDate } from '../shared/values';
import type { Citation } from './citations';

/** What can be retracted: a claim, a rebuttal or a talent move. */
export type RetractableKind = 'CLAIM' | 'REBUTTAL' | 'TALENT_MOVE';

export interface EntryRetracted {
  readonly type: 'ENTRY_RETRACTED';
  readonly data: {
    readonly targetId: string;
    readonly targetKind: RetractableKind;
    readonly reason: string;
  };
}

/** Every event the ledger records, as a discriminated union on `type`. */
export type LedgerEventBody = SourceEvent | CompanyEvent | DealEvent | ClaimEvent | PeopleEvent | EntryRetracted;
export type EventType = LedgerEventBody['type'];

export const EVENT_TYPES: readonly EventType[] = [
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
];

/** What `decide` returns: the event body plus its citations and world date, before the store records it. */
export type DomainEvent<B extends LedgerEventBody = LedgerEventBody> = B & {
  /** The stream (entity id) the event is appended to. */
  readonly streamId: string;
  readonly citations: readonly Citation[];
  /** World date the event speaks of, when known. */
  readonly occurredOn: IsoDate | null;
};

/** An event as the store recorded it (ledger time and position added by the server). */
export type RecordedEvent<B extends LedgerEventBody = LedgerEventBody> = DomainEvent<B> & {
  readonly id: string;
  /** Global position as a decimal string ("1", "2", ...). */
  readonly position: string;
  /** 1 for the first event of its stream, then +1. */
  readonly version: number;
  readonly schemaVersion: number;
  /** Ledger instant, RFC 3339 with milliseconds. */
  readonly recordedAt: string;
  readonly recordedBy: string;
};

export type EventOf<T extends EventType> = Extract<LedgerEventBody, { type: T }>;
