import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MAX_TERM_DAYS, MAX_TERM_KEY_LENGTH, TERM_KEY_PATTERN } from '@ledger/domain/deals/terms';
import { MAX_LONG_TEXT } from '@ledger/domain/shared/values';
import { AmountInput } from '../../ledger/dto/amount.input';
import { DateScalar } from '../../ledger/scalars/date.scalar';
import { IsRequiredText } from '../../ledger/validation';

/** One term to set. "Exactly one of amount, date, days, text" is checked by the domain (path input.terms.N). */
@InputType('TermInput')
export class TermInput {
  @Field(() => String)
  @IsString()
  @MaxLength(MAX_TERM_KEY_LENGTH, { message: `$property must be at most ${MAX_TERM_KEY_LENGTH} characters` })
  @Matches(TERM_KEY_PATTERN, {
    message: '$property must be a lower-case identifier such as "payment" or "notice_period"',
  })
  key!: string;

  @Field(() => AmountInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AmountInput)
  amount?: AmountInput | null;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  @IsString()
  date?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_TERM_DAYS)
  days?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsRequiredText(MAX_LONG_TEXT)
  text?: string | null;
}

/** A list of terms: up to 100, each validated. */
export function IsTermList(): PropertyDecorator {
  return (target, key) => {
    IsArray()(target, key);
    ArrayMaxSize(100)(target, key);
    ValidateNested({ each: true })(target, key);
    Type(() => TermInput)(target, key as string);
  };
}
