import type { Citation } from '../ledger/citations';
import type { IsoDate } from '../shared/values';

export interface RecordTalentDeparture {
  readonly type: 'recordTalentDeparture';
  readonly id: string;
  readonly personId: string;
  readonly personName: string;
  readonly fromCompanyId: string;
  readonly toCompanyId: string | null;
  readonly role: string | null;
  readonly announcedOn: IsoDate | null;
  readonly citations: readonly Citation[];
}
