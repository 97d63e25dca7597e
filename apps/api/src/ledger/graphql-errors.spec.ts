import { ApolloServer } from '@apollo/server';
import { ForbiddenException, UnauthorizedException, BadRequestException, InternalServerErrorException } from '@nestjs/common';
import {
  GraphQLError,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  type GraphQLFormattedError,
} from 'graphql';
import { badInput, concurrencyConflict, DomainError, notFound } from '@ledger/domain/shared/errors';
import { ERROR_CODES, ERROR_CODE_DESCRIPTIONS, createFormatError, formatGraphQLError } from './graphql-errors';
import { DateScalar, DecimalScalar, ScalarInputError } from './scalars';

/** Asserts nothing internal leaks: no stack, no exception object, no SQL, no file paths. */
function expectNoLeak(error: GraphQLFormattedError): void {
  const text = JSON.stringify(error);
  expect(text).not.toMatch(/stacktrace|exception|originalError|\.ts:\d|\.js:\d|node_modules|SELECT |INSERT |at Object\./i);
}

describe('formatGraphQLError (unit)', () => {
  const formatted = (extra: Partial<GraphQLFormattedError> = {}): GraphQLFormattedError => ({
    message: 'whatever',
    path: ['signDeal'],
    locations: [{ line: 1, column: 12 }],
    extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: boom', '    at x (/app/dist/y.js:1:1)'] },
    ...extra,
  });
  const resolverError = (original: Error) => new GraphQLError(original.message, { path: ['signDeal'], originalError: original });

  it('maps a DomainError with its details', () => {
    const result = formatGraphQLError(formatted(), resolverError(concurrencyConflict('deal-1', 2, 3)));
    expect(result).toEqual({
      message: 'Stream "deal-1" is at version 3, not the expected 2',
      path: ['signDeal'],
      locations: [{ line: 1, column: 12 }],
      extensions: { code: 'CONCURRENCY_CONFLICT', streamId: 'deal-1', expectedVersion: 2, actualVersion: 3 },
    });
  });

  it('maps BAD_USER_INPUT and NOT_FOUND with fields', () => {
    const bad = formatGraphQLError(formatted(), resolverError(badInput('nope', ['input.terms.0.amount.value'])));
    expect(bad.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['input.terms.0.amount.value'] });
    const missing = formatGraphQLError(formatted(), resolverError(notFound('company', 'acme', 'input.parties.0.companyId')));
    expect(missing.extensions).toMatchObject({ code: 'NOT_FOUND', fields: ['input.parties.0.companyId'] });
  });

  it('finds a DomainError deep in the chain (cause)', () => {
    const wrapped = new Error('wrapper', { cause: new DomainError('ALREADY_EXISTS', 'taken', { id: 'x' }) });
    const result = formatGraphQLError(formatted(), resolverError(wrapped));
    expect(result.extensions).toEqual({ code: 'ALREADY_EXISTS', id: 'x' });
    expect(result.message).toBe('taken');
  });

  it('maps Nest HttpExceptions', () => {
    expect(formatGraphQLError(formatted(), resolverError(new UnauthorizedException('Missing token'))).extensions).toEqual({ code: 'UNAUTHENTICATED' });
    const forbidden = formatGraphQLError(formatted(), resolverError(new ForbiddenException('Journalists only')));
    expect(forbidden).toMatchObject({ message: 'Journalists only', extensions: { code: 'FORBIDDEN' } });
    expectNoLeak(forbidden);
    expect(formatGraphQLError(formatted(), resolverError(new BadRequestException('bad'))).extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(formatGraphQLError(formatted(), resolverError(new InternalServerErrorException('db down')))).toMatchObject({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('hides everything else', () => {
    const sqlError = new Error('duplicate key value violates unique constraint "events_pkey" in INSERT INTO events ...');
    const result = formatGraphQLError(formatted({ message: sqlError.message }), resolverError(sqlError));
    expect(result).toEqual({
      message: 'Internal server error',
      path: ['signDeal'],
      locations: [{ line: 1, column: 12 }],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expectNoLeak(result);
    expect(formatGraphQLError({ message: 'x' }, 'a string thrown')).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(formatGraphQLError({ message: 'x' }, undefined).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('keeps a deliberate GraphQLError with an API code, but not unknown codes', () => {
    const deliberate = new GraphQLError('No such deal', { extensions: { code: 'NOT_FOUND', id: 'd', nested: { secret: 1 } } });
    expect(formatGraphQLError(formatted(), deliberate)).toMatchObject({ message: 'No such deal', extensions: { code: 'NOT_FOUND', id: 'd' } });
    expect(formatGraphQLError(formatted(), deliberate).extensions).not.toHaveProperty('nested');
    const odd = new GraphQLError('internal detail', { extensions: { code: 'SOMETHING_ELSE' } });
    expect(formatGraphQLError(formatted(), odd).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('passes parse and validation failures through without extras', () => {
    const parse = formatGraphQLError({ message: 'Syntax Error: Expected Name, found <EOF>.', locations: [{ line: 1, column: 3 }], extensions: { code: 'GRAPHQL_PARSE_FAILED', stacktrace: ['x'] } }, new GraphQLError('Syntax Error'));
    expect(parse).toEqual({ message: 'Syntax Error: Expected Name, found <EOF>.', locations: [{ line: 1, column: 3 }], extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    const validation = formatGraphQLError({ message: 'Cannot query field "x" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, new GraphQLError('v'));
    expect(validation.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('turns a scalar error anywhere in the chain into BAD_USER_INPUT', () => {
    const scalarError = new ScalarInputError('Decimal', 'Decimal must be ...');
    const wrapped = new GraphQLError('Variable "$input" got invalid value 1.5 at "input.terms[2].amount.value"; Decimal must be ...', { originalError: scalarError });
    const result = formatGraphQLError({ message: wrapped.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, wrapped);
    expect(result.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['input.terms.2.amount.value'] });
  });

  it('lists documented codes with descriptions', () => {
    expect(ERROR_CODES).toEqual(expect.arrayContaining(['BAD_USER_INPUT', 'CONCURRENCY_CONFLICT', 'INTERNAL_SERVER_ERROR']));
    for (const code of ERROR_CODES) expect(ERROR_CODE_DESCRIPTIONS[code]).toEqual(expect.any(String));
  });

  it('createFormatError reports internal errors to a hook only', () => {
    const seen: unknown[] = [];
    const format = createFormatError((error) => seen.push(error));
    const boom = new Error('boom');
    format({ message: 'boom', path: ['x'] }, new GraphQLError('boom', { path: ['x'], originalError: boom }));
    format({ message: 'n' }, new GraphQLError('n', { path: ['x'], originalError: badInput('n', ['f']) }));
    expect(seen).toEqual([boom]);
  });
});

describe('formatGraphQLError through Apollo Server', () => {
  const AmountIn = new GraphQLInputObjectType({
    name: 'AmountInput',
    fields: { value: { type: new GraphQLNonNull(DecimalScalar) }, unit: { type: new GraphQLNonNull(GraphQLString) } },
  });
  const TermIn = new GraphQLInputObjectType({
    name: 'TermInput',
    fields: { key: { type: new GraphQLNonNull(GraphQLString) }, amount: { type: AmountIn }, date: { type: DateScalar } },
  });
  const DealIn = new GraphQLInputObjectType({
    name: 'SignDealInput',
    fields: { id: { type: new GraphQLNonNull(GraphQLString) }, terms: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(TermIn))) } },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        ok: { type: GraphQLString, resolve: () => 'ok' },
        page: { type: GraphQLString, args: { first: { type: GraphQLInt } }, resolve: () => 'p' },
        crash: {
          type: GraphQLString,
          resolve: () => {
            throw new Error('relation "events" does not exist: SELECT * FROM events WHERE password = 1');
          },
        },
        notNull: { type: new GraphQLNonNull(GraphQLString), resolve: () => null },
        forbidden: { type: GraphQLString, resolve: () => { throw new ForbiddenException('Only journalists may write'); } },
      },
    }),
    mutation: new GraphQLObjectType({
      name: 'Mutation',
      fields: {
        signDeal: {
          type: GraphQLString,
          args: { input: { type: new GraphQLNonNull(DealIn) } },
          resolve: (_root, args: { input: { id: string } }) => {
            if (args.input.id === 'conflict') throw concurrencyConflict(args.input.id, 1, 2);
            return args.input.id;
          },
        },
      },
    }),
  });
  const server = new ApolloServer({ schema, formatError: formatGraphQLError, includeStacktraceInErrorResponses: true });

  beforeAll(() => server.start());
  afterAll(() => server.stop());

  async function errorsOf(query: string, variables?: Record<string, unknown>): Promise<readonly GraphQLFormattedError[]> {
    const response = await server.executeOperation({ query, variables });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const errors = response.body.singleResult.errors ?? [];
    errors.forEach(expectNoLeak);
    return errors;
  }

  const SIGN = 'mutation($input: SignDealInput!) { signDeal(input: $input) }';

  it('a float for a Decimal variable: BAD_USER_INPUT with the variable path', async () => {
    const [error] = await errorsOf(SIGN, { input: { id: 'd', terms: [{ key: 'payment', amount: { value: 1.25e9, unit: 'USD' } }] } });
    expect(error!.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['input.terms.0.amount.value'] });
    expect(error!.message).toMatch(/Decimal must be/);
  });

  it('an exponent string and an impossible date: BAD_USER_INPUT', async () => {
    const [exponent] = await errorsOf(SIGN, { input: { id: 'd', terms: [{ key: 'payment', amount: { value: '1.25e9', unit: 'USD' } }] } });
    expect(exponent!.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['input.terms.0.amount.value'] });
    const [date] = await errorsOf(SIGN, { input: { id: 'd', terms: [{ key: 'ends_on' }, { key: 'starts_on', date: '2026-02-30' }] } });
    expect(date!.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['input.terms.1.date'] });
  });

  it('a float literal for a Decimal in the query text: BAD_USER_INPUT with the argument path', async () => {
    const [error] = await errorsOf('mutation { signDeal(input: { id: "d", terms: [{ key: "a" }, { key: "payment", amount: { value: 1.25e9, unit: "USD" } }] }) }');
    expect(error!.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['input.terms.1.amount.value'] });
    const [date] = await errorsOf('mutation { signDeal(input: { id: "d", terms: [{ key: "s", date: "2026-13-01" }] }) }');
    expect(date!.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['input.terms.0.date'] });
  });

  it('a wrong built-in type in a variable: BAD_USER_INPUT', async () => {
    const [error] = await errorsOf('query($first: Int) { page(first: $first) }', { first: 'ten' });
    expect(error!.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['first'] });
    const [missing] = await errorsOf(SIGN, {});
    expect(missing!.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['input'] });
  });

  it('parse and validation failures keep their codes', async () => {
    const [parse] = await errorsOf('query {');
    expect(parse!.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
    const [validation] = await errorsOf('query { nope }');
    expect(validation!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('a DomainError from a resolver keeps its code, details and path', async () => {
    const [error] = await errorsOf(SIGN, { input: { id: 'conflict', terms: [] } });
    expect(error).toMatchObject({
      path: ['signDeal'],
      extensions: { code: 'CONCURRENCY_CONFLICT', expectedVersion: 1, actualVersion: 2 },
    });
  });

  it('crashes become a bare INTERNAL_SERVER_ERROR, never a stack or SQL', async () => {
    const [crash] = await errorsOf('{ crash }');
    expect(crash).toEqual({ message: 'Internal server error', path: ['crash'], locations: [{ line: 1, column: 3 }], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    const [nonNull] = await errorsOf('{ notNull }');
    expect(nonNull!.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('Nest ForbiddenException becomes FORBIDDEN', async () => {
    const [error] = await errorsOf('{ forbidden }');
    expect(error).toMatchObject({ message: 'Only journalists may write', extensions: { code: 'FORBIDDEN' } });
  });
});

describe('query limits and suggestions (unit)', () => {
  it('a limit refusal keeps its limit, maximum and actual; other extensions are dropped', () => {
    const error = new GraphQLError('Query depth 13 exceeds the limit of 12', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth', maximum: 12, actual: 13, http: { status: 400 }, secret: { a: 1 } },
    });
    expect(formatGraphQLError(error.toJSON(), error)).toEqual({
      message: 'Query depth 13 exceeds the limit of 12',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth', maximum: 12, actual: 13 },
    });
  });

  it('with hideFieldSuggestions, "Did you mean" hints are removed; without, kept', () => {
    const error = new GraphQLError('Cannot query field "nam" on type "Company". Did you mean "name" or "aliases"?', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(createFormatError(undefined, { hideFieldSuggestions: true })(error.toJSON(), error).message).toBe('Cannot query field "nam" on type "Company".');
    expect(createFormatError()(error.toJSON(), error).message).toContain('Did you mean "name" or "aliases"?');
  });
});
