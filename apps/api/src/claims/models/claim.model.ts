import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ClaimRow } from '@ledger/domain/claims/read-model';
import { ClaimKind, Metric } from '../../ledger/enums';
import { AmountModel } from '../../ledger/models/amount.model';
import { CitationModel } from '../../ledger/models/citation.model';
import { NodeModel } from '../../ledger/models/node.model';
import { PageInfoModel } from '../../ledger/models/page-info.model';
import { DateScalar } from '../../ledger/scalars/date.scalar';
import { DateTimeScalar } from '../../ledger/scalars/date-time.scalar';
import { ArgumentNodeModel } from './argument-node.model';

/**
 * `type Claim`. subjects, status, contested, rebuttals, thread and history are @ResolveFields
 * (status and rebuttals come from the ArgumentNode interface declaration).
 */
@ObjectType('Claim', { implements: () => [NodeModel, ArgumentNodeModel] })
export class ClaimModel implements NodeModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ClaimKind)
  kind!: ClaimKind;

  @Field(() => String, { description: 'The claim in words.' })
  statement!: string;

  @Field(() => String, { description: 'Who asserts it: a filing, a publication, a person.' })
  author!: string;

  @Field(() => Metric, { nullable: true })
  metric!: Metric | null;

  @Field(() => AmountModel, { nullable: true })
  value!: AmountModel | null;

  @Field(() => String, { nullable: true, description: 'The period the figure describes, e.g. "FY2025".' })
  fiscalPeriod!: string | null;

  @Field(() => [CitationModel])
  citations!: CitationModel[];

  @Field(() => DateScalar, { nullable: true })
  occurredOn!: string | null;

  @Field(() => DateTimeScalar)
  recordedAt!: string;

  @Field(() => Int)
  version!: number;

  /** Not in GraphQL: the projection row (subjectIds, retracted, ...). */
  row!: ClaimRow;
  /** Not in GraphQL: the ledger position the read is cut at. */
  viewPosition!: string;
}

@ObjectType('ClaimEdge')
export class ClaimEdgeModel {
  @Field(() => String)
  cursor!: string;

  @Field(() => ClaimModel)
  node!: ClaimModel;
}

@ObjectType('ClaimConnection')
export class ClaimConnectionModel {
  @Field(() => [ClaimEdgeModel])
  edges!: ClaimEdgeModel[];

  @Field(() => PageInfoModel)
  pageInfo!: PageInfoModel;
}
