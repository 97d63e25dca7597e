import { Field, ID, ObjectType } from '@nestjs/graphql';
import { LedgerEventModel } from './ledger-event.model';

@ObjectType('RetractPayload')
export class RetractPayloadModel {
  @Field(() => ID)
  targetId!: string;

  @Field(() => LedgerEventModel)
  event!: LedgerEventModel;
}
