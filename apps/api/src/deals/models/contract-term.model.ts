import { Field, Int, ObjectType } from '@nestjs/graphql';
import { AmountModel } from '../../ledger/models/amount.model';
import { CitationModel } from '../../ledger/models/citation.model';
import { DateScalar } from '../../ledger/scalars/date.scalar';

/** `type TermRevision`. `event` is a @ResolveField (loaded by `eventId`). */
@ObjectType('TermRevision')
export class TermRevisionModel {
  @Field(() => AmountModel, { nullable: true })
  amount!: AmountModel | null;

  @Field(() => DateScalar, { nullable: true })
  date!: string | null;

  @Field(() => Int, { nullable: true })
  days!: number | null;

  @Field(() => String, { nullable: true })
  text!: string | null;

  @Field(() => DateScalar, { nullable: true })
  effectiveOn!: string | null;

  /** Not in GraphQL: the DEAL_SIGNED or DEAL_AMENDED event that set this value. */
  eventId!: string;
  /** Not in GraphQL: that event's position. */
  position!: string;
  /** Not in GraphQL: the ledger position the read is cut at. */
  viewPosition!: string;
}

@ObjectType('ContractTerm', {
  description:
    'One term of a contract. Conventional keys: "payment" (amount), "starts_on" and "ends_on" (date), ' +
    '"notice_period" (days), "capacity" (text). Other keys are allowed. Exactly one of amount, date, days, text is set.',
})
export class ContractTermModel {
  @Field(() => String)
  key!: string;

  @Field(() => AmountModel, { nullable: true })
  amount!: AmountModel | null;

  @Field(() => DateScalar, { nullable: true })
  date!: string | null;

  @Field(() => Int, { nullable: true })
  days!: number | null;

  @Field(() => String, { nullable: true })
  text!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'World date from which this value holds.' })
  effectiveOn!: string | null;

  @Field(() => [CitationModel])
  citations!: CitationModel[];

  @Field(() => [TermRevisionModel], {
    description: 'Every value this term has had, oldest first, the current one last.',
  })
  revisions!: TermRevisionModel[];
}
