import { Field, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar } from '../scalars/date-time.scalar';

/**
 * `type LedgerView`: the whole readable state as the ledger stood after `position`. Only `position`
 * and `recordedAt` are plain fields; company, companies, deal, deals, claim, claims, rebuttal, person
 * and source are @ResolveFields that read at `viewPosition`.
 */
@ObjectType('LedgerView', { description: 'The whole readable state as the ledger stood after `position`.' })
export class LedgerViewModel {
  @Field(() => String)
  position!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  recordedAt!: string | null;

  /** Not in GraphQL: the position every nested read is cut at (equal to `position`). */
  viewPosition!: string;
}
