import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { PartyRole } from '../../ledger/enums';
import { IsSlugId } from '../../ledger/validation';

@InputType('PartyInput')
export class PartyInput {
  @Field(() => ID)
  @IsSlugId()
  companyId!: string;

  @Field(() => PartyRole)
  @IsEnum(PartyRole)
  role!: PartyRole;
}
