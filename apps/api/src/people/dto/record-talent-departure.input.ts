import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, IsString, ValidateNested } from 'class-validator';
import { MAX_SHORT_TEXT } from '@ledger/domain/shared/values';
import { CitationInput, IsCitationList } from '../../ledger/dto/citation.input';
import { DateScalar } from '../../ledger/scalars/date.scalar';
import { IsIdempotencyKey, IsSlugId, IsText } from '../../ledger/validation';
import { PersonInput } from './person.input';

@InputType('RecordTalentDepartureInput')
export class RecordTalentDepartureInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsSlugId()
  id?: string | null;

  @Field(() => PersonInput)
  @ValidateNested()
  @Type(() => PersonInput)
  person!: PersonInput;

  @Field(() => ID)
  @IsSlugId()
  fromCompanyId!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsSlugId()
  toCompanyId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(MAX_SHORT_TEXT)
  role?: string | null;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  @IsString()
  announcedOn?: string | null;

  @Field(() => [CitationInput])
  @IsCitationList()
  citations!: CitationInput[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIdempotencyKey()
  idempotencyKey?: string | null;
}
