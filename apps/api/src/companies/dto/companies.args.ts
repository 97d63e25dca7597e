import { ArgsType, Field } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { PaginationArgs } from '../../ledger/dto/pagination.args';
import { DealStatus, Metric, PartyRole } from '../../ledger/enums';
import { DateScalar } from '../../ledger/scalars/date.scalar';

/** `companies(first: Int = 50, after: String, nameContains: String)` (Query and LedgerView). */
@ArgsType()
export class CompaniesArgs extends PaginationArgs {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  nameContains?: string | null;
}

/** `Company.deals(role: PartyRole, status: DealStatus, on: Date)`. */
@ArgsType()
export class CompanyDealsArgs {
  @Field(() => PartyRole, { nullable: true })
  @IsOptional()
  @IsEnum(PartyRole)
  role?: PartyRole | null;

  @Field(() => DealStatus, { nullable: true })
  @IsOptional()
  @IsEnum(DealStatus)
  status?: DealStatus | null;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  @IsString()
  on?: string | null;
}

/** `Company.claims(metric: Metric)`. */
@ArgsType()
export class CompanyClaimsArgs {
  @Field(() => Metric, { nullable: true })
  @IsOptional()
  @IsEnum(Metric)
  metric?: Metric | null;
}

/** `Company.latestClaim(metric: Metric!)`. */
@ArgsType()
export class LatestClaimArgs {
  @Field(() => Metric)
  @IsEnum(Metric)
  metric!: Metric;
}
