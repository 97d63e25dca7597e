import type { LedgerCommand } from '@ledger/domain/ledger/commands';
import { toClaimValuationCommand, toMakeClaimCommand, toPostRebuttalCommand } from '../claims/claims.mappers';
import { ClaimValuationInput } from '../claims/dto/claim-valuation.input';
import { MakeClaimInput } from '../claims/dto/make-claim.input';
import { PostRebuttalInput } from '../claims/dto/post-rebuttal.input';
import { toRegisterCompanyCommand } from '../companies/companies.mappers';
import { RegisterCompanyInput } from '../companies/dto/register-company.input';
import { toAmendDealCommand, toSignDealCommand, toTerminateDealCommand } from '../deals/deals.mappers';
import { AmendDealInput } from '../deals/dto/amend-deal.input';
import { SignDealInput } from '../deals/dto/sign-deal.input';
import { TerminateDealInput } from '../deals/dto/terminate-deal.input';
import { RecordTalentDepartureInput } from '../people/dto/record-talent-departure.input';
import { toRecordTalentDepartureCommand } from '../people/people.mappers';
import { RegisterSourceInput } from '../sources/dto/register-source.input';
import { toRegisterSourceCommand } from '../sources/sources.mappers';
import { RetractInput } from './dto/retract.input';
import { toRetractCommand } from './ledger.mappers';

type NewId = (hint: string) => string;

interface MutationCommand {
  /** The class-validator input class of the mutation's `input` argument. */
  readonly input: new () => object;
  /** Its GraphQL input type name in the served schema. */
  readonly inputType: string;
  readonly toCommand: (input: never, newId: NewId) => LedgerCommand;
}

function mutation<I extends object>(
  input: new () => I,
  inputType: string,
  toCommand: (input: I, newId: NewId) => LedgerCommand,
): MutationCommand {
  return { input, inputType, toCommand: toCommand as MutationCommand['toCommand'] };
}

/**
 * Each mutation's input class and input → command mapper: what the NDJSON import applies to a line
 * (the same classes and mappers the resolvers use).
 */
export const MUTATION_COMMANDS = {
  registerSource: mutation(RegisterSourceInput, 'RegisterSourceInput', (input) => toRegisterSourceCommand(input)),
  registerCompany: mutation(RegisterCompanyInput, 'RegisterCompanyInput', (input) => toRegisterCompanyCommand(input)),
  signDeal: mutation(SignDealInput, 'SignDealInput', (input) => toSignDealCommand(input)),
  amendDeal: mutation(AmendDealInput, 'AmendDealInput', (input) => toAmendDealCommand(input)),
  terminateDeal: mutation(TerminateDealInput, 'TerminateDealInput', (input) => toTerminateDealCommand(input)),
  claimValuation: mutation(ClaimValuationInput, 'ClaimValuationInput', toClaimValuationCommand),
  makeClaim: mutation(MakeClaimInput, 'MakeClaimInput', toMakeClaimCommand),
  recordTalentDeparture: mutation(RecordTalentDepartureInput, 'RecordTalentDepartureInput', toRecordTalentDepartureCommand),
  postRebuttal: mutation(PostRebuttalInput, 'PostRebuttalInput', toPostRebuttalCommand),
  retract: mutation(RetractInput, 'RetractInput', (input) => toRetractCommand(input)),
} as const satisfies Record<string, MutationCommand>;

export type MutationName = keyof typeof MUTATION_COMMANDS;
export const MUTATION_NAMES = Object.keys(MUTATION_COMMANDS) as MutationName[];
