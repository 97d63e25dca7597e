import type { Amount } from '../shared/values';

export type Metric =
  | 'VALUATION'
  | 'REVENUE'
  | 'OPERATING_INCOME'
  | 'NET_INCOME'
  | 'FUNDING_RAISED'
  | 'USERS'
  | 'HEADCOUNT'
  | 'PRICE'
  | 'OTHER';

export type ClaimKind = 'VALUATION' | 'ASSERTION';
export type Stance = 'REFUTES' | 'SUPPORTS' | 'QUALIFIES';
export type ArgumentStatus = 'STANDING' | 'REFUTED' | 'RETRACTED';

export interface ValuationClaimed {
  readonly type: 'VALUATION_CLAIMED';
  readonly data: {
    readonly claimId: string;
    readonly companyId: string;
    readonly metric: Metric;
    readonly value: Amount;
    readonly fiscalPeriod: string | null;
    readonly author: string;
    readonly statement: string;
  };
}

export interface ClaimMade {
  readonly type: 'CLAIM_MADE';
  readonly data: {
    readonly claimId: string;
    readonly statement: string;
    readonly author: string;
    readonly subjectIds: readonly string[];
  };
}

export interface RebuttalPosted {
  readonly type: 'REBUTTAL_POSTED';
  readonly data: {
    readonly rebuttalId: string;
    /** A claim or a rebuttal. */
    readonly targetId: string;
    /** The claim at the root of the thread. */
    readonly rootClaimId: string;
    readonly stance: Stance;
    readonly author: string;
    readonly text: string;
  };
}

export type ClaimEvent = ValuationClaimed | ClaimMade | RebuttalPosted;
