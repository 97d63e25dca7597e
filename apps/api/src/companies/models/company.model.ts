import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { CompanyRow } from '@ledger/domain/companies/read-model';
import { NodeModel } from '../../ledger/models/node.model';
import { PageInfoModel } from '../../ledger/models/page-info.model';

/**
 * `type Company`. deals, claims, latestClaim, departures, arrivals, dealFlows and history are
 * @ResolveFields that read at `viewPosition`.
 */
@ObjectType('Company', { implements: () => [NodeModel] })
export class CompanyModel implements NodeModel {
  @Field(() => ID, { description: 'A slug, e.g. "spacex".' })
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [String])
  aliases!: string[];

  /** Not in GraphQL: the projection row. */
  row!: CompanyRow;
  /** Not in GraphQL: the ledger position the read is cut at. */
  viewPosition!: string;
}

@ObjectType('CompanyEdge')
export class CompanyEdgeModel {
  @Field(() => String)
  cursor!: string;

  @Field(() => CompanyModel)
  node!: CompanyModel;
}

@ObjectType('CompanyConnection')
export class CompanyConnectionModel {
  @Field(() => [CompanyEdgeModel])
  edges!: CompanyEdgeModel[];

  @Field(() => PageInfoModel)
  pageInfo!: PageInfoModel;
}
