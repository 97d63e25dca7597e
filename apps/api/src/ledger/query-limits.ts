// @nestjs/apollo (ESM) sees Apollo's ESM types: the plugin must be typed from the same declarations.
import type { ApolloServerPlugin } from '@apollo/server' with { 'resolution-mode': 'import' };
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  getNamedType,
  getVariableValues,
  getNullableType,
  GraphQLError,
  isLeafType,
  isListType,
  Kind,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type TypeNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getComplexity, type ComplexityEstimator, type ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { MAX_PAGE_SIZE } from './pagination';

/**
 * Limits checked before a request executes (GitHub's GraphQL limits are the model). Every refusal is
 * GRAPHQL_VALIDATION_FAILED with `extensions.limit` ("depth", "aliases" or "cost"), `maximum` and
 * `actual`, and HTTP status 400; nothing of the query runs. `first` (1..100 per connection) is checked
 * by the arguments' own validation (BAD_USER_INPUT).
 */
export const QUERY_LIMITS = {
  /** Nesting of fields (the operation's root fields are depth 1; fragments are counted through). */
  maxDepth: 12,
  /** Aliased fields in one operation, fragments included. */
  maxAliases: 15,
  /** Estimated objects a query may return (see queryCost). */
  maxCost: 50_000,
  /** Assumed length of a list that takes no `first` (a company's deals, a deal's terms, history...). */
  assumedListSize: 10,
  /** HTTP request body (JSON) limit of the body parser: larger bodies are refused with 413. */
  maxBodyBytes: 1024 * 1024,
} as const;

export type QueryLimit = 'depth' | 'aliases' | 'cost';

function limitError(limit: QueryLimit, maximum: number, actual: number, message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit, maximum, actual, http: { status: 400 } },
  });
}

/** Reports through the validation context (armor's rules would otherwise throw a "Syntax Error"). */
function reject(limit: QueryLimit, maximum: number, describe: (actual: number) => string) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const actual = Number(/found (\d+)/.exec(error.message)?.[1] ?? NaN);
    context?.reportError(limitError(limit, maximum, actual, describe(actual)));
  };
}

/** Depth and alias limits as validation rules (graphql-armor), for HTTP and graphql-ws alike. */
export const QUERY_LIMIT_RULES: readonly ValidationRule[] = [
  maxDepthRule({
    n: QUERY_LIMITS.maxDepth,
    exposeLimits: true,
    flattenFragments: true,
    propagateOnRejection: false,
    onReject: [
      reject('depth', QUERY_LIMITS.maxDepth, (found) => `Query depth ${found} exceeds the limit of ${QUERY_LIMITS.maxDepth}`),
    ],
  }),
  maxAliasesRule({
    n: QUERY_LIMITS.maxAliases,
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [
      reject('aliases', QUERY_LIMITS.maxAliases, (found) => `Query uses ${found} aliases; the limit is ${QUERY_LIMITS.maxAliases}`),
    ],
  }),
];

/**
 * The cost of one field: an object counts 1 (a scalar 0), times the number of times it can occur.
 * A connection's subtree is multiplied by its `first` (or the argument's default), counted at most at
 * MAX_PAGE_SIZE (a larger `first` is refused by the argument's validation, BAD_USER_INPUT, and must get
 * there rather than be refused for its cost); a plain list by QUERY_LIMITS.assumedListSize; a
 * connection's `edges` by 1 (the connection already counted them).
 */
export const ledgerCostEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }: ComplexityEstimatorArgs) => {
  const own = isLeafType(getNamedType(field.type)) ? 0 : 1;
  const first = args.first;
  if (typeof first === 'number' && field.args.some((arg) => arg.name === 'first')) {
    return own + Math.min(Math.max(first, 0), MAX_PAGE_SIZE) * childComplexity;
  }
  if (isListType(getNullableType(field.type)) && !(field.name === 'edges' && type.name.endsWith('Connection'))) {
    return QUERY_LIMITS.assumedListSize * (own + childComplexity);
  }
  return own + childComplexity;
};

/** The estimated cost of an operation (throws a GraphQLError when the document is not valid for it). */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
  operationName?: string | null,
): number {
  return getComplexity({
    schema,
    query: document,
    variables,
    operationName: operationName ?? undefined,
    estimators: [ledgerCostEstimator],
  });
}

function costError(cost: number): GraphQLError {
  return limitError(
    'cost',
    QUERY_LIMITS.maxCost,
    cost,
    `Query cost ${cost} exceeds the limit of ${QUERY_LIMITS.maxCost} (each object counts 1, multiplied by ` +
      `\`first\` for a connection and by ${QUERY_LIMITS.assumedListSize} for other lists): ask for fewer items or fields`,
  );
}

/**
 * Variables change an operation's cost only through `first` (an Int) and @skip/@include (a Boolean).
 * An operation without Int or Boolean variables (every mutation of the contract, for one) costs the
 * same whatever its variables hold, so its cost is computed once per parsed document (Apollo keeps
 * parsed documents in its cache, so a repeated query string arrives as the same object).
 */
function costDependsOnVariables(operation: OperationDefinitionNode): boolean {
  return (operation.variableDefinitions ?? []).some((definition) => {
    let type: TypeNode = definition.type;
    while (type.kind !== Kind.NAMED_TYPE) type = type.type;
    return type.name.value === 'Int' || type.name.value === 'Boolean';
  });
}

const variableFreeCosts = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, number>>>();

function costsOf(schema: GraphQLSchema, document: DocumentNode): Map<string, number> {
  let documents = variableFreeCosts.get(schema);
  if (!documents) variableFreeCosts.set(schema, (documents = new WeakMap()));
  let byOperation = documents.get(document);
  if (!byOperation) documents.set(document, (byOperation = new Map()));
  return byOperation;
}

/** Apollo plugin: the cost limit, once the operation (and so its variables) is known, before execution. */
export function queryCostPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName, operation }) {
          const variables = request.variables ?? {};
          const estimate = (): number => {
            try {
              return queryCost(schema, document, variables, operationName);
            } catch (error) {
              // e.g. more than 10,000 field nodes to evaluate (fragments spread many times).
              throw limitError('cost', QUERY_LIMITS.maxCost, Number.NaN, `Query cost could not be estimated: ${error instanceof Error ? error.message : String(error)}`);
            }
          };
          const cache = operation && !costDependsOnVariables(operation) ? costsOf(schema, document) : null;
          let cost = cache?.get(operationName ?? '');
          if (cost === undefined) {
            // Variables that do not coerce: execution refuses them (BAD_USER_INPUT) before resolving anything.
            if (operation && 'errors' in getVariableValues(schema, operation.variableDefinitions ?? [], variables)) return;
            cost = estimate();
            cache?.set(operationName ?? '', cost);
          }
          if (cost > QUERY_LIMITS.maxCost) throw costError(cost);
        },
      };
    },
  };
}

/**
 * graphql-ws's `validate`: the schema's rules plus the same depth, alias and cost limits (subscriptions
 * do not go through Apollo's plugins; their variables are not known here, so `first` takes its default).
 * The schema's own rules' errors carry no code: they get GRAPHQL_VALIDATION_FAILED, as Apollo gives
 * them over HTTP (without it the error mapper took them for internal errors).
 */
export function validateWithLimits(schema: GraphQLSchema, document: DocumentNode): readonly GraphQLError[] {
  const errors = validate(schema, document, [...specifiedRules, ...QUERY_LIMIT_RULES]);
  if (errors.length > 0) return errors.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
  try {
    const cost = queryCost(schema, document);
    return cost > QUERY_LIMITS.maxCost ? [costError(cost)] : [];
  } catch (error) {
    return [error instanceof GraphQLError ? error : new GraphQLError('Query cost could not be estimated')];
  }
}

/**
 * graphql-ws's `onSubscribe`: a query that does not parse is answered with an error message coded
 * GRAPHQL_PARSE_FAILED, as over HTTP. Left to graphql-ws, its parse error closes the socket as an
 * internal error (4500). A query that parses goes on as usual (graphql-ws parses it again).
 */
export function refuseUnparsableSubscription(_context: unknown, _id: string, payload: { readonly query: string }): readonly GraphQLError[] | undefined {
  try {
    parse(payload.query);
    return undefined;
  } catch (error) {
    if (error instanceof GraphQLError) return [withCode(error, 'GRAPHQL_PARSE_FAILED')];
    throw error;
  }
}

/** `error` with `code` in its extensions, unless it has a code already. */
function withCode(error: GraphQLError, code: string): GraphQLError {
  if (typeof error.extensions.code === 'string') return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}

/** graphql-ws options that apply the limits and the HTTP error codes to subscriptions (spread into the `graphql-ws` config). */
export function wsQueryLimits(): { validate: typeof validateWithLimits; onSubscribe: typeof refuseUnparsableSubscription } {
  return { validate: validateWithLimits, onSubscribe: refuseUnparsableSubscription };
}

/**
 * The JSON body limit (QUERY_LIMITS.maxBodyBytes) of Nest's body parser, registered before
 * app.init() so that Nest's default (100 kB) is not: a larger body is answered 413 with a coded error
 * by DomainErrorFilter, before anything parses it.
 */
export function useRequestBodyLimit(app: INestApplication): void {
  (app as NestExpressApplication).useBodyParser('json', { limit: QUERY_LIMITS.maxBodyBytes });
}
