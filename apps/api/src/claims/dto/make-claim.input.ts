import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsOptional, IsString } from 'class-validator';
import { MAX_LONG_TEXT, MAX_SHORT_TEXT } from '@ledger/domain/shared/values';
import { CitationInput, IsCitationList } from '../../ledger/dto/citation.input';
import { DateScalar } from '../../ledger/scalars/date.scalar';
import { IsIdempotencyKey, IsRequiredText, IsSlugId } from '../../ledger/validation';

@InputType('MakeClaimInput')
export class MakeClaimInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsSlugId()
  id?: string | null;

  @Field(() => String)
  @IsRequiredText(MAX_LONG_TEXT)
  statement!: string;

  @Field(() => String)
  @IsRequiredText(MAX_SHORT_TEXT)
  author!: string;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsSlugId({ each: true })
  subjectIds?: string[] | null;

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
