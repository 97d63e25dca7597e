import Decimal from 'decimal.js';
import { badInput } from './errors';

/** An ISO calendar date "YYYY-MM-DD" (world time). */
export type IsoDate = string;
/** An RFC 3339 instant with milliseconds (ledger time). */
export type IsoInstant = string;
/** An exact decimal in plain notation without trailing fractional zeros: "1250000000", "-0.25". */
export type DecimalString = string;

export type Period = 'MONTH' | 'QUARTER' | 'YEAR';
export const PERIODS: readonly Period[] = ['MONTH', 'QUARTER', 'YEAR'];

export interface Amount {
  readonly value: DecimalString;
  readonly unit: string;
  readonly per: Period | null;
}

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
export const MAX_ID_LENGTH = 100;
export const MAX_LONG_TEXT = 10_000;
export const MAX_SHORT_TEXT = 1_000;

export function isSlug(id: string): boolean {
  return id.length <= MAX_ID_LENGTH && SLUG_PATTERN.test(id);
}

/** Lower-case slug of free text ("Clive Chan" -> "clive-chan"), at most `max` characters; null when none of it is a letter a-z or digit ("李明"). */
export function slugOrNull(text: string, max = 60): string | null {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
  return slug.length > 0 ? slug : null;
}

/** slugOrNull, with "x" for text that has no letter a-z or digit (a hint for a generated id, never an id on its own). */
export function slugify(text: string, max = 60): string {
  return slugOrNull(text, max) ?? 'x';
}

const PLAIN_DECIMAL = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;
export const MAX_DECIMAL_DIGITS = 40;

/** True for a decimal string in plain notation (no exponent, no leading zeros, no "+"). */
export function isPlainDecimal(text: string): boolean {
  return text.length <= MAX_DECIMAL_DIGITS + 2 && PLAIN_DECIMAL.test(text);
}

/** The canonical form of a decimal: plain notation, no trailing fractional zeros, no "-0". */
export function canonicalDecimal(value: Decimal.Value): DecimalString {
  const decimal = new Decimal(value);
  if (decimal.isZero()) return '0';
  return decimal.toFixed();
}

/** Parses a client's decimal string; throws BAD_USER_INPUT for floats, exponents, NaN and the like. */
export function parseDecimal(text: string, field: string): DecimalString {
  if (!isPlainDecimal(text)) {
    throw badInput(`"${text.slice(0, 50)}" is not a decimal in plain notation such as "1250000000" or "-0.25"`, [field]);
  }
  return canonicalDecimal(text);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date "YYYY-MM-DD" (rejects 2026-02-30). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Adds days to an ISO date. The result may fall past 9999-12-31 (ends_on + 1 day): it is then
 * written with more year digits ("10000-01-01"), and compareIsoDates orders it after every
 * 4-digit year, which string comparison would not.
 */
export function addDays(date: IsoDate, days: number): IsoDate {
  const instant = new Date(`${date}T00:00:00.000Z`);
  instant.setUTCDate(instant.getUTCDate() + days);
  return isoDate(instant.getUTCFullYear(), instant.getUTCMonth() + 1, instant.getUTCDate());
}

/** Adds calendar months, clamping the day to the end of the month (2026-01-31 + 1 = 2026-02-28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [year, month, day] = dateParts(date);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = (index % 12) + 1;
  return isoDate(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
}

/** Orders two ISO dates, including the ones past year 9999 that addDays and addMonths can return: <0, 0 or >0. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  const [yearA, monthA, dayA] = dateParts(a);
  const [yearB, monthB, dayB] = dateParts(b);
  return yearA - yearB || monthA - monthB || dayA - dayB;
}

function dateParts(date: IsoDate): [year: number, month: number, day: number] {
  return date.split('-').map(Number) as [number, number, number];
}

function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The calendar date of an instant, in UTC. */
export function dateOf(instant: Date): IsoDate {
  return instant.toISOString().slice(0, 10);
}
