import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_ID_LENGTH } from '@ledger/domain/shared/values';
import { DealKind, DealStatus } from '../../ledger/enums';
import { DateScalar } from '../../ledger/scalars/date.scalar';

@InputType('DealFilter')
export class DealFilterInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_ID_LENGTH)
  companyId?: string | null;

  @Field(() => DealKind, { nullable: true })
  @IsOptional()
  @IsEnum(DealKind)
  kind?: DealKind | null;

  @Field(() => DealStatus, { nullable: true })
  @IsOptional()
  @IsEnum(DealStatus)
  status?: DealStatus | null;

  @Field(() => DateScalar, { nullable: true, description: 'World date for status (default: today).' })
  @IsOptional()
  @IsString()
  on?: string | null;
}
