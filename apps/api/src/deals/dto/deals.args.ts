import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { PaginationArgs } from '../../ledger/dto/pagination.args';
import { DealFilterInput } from './deal-filter.input';

/** `deals(filter: DealFilter, first: Int = 50, after: String)` (Query and LedgerView). */
@ArgsType()
export class DealsArgs extends PaginationArgs {
  @Field(() => DealFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DealFilterInput)
  filter?: DealFilterInput | null;
}

/** `Deal.term(key: String!)`. */
@ArgsType()
export class TermKeyArgs {
  @Field(() => String)
  @IsString()
  @MaxLength(200)
  key!: string;
}
