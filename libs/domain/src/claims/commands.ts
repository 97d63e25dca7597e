import type { Citation } from '../ledger/citations';
import type { Amount, IsoDate } from '../shared/values';
import type { Metric, Stance } from './events';

export interface ClaimValuation {
  readonly type: 'claimValuation';
  /** Already chosen: the client's slug, or one the application made. */
  readonly id: string;
  readonly companyId: string;
  readonly metric: Metric;
  readonly value: Amount;
  readonly fiscalPeriod: string | null;
  readonly author: string;
  /** Null: decide composes one ("xAI OPERATING_INCOME FY2025: -6400000000 USD"). */
  readonly statement: string | null;
  readonly occurredOn: IsoDate | null;
  readonly citations: readonly Citation[];
}

export interface MakeClaim {
  readonly type: 'makeClaim';
  readonly id: string;
  readonly statement: string;
  readonly author: string;
  readonly subjectIds: readonly string[];
  readonly occurredOn: IsoDate | null;
  readonly citations: readonly Citation[];
}

export interface PostRebuttal {
  readonly type: 'postRebuttal';
  readonly id: string;
  readonly targetId: string;
  readonly stance: Stance;
  readonly author: string;
  readonly text: string;
  readonly occurredOn: IsoDate | null;
  readonly citations: readonly Citation[];
}
