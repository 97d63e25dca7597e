import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsOptional, IsString, ValidateNested } from 'class-validator';
import { MAX_SHORT_TEXT } from '@ledger/domain/shared/values';
import { CitationInput, IsCitationList } from '../../ledger/dto/citation.input';
import { DealKind } from '../../ledger/enums';
import { DateScalar } from '../../ledger/scalars/date.scalar';
import { IsIdempotencyKey, IsRequiredText, IsSlugId } from '../../ledger/validation';
import { PartyInput } from './party.input';
import { IsTermList, TermInput } from './term.input';

@InputType('SignDealInput')
export class SignDealInput {
  @Field(() => ID)
  @IsSlugId()
  id!: string;

  @Field(() => String)
  @IsRequiredText(MAX_SHORT_TEXT)
  title!: string;

  @Field(() => DealKind)
  @IsEnum(DealKind)
  kind!: DealKind;

  @Field(() => [PartyInput], { description: 'At least two parties.' })
  @IsArray()
  @ArrayMinSize(2, { message: '$property must name at least two parties' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PartyInput)
  parties!: PartyInput[];

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  @IsString()
  signedOn?: string | null;

  @Field(() => [TermInput])
  @IsTermList()
  terms!: TermInput[];

  @Field(() => [CitationInput], { description: 'At least one.' })
  @IsCitationList()
  citations!: CitationInput[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIdempotencyKey()
  idempotencyKey?: string | null;
}
