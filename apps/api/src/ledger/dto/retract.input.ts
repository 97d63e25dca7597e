import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, Min } from 'class-validator';
import { MAX_LONG_TEXT } from '@ledger/domain/shared/values';
import { IsIdempotencyKey, IsRequiredText, IsSlugId } from '../validation';

@InputType('RetractInput')
export class RetractInput {
  @Field(() => ID, { description: 'A claim, a rebuttal or a talent move.' })
  @IsSlugId()
  targetId!: string;

  @Field(() => String)
  @IsRequiredText(MAX_LONG_TEXT)
  reason!: string;

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
