import type { LedgerContext } from '../ledger/ledger-context';
import { connectionFrom, decodeAfter } from '../ledger/pagination';
import type { PaginationArgs } from '../ledger/dto/pagination.args';
import { SourceConnectionModel } from './models/source.model';
import { toSourceModel } from './sources.mappers';

/** A page of sources as of `at`, ordered by id. */
export async function sourcesPage(context: LedgerContext, at: string, args: PaginationArgs): Promise<SourceConnectionModel> {
  const rows = await context.reader.listRows('sources', at, { afterId: decodeAfter(args.after, 'id'), limit: args.first + 1 });
  const connection = connectionFrom(rows.map((row) => toSourceModel(row, at)), args.first, (source) => source.id);
  return Object.assign(new SourceConnectionModel(), connection);
}
