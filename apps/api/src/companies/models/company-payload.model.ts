import { Field, ObjectType } from '@nestjs/graphql';
import { LedgerEventModel } from '../../ledger/models/ledger-event.model';
import { CompanyModel } from './company.model';

@ObjectType('CompanyPayload')
export class CompanyPayloadModel {
  @Field(() => CompanyModel)
  company!: CompanyModel;

  @Field(() => LedgerEventModel)
  event!: LedgerEventModel;
}
