import { ArgsType, Field } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { IsPosition } from '../validation';

/** `verifyLedger(fromPosition: String, toPosition: String)`. */
@ArgsType()
export class VerifyLedgerArgs {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPosition()
  fromPosition?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPosition()
  toPosition?: string | null;
}
