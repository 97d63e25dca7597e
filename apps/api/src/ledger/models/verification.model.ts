import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Verification')
export class VerificationModel {
  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => Int)
  checkedEvents!: number;

  @Field(() => String, {
    nullable: true,
    description: 'The first event whose hash or chain link does not match, if any.',
  })
  firstBadPosition!: string | null;

  @Field(() => String, { nullable: true })
  message!: string | null;
}
