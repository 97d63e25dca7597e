import { Field, ObjectType } from '@nestjs/graphql';
import { Period } from '../enums';
import { DecimalScalar } from '../scalars/decimal.scalar';

@ObjectType('Amount', {
  description: 'An exact quantity: money (unit is an ISO 4217 code such as USD) or a count (unit such as users).',
})
export class AmountModel {
  @Field(() => DecimalScalar)
  value!: string;

  @Field(() => String)
  unit!: string;

  @Field(() => Period, { nullable: true, description: 'Set for a recurring amount: 1250000000 USD per MONTH.' })
  per!: Period | null;
}
