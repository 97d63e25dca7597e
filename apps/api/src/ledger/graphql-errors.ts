import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, Kind, parse, visit, type ASTNode, type GraphQLFormattedError } from 'graphql';
import { DomainError, type ErrorCode } from '@ledger/domain/shared/errors';
import { isScalarError } from './scalars/scalar-input.error';

/**
 * Every `extensions.code` the API answers with. The first seven are the contract's mutation codes;
 * the others are request-level failures and the catch-all.
 */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'CONCURRENCY_CONFLICT',
  'IDEMPOTENCY_KEY_REUSED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'BAD_REQUEST',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ApiErrorCode = (typeof ERROR_CODES)[number];

/** One line per code, for the README. */
export const ERROR_CODE_DESCRIPTIONS: Readonly<Record<ApiErrorCode, string>> = {
  BAD_USER_INPUT:
    'Malformed or invalid input (wrong types, floats or exponents for a Decimal, impossible dates, oversized strings, ...). extensions.fields lists the paths at fault, e.g. "input.terms.0.amount.value".',
  NOT_FOUND: 'An id that names nothing (of the expected kind). extensions.fields, id and kind say which.',
  ALREADY_EXISTS: 'The id is already taken by an entity (ids are unique across all kinds).',
  CONCURRENCY_CONFLICT:
    'expectedVersion is not the stream version. extensions.expectedVersion and extensions.actualVersion carry both.',
  IDEMPOTENCY_KEY_REUSED: 'The idempotency key was used before with a different input.',
  UNAUTHENTICATED: 'No valid bearer token.',
  FORBIDDEN: "The token's role may not do this.",
  GRAPHQL_PARSE_FAILED: 'The query is not valid GraphQL syntax.',
  GRAPHQL_VALIDATION_FAILED:
    'The query does not validate against the schema, or exceeds the depth, alias or cost limit (then extensions.limit is "depth", "aliases" or "cost", with maximum and actual).',
  PERSISTED_QUERY_NOT_FOUND: 'Automatic persisted queries: the hash is unknown; send the query text.',
  PERSISTED_QUERY_NOT_SUPPORTED: 'Automatic persisted queries are disabled.',
  BAD_REQUEST:
    'The HTTP request is not a GraphQL request (e.g. no query, wrong content type, a batch of operations, a body over 1 MiB: HTTP 413).',
  SERVICE_UNAVAILABLE:
    'The database cannot be reached right now (down, restarting, out of connections). Retry later; a mutation may or may not have been applied, so retry it with the same idempotencyKey.',
  INTERNAL_SERVER_ERROR: 'Anything else. Never carries details; the server logs them.',
};

const DOMAIN_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'CONCURRENCY_CONFLICT',
  'IDEMPOTENCY_KEY_REUSED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
]);
/** Request-level codes Apollo sets itself; their messages are safe (they describe the request). */
const REQUEST_CODES: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
]);

// ------------------------------------------------------------------ the database is unavailable

const UNAVAILABLE_MESSAGE = 'The database is unavailable; retry shortly (mutations with the same idempotencyKey)';

/** Prisma: can't reach the server, timed out, connection closed, connection pool timeout. */
const UNAVAILABLE_PRISMA_CODES: ReadonlySet<string> = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** Prisma's pg adapter: the kind of a DriverAdapterError's cause. */
const UNAVAILABLE_DRIVER_KINDS: ReadonlySet<string> = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
/** SQLSTATE: connection exceptions (08xxx), admin/crash shutdown, cannot connect now (starting up, recovering), too many connections. */
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P01|57P02|57P03|53300)$/;
/** Node's socket errors. */
const UNAVAILABLE_SOCKET_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);
/** node-postgres, when the server goes away under a client or the pool cannot connect in time. */
const UNAVAILABLE_PG_MESSAGES = /^(Connection terminated( unexpectedly| due to connection timeout)?|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable)$/;

/** True for an error (or one it wraps) that says the database cannot be reached, rather than that the request is wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return errorChain(error).some((item) => {
    if (typeof item !== 'object' || item === null) return false;
    const record = item as { code?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown; originalCode?: unknown } } } };
    const code = typeof record.code === 'string' ? record.code : '';
    const cause = record.meta?.driverAdapterError?.cause;
    const sqlState = typeof cause?.originalCode === 'string' ? cause.originalCode : typeof cause?.code === 'string' ? cause.code : '';
    return (
      UNAVAILABLE_PRISMA_CODES.has(code) ||
      UNAVAILABLE_SOCKET_CODES.has(code) ||
      UNAVAILABLE_SQLSTATE.test(code) ||
      (typeof cause?.kind === 'string' && UNAVAILABLE_DRIVER_KINDS.has(cause.kind)) ||
      UNAVAILABLE_SQLSTATE.test(sqlState) ||
      (typeof record.message === 'string' && UNAVAILABLE_PG_MESSAGES.test(record.message))
    );
  });
}

const INTERNAL: GraphQLFormattedError = Object.freeze({
  message: 'Internal server error',
  extensions: { code: 'INTERNAL_SERVER_ERROR' },
});
const MAX_MESSAGE_LENGTH = 2_000;

// ------------------------------------------------------------------ the error chain

/** The error and everything it wraps (originalError, cause), outermost first, without cycles. */
function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== null && current !== undefined && chain.length < 10 && !chain.includes(current)) {
    chain.push(current);
    if (typeof current !== 'object') break;
    const record = current as { originalError?: unknown; cause?: unknown };
    current = record.originalError ?? record.cause;
  }
  const unwrapped = unwrapResolverError(error);
  if (unwrapped !== error && !chain.includes(unwrapped)) chain.push(unwrapped);
  return chain;
}

function isDomainError(value: unknown): value is DomainError {
  if (value instanceof DomainError) return true;
  // A second copy of the domain module (another bundle or Jest registry) still counts.
  return (
    value instanceof Error &&
    value.name === 'DomainError' &&
    typeof (value as { code?: unknown }).code === 'string' &&
    DOMAIN_CODES.has((value as unknown as { code: string }).code)
  );
}

interface HttpExceptionLike {
  getStatus(): number;
  message: string;
}

/** A Nest HttpException (duck-typed: no import of @nestjs/common needed). */
function isHttpException(value: unknown): value is HttpExceptionLike {
  return (
    value instanceof Error &&
    typeof (value as { getStatus?: unknown }).getStatus === 'function' &&
    typeof (value as { getResponse?: unknown }).getResponse === 'function'
  );
}

function truncate(message: string): string {
  return message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 3)}...` : message;
}

/** Only JSON-safe primitives and string lists survive into extensions (no objects, no internals). */
function safeDetails(details: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const safe: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (key === 'stacktrace' || key === 'exception' || key === 'originalError' || key === 'http') continue;
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      safe[key] = value;
    } else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
      safe[key] = [...value];
    }
  }
  return safe;
}

function withLocation(
  formatted: Pick<GraphQLFormattedError, 'locations' | 'path'>,
  message: string,
  extensions: Record<string, unknown>,
): GraphQLFormattedError {
  const result: { -readonly [K in keyof GraphQLFormattedError]: GraphQLFormattedError[K] } = { message: truncate(message) };
  if (formatted.locations) result.locations = formatted.locations;
  if (formatted.path) result.path = formatted.path;
  result.extensions = extensions;
  return result;
}

// ------------------------------------------------------------------ input paths of coercion errors

/** "input.terms[0].amount.value" -> "input.terms.0.amount.value". */
function normalisePath(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}

/**
 * The input path of a variable coercion error, from graphql-js's message:
 * 'Variable "$input" got invalid value ... at "input.terms[0].amount.value"; ...' -> input.terms.0.amount.value,
 * 'Variable "$first" got invalid value ...' -> first.
 */
function variableErrorField(message: string): string | null {
  const variable = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)"/.exec(message);
  if (!variable) return null;
  const at = / at "([^"]+)"(?:;|\.|$)/.exec(message);
  let path = variable[1]!;
  if (at && (at[1] === variable[1] || at[1]!.startsWith(`${variable[1]}.`) || at[1]!.startsWith(`${variable[1]}[`))) {
    path = normalisePath(at[1]!);
  }
  // An unknown or missing input field is named only in the reason: point at the field itself.
  const named = UNKNOWN_INPUT_FIELD.exec(message) ?? MISSING_INPUT_FIELD.exec(message);
  return named ? `${path}.${named[1]}` : path;
}

/** graphql-js's reasons for an input object, at the end of its message; group 1 is the field's name. */
const UNKNOWN_INPUT_FIELD = /Field "([_A-Za-z][_0-9A-Za-z]*)" is not defined by type "[_A-Za-z][_0-9A-Za-z]*"\.(?: Did you mean [^;]*)?$/;
const MISSING_INPUT_FIELD = /Field "(?:[_A-Za-z][_0-9A-Za-z]*\.)?([_A-Za-z][_0-9A-Za-z]*)" of required type "[^"]+" was not provided\.$/;

/** The argument path ("input.terms.0.amount.value") of the literal at a source location, by re-parsing the query. */
function literalErrorField(error: GraphQLError | null): string | null {
  const node = error?.nodes?.[0];
  const body = error?.source?.body ?? node?.loc?.source.body;
  const start = node?.loc?.start;
  if (!body || start === undefined) return null;
  let field: string | null = null;
  try {
    visit(parse(body), {
      enter(candidate: ASTNode, _key, parent, _path, ancestors) {
        if (field !== null || candidate.loc?.start !== start) return undefined;
        // A value, or an input object field (graphql-js reports an unknown field on that node).
        if (!isValueNode(candidate) && candidate.kind !== Kind.OBJECT_FIELD) return undefined;
        // `ancestors` stops above the direct parent, so the parent is added.
        const nodes = [...ancestors, parent, candidate].filter((item): item is ASTNode => item !== undefined && !Array.isArray(item));
        const names: string[] = [];
        let inArgument = false;
        nodes.forEach((item, index) => {
          if (item.kind === Kind.ARGUMENT) {
            names.splice(0, names.length, item.name.value);
            inArgument = true;
          } else if (item.kind === Kind.OBJECT_FIELD) names.push(item.name.value);
          else if (item.kind === Kind.LIST) {
            const position = item.values.indexOf(nodes[index + 1] as never);
            if (position >= 0) names.push(String(position));
          }
        });
        field = inArgument && names.length > 0 ? names.join('.') : null;
        return undefined;
      },
    });
  } catch {
    return null;
  }
  return field;
}

function isValueNode(node: ASTNode): boolean {
  return (
    node.kind === Kind.STRING ||
    node.kind === Kind.INT ||
    node.kind === Kind.FLOAT ||
    node.kind === Kind.BOOLEAN ||
    node.kind === Kind.NULL ||
    node.kind === Kind.ENUM ||
    node.kind === Kind.LIST ||
    node.kind === Kind.OBJECT
  );
}

function badUserInput(formatted: Pick<GraphQLFormattedError, 'locations'>, error: unknown, message: string): GraphQLFormattedError {
  const field = variableErrorField(message) ?? literalErrorField(firstGraphQLError(error));
  return withLocation({ locations: formatted.locations }, message, {
    code: 'BAD_USER_INPUT',
    fields: field ? [field] : [],
  });
}

function firstGraphQLError(error: unknown): GraphQLError | null {
  for (const item of errorChain(error)) {
    if (item instanceof GraphQLError && item.nodes && item.nodes.length > 0) return item;
  }
  return null;
}

// ------------------------------------------------------------------ formatError

/**
 * Apollo's `formatError`: the one place where errors become GraphQL errors.
 *   - a DomainError anywhere in the chain -> its code, message and details (fields, expectedVersion, ...);
 *   - a coercion error of our scalars (variables or literals), or Apollo's BAD_USER_INPUT for a
 *     variable -> BAD_USER_INPUT with `fields` when the path can be derived;
 *   - parse and validation failures keep GRAPHQL_PARSE_FAILED / GRAPHQL_VALIDATION_FAILED;
 *   - a Nest HttpException -> UNAUTHENTICATED (401), FORBIDDEN (403), BAD_USER_INPUT (400), NOT_FOUND (404);
 *   - a GraphQLError thrown on purpose with one of the API's codes keeps it;
 *   - the database cannot be reached (down, restarting, out of connections) -> SERVICE_UNAVAILABLE;
 *   - everything else -> "Internal server error", INTERNAL_SERVER_ERROR.
 * The result is built afresh: never a stack trace, SQL text or exception internals.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const chain = errorChain(error);
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;

  const domainError = chain.find(isDomainError);
  if (domainError) {
    return withLocation(formatted, domainError.message, { ...safeDetails(domainError.details), code: domainError.code });
  }

  if (chain.some(isScalarError)) {
    return badUserInput(formatted, error, formatted.message);
  }

  // A literal argument value of the wrong type, an unknown enum value, an unknown or missing input
  // field, written in the query text: the same BAD_USER_INPUT (with the path) as for a variable.
  if (code === 'GRAPHQL_VALIDATION_FAILED') {
    const field = literalErrorField(firstGraphQLError(error));
    if (field !== null) {
      const missing = MISSING_INPUT_FIELD.exec(formatted.message);
      return withLocation({ locations: formatted.locations }, formatted.message, {
        code: 'BAD_USER_INPUT',
        fields: [missing ? `${field}.${missing[1]}` : field],
      });
    }
  }

  if (code === 'GRAPHQL_PARSE_FAILED' || code === 'GRAPHQL_VALIDATION_FAILED') {
    return withLocation({ locations: formatted.locations }, formatted.message, { ...limitDetails(formatted.extensions), code });
  }

  // Apollo marks variable coercion errors (wrong type, missing required value) BAD_USER_INPUT; they carry no path.
  if (code === 'BAD_USER_INPUT' && !formatted.path && /^Variable "\$/.test(formatted.message)) {
    return badUserInput(formatted, error, formatted.message);
  }

  const httpException = chain.find(isHttpException);
  if (httpException) {
    const status = httpException.getStatus();
    const mapped =
      status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : status === 400 ? 'BAD_USER_INPUT' : status === 404 ? 'NOT_FOUND' : null;
    if (!mapped) return INTERNAL;
    const extensions: Record<string, unknown> = { code: mapped };
    if (mapped === 'BAD_USER_INPUT') extensions.fields = [];
    return withLocation(formatted, httpException.message, extensions);
  }

  if (code && REQUEST_CODES.has(code) && !formatted.path) {
    // Apollo's OPERATION_RESOLUTION_FAILURE (no operation of that operationName) is not one of the
    // documented codes: the request does not say what to run, a BAD_REQUEST.
    return withLocation({ locations: formatted.locations }, formatted.message, { code: code === 'OPERATION_RESOLUTION_FAILURE' ? 'BAD_REQUEST' : code });
  }

  // A GraphQLError thrown on purpose (not wrapping some other error) with one of the API's codes.
  const innermost = chain[chain.length - 1];
  if (innermost instanceof GraphQLError && !innermost.originalError) {
    const innerCode = innermost.extensions?.code;
    if (typeof innerCode === 'string' && DOMAIN_CODES.has(innerCode)) {
      return withLocation(formatted, innermost.message, { ...safeDetails(innermost.extensions), code: innerCode });
    }
  }

  // The database is down, restarting or out of connections: a coded, retryable answer, without details.
  if (isDatabaseUnavailable(error)) {
    return withLocation(formatted, UNAVAILABLE_MESSAGE, { code: 'SERVICE_UNAVAILABLE' });
  }

  return { ...INTERNAL, ...(formatted.path ? { path: formatted.path } : {}), ...(formatted.locations ? { locations: formatted.locations } : {}) };
}

/** A query limit's refusal (query-limits.ts): which limit, its maximum and the query's figure. */
function limitDetails(extensions: GraphQLFormattedError['extensions']): Record<string, unknown> {
  const limit = extensions?.limit;
  if (limit !== 'depth' && limit !== 'aliases' && limit !== 'cost') return {};
  return safeDetails({ limit, maximum: extensions?.maximum, actual: extensions?.actual });
}

/** "Did you mean ...?" names schema fields and values a client did not ask about (hidden in production). */
export function hideSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, '').trim();
}

/**
 * formatGraphQLError plus a hook that sees every error answered as INTERNAL_SERVER_ERROR (to log it
 * server-side with its stack, which never reaches the client). With `hideFieldSuggestions`
 * (production), graphql-js's "Did you mean ...?" hints are stripped from every message.
 */
export function createFormatError(
  onInternalError?: (error: unknown) => void,
  options: { hideFieldSuggestions?: boolean } = {},
): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const result = formatGraphQLError(formatted, error);
    if (options.hideFieldSuggestions && result.message.includes('Did you mean')) {
      return { ...result, message: hideSuggestions(result.message) };
    }
    if (onInternalError && result.extensions?.code === 'INTERNAL_SERVER_ERROR') {
      try {
        onInternalError(unwrapResolverError(error));
      } catch {
        // logging must never break a response
      }
    }
    return result;
  };
}
