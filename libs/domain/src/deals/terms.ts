import type { InputProblems } from '../shared/validation';
import { MAX_LONG_TEXT } from '../shared/values';
import type { TermValue } from './events';

/** Term keys are lower-case identifiers: "payment", "notice_period". */
export const TERM_KEY_PATTERN = /^[a-z][a-z0-9_]*$/;
export const MAX_TERM_KEY_LENGTH = 64;
/** Largest number of days a term can hold (a GraphQL Int). */
export const MAX_TERM_DAYS = 2_147_483_647;

/** Which of the four value fields a term sets. */
export type TermValueKind = 'amount' | 'date' | 'days' | 'text';

/** Conventional keys and the kind of value they must hold; other keys are free. */
export const CONVENTIONAL_TERM_KINDS: ReadonlyMap<string, TermValueKind> = new Map<string, TermValueKind>([
  ['payment', 'amount'],
  ['starts_on', 'date'],
  ['ends_on', 'date'],
  ['notice_period', 'days'],
  ['capacity', 'text'],
]);

export const PAYMENT_TERM = 'payment';
export const STARTS_ON_TERM = 'starts_on';
export const ENDS_ON_TERM = 'ends_on';

/** The kind of value set, or null unless exactly one of amount, date, days, text is non-null. */
export function termValueKind(term: Pick<TermValue, 'amount' | 'date' | 'days' | 'text'>): TermValueKind | null {
  const set: TermValueKind[] = [];
  if (term.amount !== null) set.push('amount');
  if (term.date !== null) set.push('date');
  if (term.days !== null) set.push('days');
  if (term.text !== null) set.push('text');
  return set.length === 1 ? set[0] : null;
}

/** Checks each term on its own and the uniqueness of keys within one command. */
export function checkTerms(terms: readonly TermValue[], problems: InputProblems): void {
  const seenKeys = new Set<string>();
  terms.forEach((term, index) => {
    const field = `input.terms.${index}`;
    if (term.key.length > MAX_TERM_KEY_LENGTH || !TERM_KEY_PATTERN.test(term.key)) {
      problems.add(`${field}.key`, `must match ${TERM_KEY_PATTERN.source} and have at most ${MAX_TERM_KEY_LENGTH} characters`);
    } else if (seenKeys.has(term.key)) {
      problems.add(`${field}.key`, `repeats the key "${term.key}"; give each key once`);
    }
    seenKeys.add(term.key);

    const kind = termValueKind(term);
    if (kind === null) {
      problems.add(field, 'must set exactly one of amount, date, days, text');
      return;
    }
    const expected = CONVENTIONAL_TERM_KINDS.get(term.key);
    if (expected !== undefined && expected !== kind) {
      problems.add(field, `the term "${term.key}" must be a ${expected}, not a ${kind}`);
    }
    if (term.amount !== null) problems.requireAmount(term.amount, `${field}.amount`);
    if (term.date !== null) problems.optionalDate(term.date, `${field}.date`);
    if (term.days !== null && (!Number.isInteger(term.days) || term.days < 0 || term.days > MAX_TERM_DAYS)) {
      problems.add(`${field}.days`, 'must be a whole number of days, 0 or more');
    }
    if (term.text !== null) problems.requireText(term.text, `${field}.text`, MAX_LONG_TEXT);
  });
}
