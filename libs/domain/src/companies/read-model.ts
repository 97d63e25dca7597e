import type { RowMeta } from '../ledger/entities';

export interface CompanyRow extends RowMeta {
  readonly name: string;
  readonly aliases: readonly string[];
}
