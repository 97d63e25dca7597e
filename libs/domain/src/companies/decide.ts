import type { DecisionState } from '../ledger/decision-state';
import { requireNewId } from '../ledger/decision-state';
import type { DomainEvent } from '../ledger/events';
import { InputProblems } from '../shared/validation';
import { MAX_SHORT_TEXT } from '../shared/values';
import type { RegisterCompany } from './commands';
import type { CompanyRegistered } from './events';

/** Registers a company. No world date, no citations. */
export function decideRegisterCompany(command: RegisterCompany, state: DecisionState): DomainEvent<CompanyRegistered> {
  const problems = new InputProblems();
  problems.requireSlug(command.id, 'input.id');
  problems.requireText(command.name, 'input.name', MAX_SHORT_TEXT);
  command.aliases.forEach((alias, index) => problems.requireText(alias, `input.aliases.${index}`, MAX_SHORT_TEXT));
  problems.throwIfAny();

  requireNewId(state.known, command.id);

  return {
    type: 'COMPANY_REGISTERED',
    streamId: command.id,
    data: { companyId: command.id, name: command.name, aliases: [...command.aliases] },
    citations: [],
    occurredOn: null,
  };
}
