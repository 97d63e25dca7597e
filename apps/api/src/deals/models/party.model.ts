import { Field, ObjectType } from '@nestjs/graphql';
import { PartyRole } from '../../ledger/enums';

/** `type Party`. `company` is a @ResolveField (loaded by `companyId` as of `viewPosition`). */
@ObjectType('Party')
export class PartyModel {
  @Field(() => PartyRole)
  role!: PartyRole;

  /** Not in GraphQL: the party's company id. */
  companyId!: string;
  /** Not in GraphQL: the ledger position the read is cut at. */
  viewPosition!: string;
}
