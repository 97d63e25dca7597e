import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Period } from '../enums';
import { DecimalScalar } from '../scalars/decimal.scalar';

export const UNIT_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,19}$/;

@InputType('AmountInput')
export class AmountInput {
  /** Already parsed by the Decimal scalar: a canonical decimal string. */
  @Field(() => DecimalScalar)
  @IsString()
  @MaxLength(42)
  value!: string;

  @Field(() => String)
  @IsString()
  @Matches(UNIT_PATTERN, {
    message: '$property must be a unit such as "USD" or "users": a letter, then up to 19 letters, digits, "_" or "-"',
  })
  unit!: string;

  @Field(() => Period, { nullable: true })
  @IsOptional()
  @IsEnum(Period)
  per?: Period | null;
}
