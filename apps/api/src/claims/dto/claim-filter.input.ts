import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_ID_LENGTH } from '@ledger/domain/shared/values';
import { ArgumentStatus, ClaimKind, Metric } from '../../ledger/enums';

@InputType('ClaimFilter')
export class ClaimFilterInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_ID_LENGTH)
  subjectId?: string | null;

  @Field(() => ClaimKind, { nullable: true })
  @IsOptional()
  @IsEnum(ClaimKind)
  kind?: ClaimKind | null;

  @Field(() => Metric, { nullable: true })
  @IsOptional()
  @IsEnum(Metric)
  metric?: Metric | null;

  @Field(() => ArgumentStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ArgumentStatus)
  status?: ArgumentStatus | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  contested?: boolean | null;
}
