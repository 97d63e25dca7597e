import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { PaginationArgs } from '../../ledger/dto/pagination.args';
import { ClaimFilterInput } from './claim-filter.input';

/** `claims(filter: ClaimFilter, first: Int = 50, after: String)` (Query and LedgerView). */
@ArgsType()
export class ClaimsArgs extends PaginationArgs {
  @Field(() => ClaimFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ClaimFilterInput)
  filter?: ClaimFilterInput | null;
}
