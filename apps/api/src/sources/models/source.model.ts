import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { SourceRow } from '@ledger/domain/sources/read-model';
import { SourceKind } from '../../ledger/enums';
import { NodeModel } from '../../ledger/models/node.model';
import { PageInfoModel } from '../../ledger/models/page-info.model';
import { DateScalar } from '../../ledger/scalars/date.scalar';

/** `type Source`. `citedBy` is a @ResolveField. */
@ObjectType('Source', { implements: () => [NodeModel] })
export class SourceModel implements NodeModel {
  @Field(() => ID, { description: 'A slug chosen by the journalist, e.g. "techmeme-260520-p49".' })
  id!: string;

  @Field(() => String, { nullable: true })
  url!: string | null;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  publisher!: string | null;

  @Field(() => String, { nullable: true })
  author!: string | null;

  @Field(() => SourceKind)
  kind!: SourceKind;

  @Field(() => DateScalar, { nullable: true })
  publishedOn!: string | null;

  /** Not in GraphQL: the projection row. */
  row!: SourceRow;
  /** Not in GraphQL: the ledger position the read is cut at. */
  viewPosition!: string;
}

@ObjectType('SourceEdge')
export class SourceEdgeModel {
  @Field(() => String)
  cursor!: string;

  @Field(() => SourceModel)
  node!: SourceModel;
}

@ObjectType('SourceConnection')
export class SourceConnectionModel {
  @Field(() => [SourceEdgeModel])
  edges!: SourceEdgeModel[];

  @Field(() => PageInfoModel)
  pageInfo!: PageInfoModel;
}
