import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { PersonRow } from '@ledger/domain/people/read-model';
import { NodeModel } from '../../ledger/models/node.model';

/** `type Person`. `moves` is a @ResolveField. */
@ObjectType('Person', { implements: () => [NodeModel] })
export class PersonModel implements NodeModel {
  @Field(() => ID, { description: 'A slug, e.g. "clive-chan".' })
  id!: string;

  @Field(() => String)
  name!: string;

  /** Not in GraphQL: the projection row. */
  row!: PersonRow;
  /** Not in GraphQL: the ledger position the read is cut at. */
  viewPosition!: string;
}
