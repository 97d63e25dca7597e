import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { isIsoDate, type IsoDate } from '@ledger/domain/shared/values';
import { asLiteral, describeValue, ScalarInputError, ScalarLiteralError } from './scalar-input.error';

/** Parses a client's Date: a string "YYYY-MM-DD" that names a real calendar date. */
export function parseDateInput(value: unknown): IsoDate {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new ScalarInputError('Date', `Date must be a real calendar date "YYYY-MM-DD", such as "2026-05-20"; got ${describeValue(value)}`);
  }
  return value;
}

/** Serialises a calendar date: an ISO date string, or the UTC date of a JS Date. */
export function serializeDate(value: unknown): IsoDate {
  if (typeof value === 'string' && isIsoDate(value)) return value;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  throw new TypeError(`Date cannot represent ${describeValue(value)}`);
}

function parseDateLiteral(ast: ValueNode): IsoDate {
  if (ast.kind === Kind.STRING) {
    const text = ast.value;
    return asLiteral('Date', () => parseDateInput(text));
  }
  throw new ScalarLiteralError('Date', 'Date must be a string "YYYY-MM-DD", such as "2026-05-20"');
}

/** `scalar Date`: a calendar date "YYYY-MM-DD" (world time). Internal value: the same string. */
export const DateScalar = new GraphQLScalarType<IsoDate, IsoDate>({
  name: 'Date',
  description: 'A calendar date "YYYY-MM-DD".',
  serialize: serializeDate,
  parseValue: parseDateInput,
  parseLiteral: parseDateLiteral,
});
