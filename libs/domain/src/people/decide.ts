import { checkCitations, requireCitedSources } from '../ledger/citation-rules';
import type { DecisionState } from '../ledger/decision-state';
import { entityKindName, requireExisting, requireNewId } from '../ledger/decision-state';
import type { DomainEvent } from '../ledger/events';
import { alreadyExists } from '../shared/errors';
import { InputProblems } from '../shared/validation';
import { MAX_SHORT_TEXT } from '../shared/values';
import type { RecordTalentDeparture } from './commands';
import type { TalentDeparted } from './events';

/**
 * A person leaves a company (for another, or for none known). The person is created by the first
 * departure naming them; an existing person id is reused (their first recorded name is kept).
 */
export function decideRecordTalentDeparture(
  command: RecordTalentDeparture,
  state: DecisionState,
): DomainEvent<TalentDeparted> {
  const problems = new InputProblems();
  problems.requireSlug(command.id, 'input.id');
  problems.requireSlug(command.personId, 'input.person.id');
  if (command.personId === command.id) problems.add('input.person.id', 'must differ from the id of the move');
  problems.requireText(command.personName, 'input.person.name', MAX_SHORT_TEXT);
  if (command.toCompanyId !== null && command.toCompanyId === command.fromCompanyId) {
    problems.add('input.toCompanyId', 'must differ from fromCompanyId');
  }
  problems.optionalText(command.role, 'input.role', MAX_SHORT_TEXT);
  problems.optionalDate(command.announcedOn, 'input.announcedOn');
  checkCitations(command.citations, problems);
  problems.throwIfAny();

  requireNewId(state.known, command.id);
  const personKind = state.known.get(command.personId);
  if (personKind !== undefined && personKind !== 'PERSON') {
    throw alreadyExists(command.personId, entityKindName(personKind));
  }
  requireExisting(state.known, command.fromCompanyId, 'COMPANY', 'input.fromCompanyId');
  if (command.toCompanyId !== null) requireExisting(state.known, command.toCompanyId, 'COMPANY', 'input.toCompanyId');
  requireCitedSources(command.citations, state.known);

  return {
    type: 'TALENT_DEPARTED',
    streamId: command.id,
    data: {
      moveId: command.id,
      personId: command.personId,
      personName: command.personName,
      fromCompanyId: command.fromCompanyId,
      toCompanyId: command.toCompanyId,
      role: command.role,
    },
    citations: [...command.citations],
    occurredOn: command.announcedOn,
  };
}
