import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import Decimal from 'decimal.js';
import { canonicalDecimal, isPlainDecimal, MAX_DECIMAL_DIGITS, type DecimalString } from '@ledger/domain/shared/values';
import { asLiteral, describeValue, ScalarInputError, ScalarLiteralError } from './scalar-input.error';

const HINT = 'a decimal as a JSON string in plain notation, such as "1250000000" or "-0.25"';

/** Parses a client's Decimal: only a string in plain notation, at most MAX_DECIMAL_DIGITS digits. */
export function parseDecimalInput(value: unknown): DecimalString {
  if (typeof value !== 'string') {
    const what = typeof value === 'number' ? `the number ${describeValue(value)}` : describeValue(value);
    throw new ScalarInputError('Decimal', `Decimal must be ${HINT}; got ${what} (numbers are never accepted, to avoid float rounding)`);
  }
  const digits = value.replace(/[-.]/g, '').length;
  if (!isPlainDecimal(value) || digits > MAX_DECIMAL_DIGITS) {
    const reason = digits > MAX_DECIMAL_DIGITS ? ` with at most ${MAX_DECIMAL_DIGITS} digits` : '';
    throw new ScalarInputError('Decimal', `Decimal must be ${HINT}${reason}; got ${describeValue(value)}`);
  }
  return canonicalDecimal(value);
}

/** Serialises a Decimal to its canonical plain string. Accepts strings, decimal.js values and bigints. */
export function serializeDecimal(value: unknown): DecimalString {
  if (typeof value === 'string') {
    if (!/^-?(\d+)(\.\d+)?$/.test(value)) throw new TypeError(`Decimal cannot represent ${describeValue(value)}`);
    return canonicalDecimal(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (Decimal.isDecimal(value)) {
    if (!value.isFinite()) throw new TypeError('Decimal cannot represent a non-finite value');
    return canonicalDecimal(value);
  }
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  throw new TypeError(`Decimal cannot represent ${describeValue(value)}`);
}

function parseDecimalLiteral(ast: ValueNode): DecimalString {
  if (ast.kind === Kind.STRING) {
    const text = ast.value;
    return asLiteral('Decimal', () => parseDecimalInput(text));
  }
  if (ast.kind === Kind.INT || ast.kind === Kind.FLOAT) {
    throw new ScalarLiteralError('Decimal', `Decimal must be ${HINT}; got the number ${ast.value} (write it as a string)`);
  }
  throw new ScalarLiteralError('Decimal', `Decimal must be ${HINT}`);
}

/** `scalar Decimal`: an exact decimal as a string, plain notation, never a float. Internal value: canonical string. */
export const DecimalScalar = new GraphQLScalarType<DecimalString, DecimalString>({
  name: 'Decimal',
  description:
    'An exact decimal as a string: plain notation, no exponent, no trailing fractional zeros ("1250000000", "-0.25"); never a float.',
  serialize: serializeDecimal,
  parseValue: parseDecimalInput,
  parseLiteral: parseDecimalLiteral,
});
