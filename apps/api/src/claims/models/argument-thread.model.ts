import { Field, Int, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar } from '../../ledger/scalars/date-time.scalar';

@ObjectType('ArgumentThread', {
  description: 'Statistics of every rebuttal ever posted under a claim, at any depth, retracted ones included.',
})
export class ArgumentThreadModel {
  @Field(() => Int)
  size!: number;

  @Field(() => Int, { description: 'The longest chain of rebuttals below the claim; 0 when there is none.' })
  depth!: number;

  @Field(() => Int, { description: 'Rebuttals by stance.' })
  refutations!: number;

  @Field(() => Int)
  supports!: number;

  @Field(() => Int)
  qualifications!: number;

  @Field(() => [String], { description: "Distinct authors in the thread, the claim's author included." })
  participants!: string[];

  @Field(() => DateTimeScalar, { nullable: true })
  lastActivityAt!: string | null;
}
