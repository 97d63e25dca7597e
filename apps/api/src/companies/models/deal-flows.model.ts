import { Field, ObjectType } from '@nestjs/graphql';
import { AmountModel } from '../../ledger/models/amount.model';

@ObjectType('DealFlows')
export class DealFlowsModel {
  @Field(() => [AmountModel], { description: 'What this company receives as PROVIDER or LICENSOR, per month.' })
  inboundPerMonth!: AmountModel[];

  @Field(() => [AmountModel], { description: 'What it pays as CUSTOMER or LICENSEE, per month.' })
  outboundPerMonth!: AmountModel[];
}
