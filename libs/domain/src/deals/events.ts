import type { Amount, IsoDate } from '../shared/values';

export type DealKind =
  | 'COMPUTE_LEASE'
  | 'INVESTMENT'
  | 'LICENSE'
  | 'SUPPLY'
  | 'VENDOR_FINANCING'
  | 'ACQUISITION'
  | 'PARTNERSHIP'
  | 'OTHER';

export type PartyRole =
  | 'PROVIDER'
  | 'CUSTOMER'
  | 'INVESTOR'
  | 'INVESTEE'
  | 'LICENSOR'
  | 'LICENSEE'
  | 'ACQUIRER'
  | 'TARGET'
  | 'PARTNER';

export interface Party {
  readonly companyId: string;
  readonly role: PartyRole;
}

/** One value of a contract term: exactly one of amount, date, days, text is non-null. */
export interface TermValue {
  readonly key: string;
  readonly amount: Amount | null;
  readonly date: IsoDate | null;
  readonly days: number | null;
  readonly text: string | null;
}

export interface DealSigned {
  readonly type: 'DEAL_SIGNED';
  readonly data: {
    readonly dealId: string;
    readonly title: string;
    readonly kind: DealKind;
    readonly parties: readonly Party[];
    readonly signedOn: IsoDate | null;
    readonly terms: readonly TermValue[];
  };
}

export interface DealAmended {
  readonly type: 'DEAL_AMENDED';
  readonly data: {
    readonly dealId: string;
    readonly terms: readonly TermValue[];
    readonly effectiveOn: IsoDate | null;
    readonly reason: string;
  };
}

export interface DealTerminated {
  readonly type: 'DEAL_TERMINATED';
  readonly data: {
    readonly dealId: string;
    readonly terminatedOn: IsoDate;
    readonly reason: string;
  };
}

export type DealEvent = DealSigned | DealAmended | DealTerminated;
