import { Field, ID, InterfaceType } from '@nestjs/graphql';
import { ArgumentStatus } from '../../ledger/enums';
import { CitationModel } from '../../ledger/models/citation.model';
import { DateScalar } from '../../ledger/scalars/date.scalar';
import { DateTimeScalar } from '../../ledger/scalars/date-time.scalar';
import { ClaimModel } from './claim.model';
import { RebuttalModel } from './rebuttal.model';

/**
 * `interface ArgumentNode`, implemented by Claim and Rebuttal. `status` and `rebuttals` are declared
 * here because the interface must list them, but their values come from @ResolveFields on the
 * implementing types' resolvers. Claim and Rebuttal are only referenced lazily (type functions,
 * resolveType), so the import cycle is harmless.
 */
@InterfaceType('ArgumentNode', {
  resolveType(value: unknown) {
    if (value instanceof ClaimModel) return ClaimModel;
    if (value instanceof RebuttalModel) return RebuttalModel;
    return undefined;
  },
})
export abstract class ArgumentNodeModel {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  author!: string;

  @Field(() => [CitationModel])
  citations!: CitationModel[];

  @Field(() => ArgumentStatus)
  status!: ArgumentStatus;

  @Field(() => [RebuttalModel])
  rebuttals!: RebuttalModel[];

  @Field(() => DateScalar, { nullable: true })
  occurredOn!: string | null;

  @Field(() => DateTimeScalar)
  recordedAt!: string;
}
