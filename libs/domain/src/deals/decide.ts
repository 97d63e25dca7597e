import { checkCitations, requireCitedSources } from '../ledger/citation-rules';
import type { DecisionState } from '../ledger/decision-state';
import { checkExpectedVersion, isDealRow, requireExisting, requireNewId, requireTarget } from '../ledger/decision-state';
import type { DomainEvent } from '../ledger/events';
import { InputProblems, rejectInput } from '../shared/validation';
import { MAX_LONG_TEXT, MAX_SHORT_TEXT, type IsoDate } from '../shared/values';
import type { AmendDeal, SignDeal, TerminateDeal } from './commands';
import { currentTermValue } from './derived';
import type { DealAmended, DealSigned, DealTerminated, TermValue } from './events';
import type { DealRow } from './read-model';
import { checkTerms, ENDS_ON_TERM, STARTS_ON_TERM } from './terms';

const DEAL_KINDS: readonly string[] = [
  'COMPUTE_LEASE',
  'INVESTMENT',
  'LICENSE',
  'SUPPLY',
  'VENDOR_FINANCING',
  'ACQUISITION',
  'PARTNERSHIP',
  'OTHER',
];

/** Signs a deal: at least two distinct parties, well-typed terms (possibly none), at least one citation. */
export function decideSignDeal(command: SignDeal, state: DecisionState): DomainEvent<DealSigned> {
  const problems = new InputProblems();
  problems.requireSlug(command.id, 'input.id');
  problems.requireText(command.title, 'input.title', MAX_SHORT_TEXT);
  if (!DEAL_KINDS.includes(command.kind)) problems.add('input.kind', `must be one of ${DEAL_KINDS.join(', ')}`);
  const companyIds = command.parties.map((party) => party.companyId);
  if (companyIds.length < 2) problems.add('input.parties', 'must name at least two parties');
  else if (new Set(companyIds).size !== companyIds.length) problems.add('input.parties', 'must name each company once');
  problems.optionalDate(command.signedOn, 'input.signedOn');
  checkTerms(command.terms, problems);
  checkCitations(command.citations, problems);
  problems.throwIfAny();
  checkTermDates(command.terms, null);

  requireNewId(state.known, command.id);
  command.parties.forEach((party, index) =>
    requireExisting(state.known, party.companyId, 'COMPANY', `input.parties.${index}.companyId`),
  );
  requireCitedSources(command.citations, state.known);

  return {
    type: 'DEAL_SIGNED',
    streamId: command.id,
    data: {
      dealId: command.id,
      title: command.title,
      kind: command.kind,
      parties: command.parties.map((party) => ({ companyId: party.companyId, role: party.role })),
      signedOn: command.signedOn,
      terms: command.terms.map(copyTerm),
    },
    citations: [...command.citations],
    occurredOn: command.signedOn,
  };
}

/** Sets or replaces terms by key from `effectiveOn`; ends_on may not fall before starts_on once merged. */
export function decideAmendDeal(command: AmendDeal, state: DecisionState): DomainEvent<DealAmended> {
  const problems = new InputProblems();
  if (command.terms.length === 0) problems.add('input.terms', 'must contain at least one term');
  checkTerms(command.terms, problems);
  problems.optionalDate(command.effectiveOn, 'input.effectiveOn');
  problems.requireText(command.reason, 'input.reason', MAX_LONG_TEXT);
  checkCitations(command.citations, problems);
  problems.throwIfAny();

  requireExisting(state.known, command.dealId, 'DEAL', 'input.dealId');
  const deal = requireTarget(state, isDealRow, command.dealId, 'DEAL', 'input.dealId');
  requireCitedSources(command.citations, state.known);
  checkExpectedVersion(command.dealId, command.expectedVersion, deal);
  checkTermDates(command.terms, deal);

  return {
    type: 'DEAL_AMENDED',
    streamId: command.dealId,
    data: {
      dealId: command.dealId,
      terms: command.terms.map(copyTerm),
      effectiveOn: command.effectiveOn,
      reason: command.reason,
    },
    citations: [...command.citations],
    occurredOn: command.effectiveOn,
  };
}

/** Terminates a deal once. */
export function decideTerminateDeal(command: TerminateDeal, state: DecisionState): DomainEvent<DealTerminated> {
  const problems = new InputProblems();
  problems.optionalDate(command.terminatedOn, 'input.terminatedOn');
  problems.requireText(command.reason, 'input.reason', MAX_LONG_TEXT);
  checkCitations(command.citations, problems);
  problems.throwIfAny();

  requireExisting(state.known, command.dealId, 'DEAL', 'input.dealId');
  const deal = requireTarget(state, isDealRow, command.dealId, 'DEAL', 'input.dealId');
  requireCitedSources(command.citations, state.known);
  checkExpectedVersion(command.dealId, command.expectedVersion, deal);
  if (deal.terminatedOn !== null) {
    rejectInput('input.dealId', `is already terminated (on ${deal.terminatedOn})`);
  }

  return {
    type: 'DEAL_TERMINATED',
    streamId: command.dealId,
    data: { dealId: command.dealId, terminatedOn: command.terminatedOn, reason: command.reason },
    citations: [...command.citations],
    occurredOn: command.terminatedOn,
  };
}

function copyTerm(term: TermValue): TermValue {
  return { key: term.key, amount: term.amount, date: term.date, days: term.days, text: term.text };
}

/**
 * ends_on may not fall before starts_on. The command's terms override the deal's current ones
 * (for a signing there is no deal yet). The fault is reported on the command's date term.
 */
function checkTermDates(terms: readonly TermValue[], deal: DealRow | null): void {
  const startsIndex = terms.findIndex((term) => term.key === STARTS_ON_TERM);
  const endsIndex = terms.findIndex((term) => term.key === ENDS_ON_TERM);
  if (startsIndex < 0 && endsIndex < 0) return;
  const startsOn = startsIndex >= 0 ? terms[startsIndex].date : currentDate(deal, STARTS_ON_TERM);
  const endsOn = endsIndex >= 0 ? terms[endsIndex].date : currentDate(deal, ENDS_ON_TERM);
  if (startsOn !== null && endsOn !== null && endsOn < startsOn) {
    const field = endsIndex >= 0 ? `input.terms.${endsIndex}.date` : `input.terms.${startsIndex}.date`;
    rejectInput(field, `ends_on ${endsOn} falls before starts_on ${startsOn}`);
  }
}

function currentDate(deal: DealRow | null, key: string): IsoDate | null {
  const term = deal?.terms.find((candidate) => candidate.key === key);
  return term === undefined ? null : currentTermValue(term).date;
}
