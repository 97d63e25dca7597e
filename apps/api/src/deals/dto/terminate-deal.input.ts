import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Min } from 'class-validator';
import { MAX_LONG_TEXT } from '@ledger/domain/shared/values';
import { CitationInput, IsCitationList } from '../../ledger/dto/citation.input';
import { DateScalar } from '../../ledger/scalars/date.scalar';
import { IsIdempotencyKey, IsRequiredText, IsSlugId } from '../../ledger/validation';

@InputType('TerminateDealInput')
export class TerminateDealInput {
  @Field(() => ID)
  @IsSlugId()
  dealId!: string;

  @Field(() => DateScalar)
  @IsString()
  terminatedOn!: string;

  @Field(() => String)
  @IsRequiredText(MAX_LONG_TEXT)
  reason!: string;

  @Field(() => [CitationInput])
  @IsCitationList()
  citations!: CitationInput[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIdempotencyKey()
  idempotencyKey?: string | null;
}
