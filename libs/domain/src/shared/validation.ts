import { badInput } from './errors';
import { isIsoDate, isPlainDecimal, isSlug, MAX_ID_LENGTH, PERIODS, type Amount } from './values';

/** A unit of an amount: an ISO 4217 code ("USD") or a count ("users", "GW"). */
export const UNIT_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,19}$/;

export interface InputProblem {
  /** Input path at fault, e.g. "input.terms.1.days". */
  readonly field: string;
  readonly message: string;
}

/**
 * Whether `text` has more than `max` characters, counted as Unicode code points (as README says, and
 * as the API's MaxLength counts them): an emoji is one character, not its two UTF-16 units.
 */
export function isLongerThan(text: string, max: number): boolean {
  if (text.length <= max) return false; // never more code points than UTF-16 units
  let characters = 0;
  for (const _character of text) {
    characters += 1;
    if (characters > max) return true;
  }
  return false;
}

/**
 * Collects every BAD_USER_INPUT problem of a command so the client learns about all of them at
 * once, then throws one DomainError whose `fields` are the paths at fault, in the order found.
 */
export class InputProblems {
  private readonly found: InputProblem[] = [];

  get all(): readonly InputProblem[] {
    return this.found;
  }

  add(field: string, message: string): void {
    this.found.push({ field, message });
  }

  /** A required string: not blank, at most `max` characters. */
  requireText(value: string, field: string, max: number): void {
    if (value.trim().length === 0) this.add(field, 'must not be empty');
    else if (isLongerThan(value, max)) this.add(field, `must be at most ${max} characters`);
  }

  /** An optional string: null, or at most `max` characters. */
  optionalText(value: string | null, field: string, max: number): void {
    if (value !== null && isLongerThan(value, max)) this.add(field, `must be at most ${max} characters`);
  }

  /** An id chosen by a client: a slug of at most MAX_ID_LENGTH characters. */
  requireSlug(id: string, field: string): void {
    if (!isSlug(id)) {
      this.add(field, `must be a slug ([a-z0-9][a-z0-9-]*, at most ${MAX_ID_LENGTH} characters)`);
    }
  }

  /** A calendar date "YYYY-MM-DD" (null allowed). */
  optionalDate(date: string | null, field: string): void {
    if (date !== null && !isIsoDate(date)) this.add(field, 'must be a calendar date YYYY-MM-DD');
  }

  /** An exact amount: plain decimal value, a unit such as USD, an optional period. */
  requireAmount(amount: Amount, field: string): void {
    if (!isPlainDecimal(amount.value)) {
      this.add(`${field}.value`, 'must be a decimal in plain notation such as "1250000000" or "-0.25"');
    }
    if (!UNIT_PATTERN.test(amount.unit)) {
      this.add(`${field}.unit`, 'must be a unit such as USD: a letter, then at most 19 letters, digits, "_" or "-"');
    }
    if (amount.per !== null && !PERIODS.includes(amount.per)) {
      this.add(`${field}.per`, `must be one of ${PERIODS.join(', ')}`);
    }
  }

  /** Throws BAD_USER_INPUT listing every problem found, if any. */
  throwIfAny(): void {
    if (this.found.length === 0) return;
    const fields = [...new Set(this.found.map((problem) => problem.field))];
    const message = this.found.map((problem) => `${problem.field} ${problem.message}`).join('; ');
    throw badInput(message, fields);
  }
}

/** Throws BAD_USER_INPUT at once for a single problem. */
export function rejectInput(field: string, message: string): never {
  throw badInput(`${field} ${message}`, [field]);
}
