import { Field, ObjectType } from '@nestjs/graphql';
import { LedgerEventModel } from '../../ledger/models/ledger-event.model';
import { DealModel } from './deal.model';

@ObjectType('DealPayload')
export class DealPayloadModel {
  @Field(() => DealModel)
  deal!: DealModel;

  @Field(() => LedgerEventModel)
  event!: LedgerEventModel;
}
