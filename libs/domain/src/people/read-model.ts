import type { Citation } from '../ledger/citations';
import type { RowMeta } from '../ledger/entities';
import type { IsoDate } from '../shared/values';

export interface PersonRow extends RowMeta {
  readonly name: string;
}

export interface TalentMoveRow extends RowMeta {
  readonly personId: string;
  readonly fromCompanyId: string;
  readonly toCompanyId: string | null;
  readonly role: string | null;
  readonly announcedOn: IsoDate | null;
  readonly citations: readonly Citation[];
  readonly retracted: boolean;
  readonly retractionReason: string | null;
}
