import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { DealRow, DealSummaryRow } from '@ledger/domain/deals/read-model';
import { DealKind } from '../../ledger/enums';
import { AmountModel } from '../../ledger/models/amount.model';
import { CitationModel } from '../../ledger/models/citation.model';
import { NodeModel } from '../../ledger/models/node.model';
import { PageInfoModel } from '../../ledger/models/page-info.model';
import { DateScalar } from '../../ledger/scalars/date.scalar';
import { ContractTermModel } from './contract-term.model';
import { PartyModel } from './party.model';

/** `type Deal`. status(on), term(key) and history are @ResolveFields (they use `row` and `viewPosition`). */
@ObjectType('Deal', { implements: () => [NodeModel] })
export class DealModel implements NodeModel {
  @Field(() => ID, { description: 'A slug, e.g. "spacex-anthropic-compute-2026".' })
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => DealKind)
  kind!: DealKind;

  @Field(() => [PartyModel])
  parties!: PartyModel[];

  @Field(() => DateScalar, { nullable: true })
  signedOn!: string | null;

  @Field(() => [ContractTermModel])
  terms!: ContractTermModel[];

  @Field(() => AmountModel, {
    nullable: true,
    description: 'The payment term as a yearly amount (x12 for MONTH, x4 for QUARTER); null if no recurring payment.',
  })
  annualizedValue!: AmountModel | null;

  @Field(() => AmountModel, {
    nullable: true,
    description:
      'For a recurring payment: the payment times the number of whole periods in [starts_on, ends_on + 1 day), ' +
      'null when either date is unknown. For a payment without `per`: the payment itself. Null when there is no payment term.',
  })
  totalValue!: AmountModel | null;

  @Field(() => DateScalar, { nullable: true })
  terminatedOn!: string | null;

  @Field(() => [CitationModel])
  citations!: CitationModel[];

  @Field(() => Int, {
    description: "Version of the deal's stream: pass it as expectedVersion to amend or terminate.",
  })
  version!: number;

  /**
   * Not in GraphQL: the projection row (for status on a date, term by key), or only its list shape
   * when the deal was read for a list that asks for nothing more (see DEAL_SUMMARY_FIELDS).
   */
  row!: DealRow | DealSummaryRow;
  /** Not in GraphQL: the ledger position the read is cut at. */
  viewPosition!: string;
}

@ObjectType('DealEdge')
export class DealEdgeModel {
  @Field(() => String)
  cursor!: string;

  @Field(() => DealModel)
  node!: DealModel;
}

@ObjectType('DealConnection')
export class DealConnectionModel {
  @Field(() => [DealEdgeModel])
  edges!: DealEdgeModel[];

  @Field(() => PageInfoModel)
  pageInfo!: PageInfoModel;
}
