import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { MAX_SHORT_TEXT } from '@ledger/domain/shared/values';
import { SourceKind } from '../../ledger/enums';
import { DateScalar } from '../../ledger/scalars/date.scalar';
import { IsIdempotencyKey, IsRequiredText, IsSlugId, IsText } from '../../ledger/validation';

@InputType('RegisterSourceInput')
export class RegisterSourceInput {
  @Field(() => ID)
  @IsSlugId()
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_SHORT_TEXT)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: '$property must be an http or https URL' },
  )
  url?: string | null;

  @Field(() => String)
  @IsRequiredText(MAX_SHORT_TEXT)
  title!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(MAX_SHORT_TEXT)
  publisher?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(MAX_SHORT_TEXT)
  author?: string | null;

  @Field(() => SourceKind)
  @IsEnum(SourceKind)
  kind!: SourceKind;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  @IsString()
  publishedOn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIdempotencyKey()
  idempotencyKey?: string | null;
}
