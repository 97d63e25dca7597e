import { GraphQLScalarType, Kind, type ObjectValueNode, type ValueNode } from 'graphql';
import { ScalarInputError, ScalarLiteralError } from './scalar-input.error';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

function parseJsonLiteral(ast: ValueNode, variables?: Maybe<Record<string, unknown>>): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((value) => parseJsonLiteral(value, variables));
    case Kind.OBJECT:
      return parseObject(ast, variables);
    case Kind.VARIABLE:
      return variables ? variables[ast.name.value] : undefined;
    default:
      throw new ScalarLiteralError('JSON', `JSON cannot represent a ${ast.kind} literal`);
  }
}

type Maybe<T> = T | null | undefined;

function parseObject(ast: ObjectValueNode, variables?: Maybe<Record<string, unknown>>): Record<string, unknown> {
  const result: Record<string, unknown> = Object.create(null);
  for (const field of ast.fields) result[field.name.value] = parseJsonLiteral(field.value, variables);
  return { ...result };
}

function parseJsonValue(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new ScalarInputError('JSON', 'JSON cannot represent a non-finite number');
  }
  return value;
}

/** `scalar JSON`: any JSON value, passed through as is. */
export const JSONScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: parseJsonValue,
  parseLiteral: parseJsonLiteral,
});
