import { GraphQLError } from 'graphql';

/**
 * Thrown by the ledger's scalars' parseValue (variables) when a client value cannot be parsed.
 * graphql-js keeps it as `originalError` of its 'Variable "$input" got invalid value ... at
 * "input.terms[0].amount.value"' error; formatGraphQLError answers BAD_USER_INPUT with the path.
 */
export class ScalarInputError extends GraphQLError {
  readonly isLedgerScalarError = true;

  constructor(
    readonly scalar: string,
    message: string,
  ) {
    super(message, { extensions: { code: 'BAD_USER_INPUT' } });
    this.name = 'ScalarInputError';
  }
}

/**
 * Thrown by parseLiteral (a value written in the query text). Deliberately NOT a GraphQLError:
 * graphql-js's ValuesOfCorrectTypeRule reports a thrown GraphQLError as is, without the location
 * of the literal, but wraps any other error as 'Expected value of type "Decimal!", found 1.5; ...'
 * with the literal's node, from which formatGraphQLError derives the argument path.
 */
export class ScalarLiteralError extends Error {
  readonly isLedgerScalarError = true;
  readonly extensions = { code: 'BAD_USER_INPUT' } as const;

  constructor(
    readonly scalar: string,
    message: string,
  ) {
    super(message);
    this.name = 'ScalarLiteralError';
  }
}

/** True for an error thrown by one of the ledger's scalars. */
export function isScalarError(error: unknown): error is ScalarInputError | ScalarLiteralError {
  return error instanceof ScalarInputError || error instanceof ScalarLiteralError;
}

/** A short, safe rendering of a rejected value for error messages (never a whole payload). */
export function describeValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (value === null) text = 'null';
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
  else if (Array.isArray(value)) text = 'a list';
  else if (typeof value === 'object') text = 'an object';
  else text = typeof value;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Runs a parseValue-style parser for a literal, rethrowing its rejection as a ScalarLiteralError. */
export function asLiteral<T>(scalar: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ScalarInputError) throw new ScalarLiteralError(scalar, error.message);
    throw error;
  }
}
