import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { isIsoDate, type IsoInstant } from '@ledger/domain/shared/values';
import { asLiteral, describeValue, ScalarInputError, ScalarLiteralError } from './scalar-input.error';

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
const HINT =
  'an RFC 3339 instant with an offset, between 0001-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z, ' +
  'such as "2026-05-20T14:03:00.000Z" or "2026-05-20T16:03:00+02:00"';

/** The instants a DateTime may hold: years 0001..9999 in UTC (PostgreSQL's timestamptz as the API uses it). */
const MIN_INSTANT = Date.parse('0001-01-01T00:00:00.000Z');
const MAX_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * Parses an RFC 3339 instant (offset required) to a valid JS Date; sub-millisecond digits are truncated.
 * An instant that its offset moves out of years 0001..9999 in UTC is refused (null), like an impossible date.
 */
export function parseInstant(text: string): Date | null {
  const match = RFC3339.exec(text);
  if (!match) return null;
  const [, date, hh, mm, ss, fraction, zulu, sign, offH, offM] = match;
  if (!isIsoDate(date!)) return null;
  const hours = Number(hh);
  const minutes = Number(mm);
  const seconds = Number(ss);
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  let offsetMinutes = 0;
  if (!zulu) {
    const oh = Number(offH);
    const om = Number(offM);
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (sign === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const [year, month, day] = date!.split('-').map(Number) as [number, number, number];
  const millis = fraction ? Number(fraction.padEnd(3, '0').slice(0, 3)) : 0;
  const utc = Date.UTC(year, month - 1, day, hours, minutes, seconds, millis) - offsetMinutes * 60_000;
  const instant = new Date(utc);
  // Date.UTC maps years 0-99 to 1900-1999; fix it up.
  if (year < 100) instant.setUTCFullYear(instant.getUTCFullYear() - 1900);
  const time = instant.getTime();
  return Number.isNaN(time) || time < MIN_INSTANT || time > MAX_INSTANT ? null : instant;
}

/** Parses a client's DateTime to a JS Date. */
export function parseDateTimeInput(value: unknown): Date {
  const instant = typeof value === 'string' ? parseInstant(value) : null;
  if (!instant) {
    throw new ScalarInputError('DateTime', `DateTime must be ${HINT}; got ${describeValue(value)}`);
  }
  return instant;
}

/** Serialises an instant (a JS Date or an RFC 3339 string) as ISO 8601 in UTC with milliseconds. */
export function serializeDateTime(value: unknown): IsoInstant {
  let instant: Date | null = null;
  if (value instanceof Date) instant = value;
  else if (typeof value === 'string') instant = parseInstant(value);
  if (!instant || Number.isNaN(instant.getTime())) throw new TypeError(`DateTime cannot represent ${describeValue(value)}`);
  return instant.toISOString();
}

function parseDateTimeLiteral(ast: ValueNode): Date {
  if (ast.kind === Kind.STRING) {
    const text = ast.value;
    return asLiteral('DateTime', () => parseDateTimeInput(text));
  }
  throw new ScalarLiteralError('DateTime', `DateTime must be ${HINT}`);
}

/**
 * `scalar DateTime`: an RFC 3339 instant (ledger time). Input: with an offset, parsed to a JS Date.
 * Output: always "YYYY-MM-DDTHH:mm:ss.sssZ"; the internal value may be a Date or an RFC 3339 string.
 */
export const DateTimeScalar = new GraphQLScalarType<Date, IsoInstant>({
  name: 'DateTime',
  description:
    'An RFC 3339 instant with milliseconds, e.g. "2026-05-20T14:03:00.000Z". Input needs an offset and must fall ' +
    'between 0001-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z (UTC).',
  serialize: serializeDateTime,
  parseValue: parseDateTimeInput,
  parseLiteral: parseDateTimeLiteral,
});
