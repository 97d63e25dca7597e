import { Field, ObjectType } from '@nestjs/graphql';
import { LedgerEventModel } from '../../ledger/models/ledger-event.model';
import { SourceModel } from './source.model';

@ObjectType('SourcePayload')
export class SourcePayloadModel {
  @Field(() => SourceModel)
  source!: SourceModel;

  @Field(() => LedgerEventModel)
  event!: LedgerEventModel;
}
