import { Field, ObjectType } from '@nestjs/graphql';
import { LedgerEventModel } from '../../ledger/models/ledger-event.model';
import { RebuttalModel } from './rebuttal.model';

@ObjectType('RebuttalPayload')
export class RebuttalPayloadModel {
  @Field(() => RebuttalModel)
  rebuttal!: RebuttalModel;

  @Field(() => LedgerEventModel)
  event!: LedgerEventModel;
}
