import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { RebuttalRow } from '@ledger/domain/claims/read-model';
import { Stance } from '../../ledger/enums';
import { CitationModel } from '../../ledger/models/citation.model';
import { NodeModel } from '../../ledger/models/node.model';
import { DateScalar } from '../../ledger/scalars/date.scalar';
import { DateTimeScalar } from '../../ledger/scalars/date-time.scalar';
import { ArgumentNodeModel } from './argument-node.model';

/** `type Rebuttal`. target, root, status and rebuttals are @ResolveFields. */
@ObjectType('Rebuttal', { implements: () => [NodeModel, ArgumentNodeModel] })
export class RebuttalModel implements NodeModel {
  @Field(() => ID)
  id!: string;

  @Field(() => Stance)
  stance!: Stance;

  @Field(() => String)
  author!: string;

  @Field(() => String)
  text!: string;

  @Field(() => [CitationModel])
  citations!: CitationModel[];

  @Field(() => DateScalar, { nullable: true })
  occurredOn!: string | null;

  @Field(() => DateTimeScalar)
  recordedAt!: string;

  @Field(() => Int)
  version!: number;

  /** Not in GraphQL: the claim or rebuttal this one answers. */
  targetId!: string;
  /** Not in GraphQL: the claim at the root of the thread. */
  rootClaimId!: string;
  /** Not in GraphQL: the projection row. */
  row!: RebuttalRow;
  /** Not in GraphQL: the ledger position the read is cut at. */
  viewPosition!: string;
}
