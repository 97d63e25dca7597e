import { Field, ObjectType } from '@nestjs/graphql';
import { LedgerEventModel } from '../../ledger/models/ledger-event.model';
import { ClaimModel } from './claim.model';

@ObjectType('ClaimPayload')
export class ClaimPayloadModel {
  @Field(() => ClaimModel)
  claim!: ClaimModel;

  @Field(() => LedgerEventModel)
  event!: LedgerEventModel;
}
