import { Field, ID, InterfaceType } from '@nestjs/graphql';
import { ClaimModel } from '../../claims/models/claim.model';
import { RebuttalModel } from '../../claims/models/rebuttal.model';
import { CompanyModel } from '../../companies/models/company.model';
import { DealModel } from '../../deals/models/deal.model';
import { PersonModel } from '../../people/models/person.model';
import { TalentMoveModel } from '../../people/models/talent-move.model';
import { SourceModel } from '../../sources/models/source.model';
import { LedgerEventModel } from './ledger-event.model';

/**
 * `interface Node`. The implementing classes are only touched inside resolveType (at query time),
 * never at import time, so the import cycle with the models is harmless.
 */
@InterfaceType('Node', {
  resolveType(value: unknown) {
    if (value instanceof SourceModel) return SourceModel;
    if (value instanceof CompanyModel) return CompanyModel;
    if (value instanceof DealModel) return DealModel;
    if (value instanceof ClaimModel) return ClaimModel;
    if (value instanceof RebuttalModel) return RebuttalModel;
    if (value instanceof PersonModel) return PersonModel;
    if (value instanceof TalentMoveModel) return TalentMoveModel;
    if (value instanceof LedgerEventModel) return LedgerEventModel;
    return undefined;
  },
})
export abstract class NodeModel {
  @Field(() => ID)
  id!: string;
}
