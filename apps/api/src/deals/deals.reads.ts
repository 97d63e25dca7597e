import { dealStatusOn } from '@ledger/domain/deals/derived';
import { filteredPage } from '../ledger/filtered-page';
import type { LedgerContext } from '../ledger/ledger-context';
import { connectionFrom, decodeAfter } from '../ledger/pagination';
import { toDealModel } from './deals.mappers';
import type { DealsArgs } from './dto/deals.args';
import { DealConnectionModel } from './models/deal.model';

/** A page of deals as of `at`, ordered by id; party and kind filter in SQL, status on a world date in the domain. */
export async function dealsPage(context: LedgerContext, at: string, args: DealsArgs): Promise<DealConnectionModel> {
  const filter = args.filter ?? {};
  const on = filter.on ?? context.today();
  const rows = await filteredPage(
    (afterId, limit) =>
      context.reader.listRows('deals', at, {
        afterId,
        limit,
        filter: {
          equals: filter.kind ? { kind: filter.kind } : {},
          contains: filter.companyId ? { party_ids: filter.companyId } : {},
        },
      }),
    (chunk) => chunk.map((deal) => !filter.status || dealStatusOn(deal, on) === filter.status),
    decodeAfter(args.after),
    args.first,
  );
  const connection = connectionFrom(rows.map((row) => toDealModel(row, at)), args.first, (deal) => deal.id);
  return Object.assign(new DealConnectionModel(), connection);
}
