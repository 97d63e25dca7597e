import { dealStatusOn, type DealStatusFacts } from '@ledger/domain/deals/derived';
import type { ListOptions } from '@ledger/event-store';
import type { GraphQLResolveInfo } from 'graphql';
import { selectsOnly } from '../ledger/field-selection';
import { filteredPage } from '../ledger/filtered-page';
import type { LedgerContext } from '../ledger/ledger-context';
import { connectionFrom, decodeAfter } from '../ledger/pagination';
import { DEAL_SUMMARY_FIELDS, toDealModel, toDealSummaryModel } from './deals.mappers';
import type { DealsArgs } from './dto/deals.args';
import { DealConnectionModel, type DealModel } from './models/deal.model';

/**
 * A page of deals as of `at`, ordered by id; party and kind filter in SQL, status on a world date in
 * the domain. When the query asks the nodes only for what a list shows (`info`), each deal is read as
 * its summary, as a company's deals are.
 */
export async function dealsPage(context: LedgerContext, at: string, args: DealsArgs, info: GraphQLResolveInfo): Promise<DealConnectionModel> {
  const filter = args.filter ?? {};
  const on = filter.on ?? context.today();
  const options = (afterId: string | null, limit: number): ListOptions => ({
    afterId,
    limit,
    filter: {
      equals: filter.kind ? { kind: filter.kind } : {},
      contains: filter.companyId ? { party_ids: filter.companyId } : {},
    },
  });
  const keep = <Deal extends DealStatusFacts>(chunk: Deal[]) => chunk.map((deal) => !filter.status || dealStatusOn(deal, on) === filter.status);
  const page = async <Row extends DealStatusFacts & { readonly id: string }>(
    list: (options: ListOptions) => Promise<Row[]>,
    toModel: (row: Row, viewPosition: string) => DealModel,
  ): Promise<DealModel[]> =>
    (await filteredPage((afterId, limit) => list(options(afterId, limit)), keep, decodeAfter(args.after, 'id'), args.first)).map((row) => toModel(row, at));
  const deals = selectsOnly(info, DEAL_SUMMARY_FIELDS, ['edges', 'node'])
    ? await page((listOptions) => context.reader.listSummaries('deals', at, listOptions), toDealSummaryModel)
    : await page((listOptions) => context.reader.listRows('deals', at, listOptions), toDealModel);
  const connection = connectionFrom(deals, args.first, (deal) => deal.id);
  return Object.assign(new DealConnectionModel(), connection);
}
