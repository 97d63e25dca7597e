import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsOptional, ValidateNested } from 'class-validator';
import { MAX_LONG_TEXT, MAX_SHORT_TEXT } from '@ledger/domain/shared/values';
import { CitationRole } from '../enums';
import { IsSlugId, IsText } from '../validation';

@InputType('CitationInput')
export class CitationInput {
  @Field(() => ID)
  @IsSlugId()
  sourceId!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(MAX_LONG_TEXT)
  quote?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(MAX_SHORT_TEXT)
  locator?: string | null;

  @Field(() => CitationRole, { nullable: true, defaultValue: CitationRole.SUPPORTING })
  @IsOptional()
  @IsEnum(CitationRole)
  role?: CitationRole | null;
}

/** A list of citations: 1 to 100, each validated. */
export function IsCitationList(): PropertyDecorator {
  return (target, key) => {
    IsArray()(target, key);
    ArrayMinSize(1, { message: '$property must contain at least one citation' })(target, key);
    ArrayMaxSize(100)(target, key);
    ValidateNested({ each: true })(target, key);
    Type(() => CitationInput)(target, key as string);
  };
}
