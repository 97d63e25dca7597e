import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, ValidateNested } from 'class-validator';
import { MAX_LONG_TEXT, MAX_SHORT_TEXT } from '@ledger/domain/shared/values';
import { AmountInput } from '../../ledger/dto/amount.input';
import { CitationInput, IsCitationList } from '../../ledger/dto/citation.input';
import { Metric } from '../../ledger/enums';
import { DateScalar } from '../../ledger/scalars/date.scalar';
import { IsIdempotencyKey, IsRequiredText, IsSlugId, IsText } from '../../ledger/validation';

@InputType('ClaimValuationInput')
export class ClaimValuationInput {
  @Field(() => ID, { nullable: true, description: 'Optional slug; the server makes one when absent.' })
  @IsOptional()
  @IsSlugId()
  id?: string | null;

  @Field(() => ID)
  @IsSlugId()
  companyId!: string;

  @Field(() => Metric)
  @IsEnum(Metric)
  metric!: Metric;

  @Field(() => AmountInput)
  @ValidateNested()
  @Type(() => AmountInput)
  value!: AmountInput;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(MAX_SHORT_TEXT)
  fiscalPeriod?: string | null;

  @Field(() => String, { description: 'Who asserts it.' })
  @IsRequiredText(MAX_SHORT_TEXT)
  author!: string;

  @Field(() => String, { nullable: true, description: 'The claim in words; the server composes one when absent.' })
  @IsOptional()
  @IsRequiredText(MAX_LONG_TEXT)
  statement?: string | null;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  @IsString()
  occurredOn?: string | null;

  @Field(() => [CitationInput])
  @IsCitationList()
  citations!: CitationInput[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIdempotencyKey()
  idempotencyKey?: string | null;
}
