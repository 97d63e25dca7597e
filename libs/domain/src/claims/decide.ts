import { checkCitations, requireCitedSources } from '../ledger/citation-rules';
import type { DecisionState } from '../ledger/decision-state';
import { entityKindName, isClaimRow, isRebuttalRow, requireNewId, requireExisting } from '../ledger/decision-state';
import type { DomainEvent } from '../ledger/events';
import { notFound } from '../shared/errors';
import { InputProblems, rejectInput } from '../shared/validation';
import { MAX_LONG_TEXT, MAX_SHORT_TEXT, type Amount } from '../shared/values';
import type { ClaimValuation, MakeClaim, PostRebuttal } from './commands';
import type { ClaimMade, Metric, RebuttalPosted, ValuationClaimed } from './events';

const METRICS: readonly string[] = [
  'VALUATION',
  'REVENUE',
  'OPERATING_INCOME',
  'NET_INCOME',
  'FUNDING_RAISED',
  'USERS',
  'HEADCOUNT',
  'PRICE',
  'OTHER',
];
const STANCES: readonly string[] = ['REFUTES', 'SUPPORTS', 'QUALIFIES'];

/**
 * The statement of a valuation claim sent without one:
 * "<company id> <METRIC>[ <fiscal period>]: <value> <unit>[ per <PERIOD>]",
 * e.g. "xai OPERATING_INCOME FY2025: -6400000000 USD" or "spacex VALUATION: 1750000000000 USD".
 */
export function composeValuationStatement(
  companyId: string,
  metric: Metric,
  fiscalPeriod: string | null,
  value: Amount,
): string {
  const period = fiscalPeriod !== null && fiscalPeriod.trim().length > 0 ? ` ${fiscalPeriod.trim()}` : '';
  const per = value.per !== null ? ` per ${value.per}` : '';
  return `${companyId} ${metric}${period}: ${value.value} ${value.unit}${per}`;
}

/** A quantified claim about one company's metric; a blank or absent statement is composed. */
export function decideClaimValuation(command: ClaimValuation, state: DecisionState): DomainEvent<ValuationClaimed> {
  const problems = new InputProblems();
  problems.requireSlug(command.id, 'input.id');
  if (!METRICS.includes(command.metric)) problems.add('input.metric', `must be one of ${METRICS.join(', ')}`);
  problems.requireAmount(command.value, 'input.value');
  problems.optionalText(command.fiscalPeriod, 'input.fiscalPeriod', MAX_SHORT_TEXT);
  problems.requireText(command.author, 'input.author', MAX_SHORT_TEXT);
  problems.optionalText(command.statement, 'input.statement', MAX_LONG_TEXT);
  problems.optionalDate(command.occurredOn, 'input.occurredOn');
  checkCitations(command.citations, problems);
  problems.throwIfAny();

  requireNewId(state.known, command.id);
  requireExisting(state.known, command.companyId, 'COMPANY', 'input.companyId');
  requireCitedSources(command.citations, state.known);

  const statement =
    command.statement !== null && command.statement.trim().length > 0
      ? command.statement
      : composeValuationStatement(command.companyId, command.metric, command.fiscalPeriod, command.value);
  return {
    type: 'VALUATION_CLAIMED',
    streamId: command.id,
    data: {
      claimId: command.id,
      companyId: command.companyId,
      metric: command.metric,
      value: { value: command.value.value, unit: command.value.unit, per: command.value.per },
      fiscalPeriod: command.fiscalPeriod,
      author: command.author,
      statement,
    },
    citations: [...command.citations],
    occurredOn: command.occurredOn,
  };
}

/** A thesis in words about zero or more distinct companies. */
export function decideMakeClaim(command: MakeClaim, state: DecisionState): DomainEvent<ClaimMade> {
  const problems = new InputProblems();
  problems.requireSlug(command.id, 'input.id');
  problems.requireText(command.statement, 'input.statement', MAX_LONG_TEXT);
  problems.requireText(command.author, 'input.author', MAX_SHORT_TEXT);
  command.subjectIds.forEach((subjectId, index) => {
    if (command.subjectIds.indexOf(subjectId) !== index) {
      problems.add(`input.subjectIds.${index}`, `repeats the company "${subjectId}"`);
    }
  });
  problems.optionalDate(command.occurredOn, 'input.occurredOn');
  checkCitations(command.citations, problems);
  problems.throwIfAny();

  requireNewId(state.known, command.id);
  command.subjectIds.forEach((subjectId, index) =>
    requireExisting(state.known, subjectId, 'COMPANY', `input.subjectIds.${index}`),
  );
  requireCitedSources(command.citations, state.known);

  return {
    type: 'CLAIM_MADE',
    streamId: command.id,
    data: { claimId: command.id, statement: command.statement, author: command.author, subjectIds: [...command.subjectIds] },
    citations: [...command.citations],
    occurredOn: command.occurredOn,
  };
}

/**
 * A rebuttal of a claim or of another rebuttal; it joins the thread of the target's root claim.
 * The rebuttal is its own stream (its id), so retracting it concerns it alone.
 */
export function decidePostRebuttal(command: PostRebuttal, state: DecisionState): DomainEvent<RebuttalPosted> {
  const problems = new InputProblems();
  problems.requireSlug(command.id, 'input.id');
  if (!STANCES.includes(command.stance)) problems.add('input.stance', `must be one of ${STANCES.join(', ')}`);
  problems.requireText(command.author, 'input.author', MAX_SHORT_TEXT);
  problems.requireText(command.text, 'input.text', MAX_LONG_TEXT);
  problems.optionalDate(command.occurredOn, 'input.occurredOn');
  checkCitations(command.citations, problems);
  problems.throwIfAny();

  requireNewId(state.known, command.id);
  const targetKind = state.known.get(command.targetId);
  if (targetKind === undefined) throw notFound('claim or rebuttal', command.targetId, 'input.targetId');
  if (targetKind !== 'CLAIM' && targetKind !== 'REBUTTAL') {
    rejectInput('input.targetId', `is a ${entityKindName(targetKind)}; only a claim or a rebuttal can be rebutted`);
  }
  const target = state.target;
  let rootClaimId: string;
  if (targetKind === 'CLAIM') {
    rootClaimId = command.targetId;
  } else if (target !== null && target.id === command.targetId && isRebuttalRow(target)) {
    rootClaimId = target.rootClaimId;
  } else {
    throw notFound('rebuttal', command.targetId, 'input.targetId');
  }
  if (targetKind === 'CLAIM' && target !== null && (target.id !== command.targetId || !isClaimRow(target))) {
    throw notFound('claim', command.targetId, 'input.targetId');
  }
  requireCitedSources(command.citations, state.known);

  return {
    type: 'REBUTTAL_POSTED',
    streamId: command.id,
    data: {
      rebuttalId: command.id,
      targetId: command.targetId,
      rootClaimId,
      stance: command.stance,
      author: command.author,
      text: command.text,
    },
    citations: [...command.citations],
    occurredOn: command.occurredOn,
  };
}
