import type { RowMeta } from '../ledger/entities';
import type { IsoDate } from '../shared/values';
import type { SourceKind } from './events';

export interface SourceRow extends RowMeta {
  readonly url: string | null;
  readonly title: string;
  readonly publisher: string | null;
  readonly author: string | null;
  readonly kind: SourceKind;
  readonly publishedOn: IsoDate | null;
}
