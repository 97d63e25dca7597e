import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { EventType } from '../enums';
import { DateScalar } from '../scalars/date.scalar';
import { DateTimeScalar } from '../scalars/date-time.scalar';
import { JSONScalar } from '../scalars/json.scalar';
import { CitationModel } from './citation.model';
import { NodeModel } from './node.model';
import { PageInfoModel } from './page-info.model';

@ObjectType('LedgerEvent', { implements: () => [NodeModel] })
export class LedgerEventModel implements NodeModel {
  @Field(() => ID, { description: "The event's UUID." })
  id!: string;

  @Field(() => String, {
    description: 'Global position: gap-free, strictly increasing in commit order, as a decimal string.',
  })
  position!: string;

  @Field(() => String)
  streamId!: string;

  @Field(() => Int, { description: '1 for the first event of its stream, then +1 per event.' })
  version!: number;

  @Field(() => EventType)
  type!: EventType;

  @Field(() => DateScalar, { nullable: true, description: 'World time the event speaks of, when known.' })
  occurredOn!: string | null;

  @Field(() => DateTimeScalar, { description: 'Ledger time, from the server clock.' })
  recordedAt!: string;

  @Field(() => String, { description: 'Who recorded it: the authenticated principal.' })
  recordedBy!: string;

  @Field(() => JSONScalar)
  data!: unknown;

  @Field(() => [CitationModel])
  citations!: CitationModel[];

  @Field(() => String, { description: "Hex SHA-256 of this event chained to the previous event's hash." })
  hash!: string;

  @Field(() => String, { nullable: true })
  previousHash!: string | null;

  /** Not in GraphQL: the event's schema version. */
  schemaVersion!: number;
  /** Not in GraphQL: the ledger position the read is cut at. */
  viewPosition!: string;
}

@ObjectType('LedgerEventEdge')
export class LedgerEventEdgeModel {
  @Field(() => String)
  cursor!: string;

  @Field(() => LedgerEventModel)
  node!: LedgerEventModel;
}

@ObjectType('LedgerEventConnection')
export class LedgerEventConnectionModel {
  @Field(() => [LedgerEventEdgeModel])
  edges!: LedgerEventEdgeModel[];

  @Field(() => PageInfoModel)
  pageInfo!: PageInfoModel;
}
