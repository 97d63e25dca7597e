import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsOptional } from 'class-validator';
import { MAX_SHORT_TEXT } from '@ledger/domain/shared/values';
import { IsIdempotencyKey, IsRequiredText, IsSlugId, IsText, NotBlank } from '../../ledger/validation';

@InputType('RegisterCompanyInput')
export class RegisterCompanyInput {
  @Field(() => ID)
  @IsSlugId()
  id!: string;

  @Field(() => String)
  @IsRequiredText(MAX_SHORT_TEXT)
  name!: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsText(MAX_SHORT_TEXT, { each: true })
  @NotBlank({ each: true })
  aliases?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIdempotencyKey()
  idempotencyKey?: string | null;
}
