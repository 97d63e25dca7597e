import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { TalentMoveRow } from '@ledger/domain/people/read-model';
import { CitationModel } from '../../ledger/models/citation.model';
import { NodeModel } from '../../ledger/models/node.model';
import { DateScalar } from '../../ledger/scalars/date.scalar';

/** `type TalentMove`. person, from and to are @ResolveFields. */
@ObjectType('TalentMove', { implements: () => [NodeModel] })
export class TalentMoveModel implements NodeModel {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  role!: string | null;

  @Field(() => DateScalar, { nullable: true })
  announcedOn!: string | null;

  @Field(() => [CitationModel])
  citations!: CitationModel[];

  @Field(() => Boolean)
  retracted!: boolean;

  /** Not in GraphQL: who moved. */
  personId!: string;
  /** Not in GraphQL: the company left. */
  fromCompanyId!: string;
  /** Not in GraphQL: the company joined, when known. */
  toCompanyId!: string | null;
  /** Not in GraphQL: the projection row. */
  row!: TalentMoveRow;
  /** Not in GraphQL: the ledger position the read is cut at. */
  viewPosition!: string;
}
