import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { MAX_SHORT_TEXT } from '@ledger/domain/shared/values';
import { IsRequiredText, IsSlugId } from '../../ledger/validation';

@InputType('PersonInput')
export class PersonInput {
  @Field(() => ID, { nullable: true, description: 'Optional slug; derived from the name when absent.' })
  @IsOptional()
  @IsSlugId()
  id?: string | null;

  @Field(() => String)
  @IsRequiredText(MAX_SHORT_TEXT)
  name!: string;
}
