import { decideClaimValuation, decideMakeClaim, decidePostRebuttal } from '../claims/decide';
import { decideRegisterCompany } from '../companies/decide';
import { decideAmendDeal, decideSignDeal, decideTerminateDeal } from '../deals/decide';
import { decideRecordTalentDeparture } from '../people/decide';
import { decideRegisterSource } from '../sources/decide';
import type { LedgerCommand } from './commands';
import type { DecisionState } from './decision-state';
import type { DomainEvent } from './events';
import { decideRetract } from './retract';

export type { DecisionState, TargetRow } from './decision-state';

/**
 * The decider: checks a command against the ledger's current state and returns the one event it
 * appends, or throws a DomainError (BAD_USER_INPUT with input paths, NOT_FOUND, ALREADY_EXISTS).
 * Order of checks: the input on its own (every problem at once), then the ids it creates, then the
 * ids it references, then rules that depend on the target's state.
 */
export function decide(command: LedgerCommand, state: DecisionState): DomainEvent {
  switch (command.type) {
    case 'registerSource':
      return decideRegisterSource(command, state);
    case 'registerCompany':
      return decideRegisterCompany(command, state);
    case 'signDeal':
      return decideSignDeal(command, state);
    case 'amendDeal':
      return decideAmendDeal(command, state);
    case 'terminateDeal':
      return decideTerminateDeal(command, state);
    case 'claimValuation':
      return decideClaimValuation(command, state);
    case 'makeClaim':
      return decideMakeClaim(command, state);
    case 'recordTalentDeparture':
      return decideRecordTalentDeparture(command, state);
    case 'postRebuttal':
      return decidePostRebuttal(command, state);
    case 'retract':
      return decideRetract(command, state);
  }
}

/**
 * Every id the handler must look up (kind) for `known`: the command's new id (to detect
 * ALREADY_EXISTS), the person id, companies, cited sources, and the target (deal, claim, rebuttal,
 * move). Distinct, in order of first mention.
 */
export function referencedIds(command: LedgerCommand): string[] {
  const ids: string[] = [];
  switch (command.type) {
    case 'registerSource':
    case 'registerCompany':
      ids.push(command.id);
      break;
    case 'signDeal':
      ids.push(command.id, ...command.parties.map((party) => party.companyId));
      break;
    case 'amendDeal':
    case 'terminateDeal':
      ids.push(command.dealId);
      break;
    case 'claimValuation':
      ids.push(command.id, command.companyId);
      break;
    case 'makeClaim':
      ids.push(command.id, ...command.subjectIds);
      break;
    case 'recordTalentDeparture':
      ids.push(command.id, command.personId, command.fromCompanyId);
      if (command.toCompanyId !== null) ids.push(command.toCompanyId);
      break;
    case 'postRebuttal':
      ids.push(command.id, command.targetId);
      break;
    case 'retract':
      ids.push(command.targetId);
      break;
  }
  if ('citations' in command) ids.push(...command.citations.map((citation) => citation.sourceId));
  return [...new Set(ids)];
}

/** The id of the entity whose stream receives the command's event. */
export function streamIdOf(command: LedgerCommand): string {
  switch (command.type) {
    case 'amendDeal':
    case 'terminateDeal':
      return command.dealId;
    case 'retract':
      return command.targetId;
    default:
      return command.id;
  }
}

/** The id of the row `DecisionState.target` must hold, or null when the command needs none. */
export function targetIdOf(command: LedgerCommand): string | null {
  switch (command.type) {
    case 'amendDeal':
    case 'terminateDeal':
      return command.dealId;
    case 'postRebuttal':
    case 'retract':
      return command.targetId;
    default:
      return null;
  }
}

/** True when the command starts a new stream (its event is version 1 of a new entity). */
export function isCreation(command: LedgerCommand): boolean {
  return command.type !== 'amendDeal' && command.type !== 'terminateDeal' && command.type !== 'retract';
}

/** The expectedVersion a command carries (null when it has none or does not check one). */
export function expectedVersionOf(command: LedgerCommand): number | null {
  return 'expectedVersion' in command ? command.expectedVersion : null;
}
