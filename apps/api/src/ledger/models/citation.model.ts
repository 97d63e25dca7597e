import { Field, ObjectType } from '@nestjs/graphql';
import { CitationRole } from '../enums';

/** `type Citation`. `source` is a @ResolveField (loaded by `sourceId` as of `viewPosition`). */
@ObjectType('Citation')
export class CitationModel {
  @Field(() => String, { nullable: true, description: 'The exact words quoted from the source.' })
  quote!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Where in the source: a paragraph, a page, a timestamp such as 00:01:20.',
  })
  locator!: string | null;

  @Field(() => CitationRole)
  role!: CitationRole;

  /** Not in GraphQL: the cited source's id. */
  sourceId!: string;
  /** Not in GraphQL: the ledger position the read is cut at. */
  viewPosition!: string;
}
