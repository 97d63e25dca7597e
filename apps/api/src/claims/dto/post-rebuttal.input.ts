import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString } from 'class-validator';
import { MAX_LONG_TEXT, MAX_SHORT_TEXT } from '@ledger/domain/shared/values';
import { CitationInput, IsCitationList } from '../../ledger/dto/citation.input';
import { Stance } from '../../ledger/enums';
import { DateScalar } from '../../ledger/scalars/date.scalar';
import { IsIdempotencyKey, IsRequiredText, IsSlugId } from '../../ledger/validation';

@InputType('PostRebuttalInput')
export class PostRebuttalInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsSlugId()
  id?: string | null;

  @Field(() => ID, { description: 'A claim or a rebuttal.' })
  @IsSlugId()
  targetId!: string;

  @Field(() => Stance)
  @IsEnum(Stance)
  stance!: Stance;

  @Field(() => String)
  @IsRequiredText(MAX_SHORT_TEXT)
  author!: string;

  @Field(() => String)
  @IsRequiredText(MAX_LONG_TEXT)
  text!: string;

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
