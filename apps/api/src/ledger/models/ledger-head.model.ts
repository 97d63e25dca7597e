import { Field, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar } from '../scalars/date-time.scalar';

@ObjectType('LedgerHead')
export class LedgerHeadModel {
  @Field(() => String, { description: 'Position of the last event; "0" for an empty ledger.' })
  position!: string;

  @Field(() => String, { nullable: true })
  hash!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  recordedAt!: string | null;
}
