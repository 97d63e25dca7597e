import type { Citation } from '../ledger/citations';
import type { RowMeta } from '../ledger/entities';
import type { Amount, IsoDate } from '../shared/values';
import type { ClaimKind, Metric, Stance } from './events';

export interface ClaimRow extends RowMeta {
  readonly kind: ClaimKind;
  readonly statement: string;
  readonly author: string;
  readonly subjectIds: readonly string[];
  readonly metric: Metric | null;
  readonly value: Amount | null;
  readonly fiscalPeriod: string | null;
  readonly citations: readonly Citation[];
  readonly occurredOn: IsoDate | null;
  readonly retracted: boolean;
  readonly retractionReason: string | null;
}

export interface RebuttalRow extends RowMeta {
  readonly targetId: string;
  readonly rootClaimId: string;
  readonly stance: Stance;
  readonly author: string;
  readonly text: string;
  readonly citations: readonly Citation[];
  readonly occurredOn: IsoDate | null;
  readonly retracted: boolean;
  readonly retractionReason: string | null;
}
