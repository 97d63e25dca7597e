import { Field, ObjectType } from '@nestjs/graphql';
import { LedgerEventModel } from '../../ledger/models/ledger-event.model';
import { TalentMoveModel } from './talent-move.model';

@ObjectType('TalentMovePayload')
export class TalentMovePayloadModel {
  @Field(() => TalentMoveModel)
  move!: TalentMoveModel;

  @Field(() => LedgerEventModel)
  event!: LedgerEventModel;
}
