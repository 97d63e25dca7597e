import { ArgsType, Field } from '@nestjs/graphql';
import { IsOptional, IsString } from 'class-validator';
import { DateScalar } from '../scalars/date.scalar';

/** `(on: Date)` of Deal.status and Company.dealFlows: a world date, default today (the resolver's choice). */
@ArgsType()
export class OnDateArgs {
  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  @IsString()
  on?: string | null;
}
