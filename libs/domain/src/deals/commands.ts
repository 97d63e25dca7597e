import type { Citation } from '../ledger/citations';
import type { IsoDate } from '../shared/values';
import type { DealKind, Party, TermValue } from './events';

export interface SignDeal {
  readonly type: 'signDeal';
  readonly id: string;
  readonly title: string;
  readonly kind: DealKind;
  readonly parties: readonly Party[];
  readonly signedOn: IsoDate | null;
  readonly terms: readonly TermValue[];
  readonly citations: readonly Citation[];
}

export interface AmendDeal {
  readonly type: 'amendDeal';
  readonly dealId: string;
  readonly terms: readonly TermValue[];
  readonly effectiveOn: IsoDate | null;
  readonly reason: string;
  readonly citations: readonly Citation[];
  readonly expectedVersion: number | null;
}

export interface TerminateDeal {
  readonly type: 'terminateDeal';
  readonly dealId: string;
  readonly terminatedOn: IsoDate;
  readonly reason: string;
  readonly citations: readonly Citation[];
  readonly expectedVersion: number | null;
}
