/**
 * Input generation for the fuzz suites, derived from the contract's types
 * (apps/api/contract.graphql): for any input type or argument list, an arbitrary of values that
 * are mostly well-formed (ids from the ledger's own entities, real dates, plain decimals, text of
 * every kind of Unicode and length up to the limits) with, at a given rate, a bad value in any
 * leaf (wrong JSON type, null where required, floats and exponents for a Decimal, impossible dates,
 * non-slugs, oversized or NUL-holding text, unknown enum values, out-of-range Ints), an unknown
 * field or a missing one. Whether a case is valid is the server's call; the suites check what any
 * answer must be (coded, without internals, nothing appended when rejected, exact when accepted).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { REPO_ROOT } from './build';

export const CONTRACT_SCHEMA: GraphQLSchema = buildSchema(readFileSync(join(REPO_ROOT, 'apps', 'api', 'contract.graphql'), 'utf8'));

/** Entity ids known to exist, by kind (grown by the suites as inputs are accepted). */
export interface FuzzPools {
  readonly companies: string[];
  readonly sources: string[];
  readonly deals: string[];
  readonly claims: string[];
  readonly rebuttals: string[];
  readonly moves: string[];
  readonly people: string[];
}

/** The seeded ledger's entities (data/seed-ledger.ndjson). */
export function seedPools(): FuzzPools {
  const pools: FuzzPools = { companies: [], sources: [], deals: [], claims: [], rebuttals: [], moves: [], people: [] };
  for (const line of readFileSync(join(REPO_ROOT, 'data', 'seed-ledger.ndjson'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const { op, input } = JSON.parse(line) as { op: string; input: Record<string, unknown> };
    const id = input.id as string | undefined;
    if (!id) continue;
    if (op === 'registerCompany') pools.companies.push(id);
    else if (op === 'registerSource') pools.sources.push(id);
    else if (op === 'signDeal') pools.deals.push(id);
    else if (op === 'claimValuation' || op === 'makeClaim') pools.claims.push(id);
    else if (op === 'postRebuttal') pools.rebuttals.push(id);
    else if (op === 'recordTalentDeparture') pools.moves.push(id);
  }
  return pools;
}


// ------------------------------------------------------------------ leaves

/** Text that could be mistaken for leaked internals in an error that echoes it back is not generated. */
const LOOKS_INTERNAL = /at \/|select|insert|update |delete |prisma|stacktrace|node_modules|violates|sqlstate|\bP\d{4}\b|\.[jt]s:\d|\bat [A-Za-z_.]+ \(/i;

const TEXT_LIMITS: Readonly<Record<string, number>> = {
  statement: 10_000,
  text: 10_000,
  quote: 10_000,
  reason: 10_000,
  idempotencyKey: 200,
  nameContains: 1_000,
};

function textLimit(field: string): number {
  return TEXT_LIMITS[field] ?? 1_000;
}

/** Every kind of text: ASCII, graphemes, any code point (lone surrogates included), padded, at and over the limit. */
export function textArbitrary(field: string): fc.Arbitrary<string> {
  const limit = textLimit(field);
  return fc
    .oneof(
      { weight: 6, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 }) },
      { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 }).map((text) => `  ${text}\t\n `) },
      { weight: 1, arbitrary: fc.constantFrom('x'.repeat(limit), 'é'.repeat(limit), '\u{1F600}'.repeat(Math.floor(limit / 2)), 'x'.repeat(limit + 1)) },
    )
    .filter((text) => !LOOKS_INTERNAL.test(text));
}

const SLUG_TAIL = fc.stringMatching(/^[a-z0-9-]{0,30}$/);
let freshCounter = 0;

/** A slug no entity has: fz-<counter>-<random>, sometimes exactly 100 characters long. */
export function freshIdArbitrary(): fc.Arbitrary<string> {
  return fc.tuple(SLUG_TAIL, fc.boolean()).map(([tail, long]) => {
    freshCounter += 1;
    const id = `fz-${process.pid.toString(36)}-${freshCounter.toString(36)}-${tail}`.slice(0, 100);
    return long ? id.padEnd(100, 'x') : id;
  });
}

function pick(pool: () => readonly string[]): fc.Arbitrary<string> {
  return fc.nat().map((index) => {
    const items = pool();
    return items.length > 0 ? items[index % items.length]! : 'nothing-here';
  });
}

const NOT_SLUGS = ['SpaceX', 'a b', '-x', 'a'.repeat(101), '', 'ä', 'a_b', 'x/y', ' spacex'];

/** An ID by what the field refers to: mostly one that exists (or a fresh one for a new entity), sometimes unknown or malformed. */
export function idArbitrary(field: string, pools: FuzzPools, creation: boolean): fc.Arbitrary<string> {
  const all = () => [...pools.companies, ...pools.sources, ...pools.deals, ...pools.claims, ...pools.rebuttals, ...pools.moves, ...pools.people];
  let known: fc.Arbitrary<string>;
  if (/companyId|subjectIds|CompanyId/.test(field) || field === 'subjectId') known = pick(() => pools.companies);
  else if (field === 'sourceId') known = pick(() => pools.sources);
  else if (field === 'dealId') known = pick(() => pools.deals);
  else if (field === 'targetId') known = pick(() => [...pools.claims, ...pools.rebuttals, ...pools.moves]);
  else if (field === 'entityId') known = pick(all);
  else if (creation) known = freshIdArbitrary();
  else known = pick(all);
  return fc.oneof(
    { weight: 12, arbitrary: known },
    { weight: 1, arbitrary: creation ? pick(all) : freshIdArbitrary() },
    { weight: 1, arbitrary: fc.constantFrom(...NOT_SLUGS) },
  );
}

/** Plain decimals: zero, negatives, long integers and fractions, trailing zeros (answered canonical), up to 40 digits. */
export function decimalArbitrary(): fc.Arbitrary<string> {
  const plain = fc
    .tuple(fc.boolean(), fc.oneof(fc.constant('0'), fc.stringMatching(/^[1-9][0-9]{0,24}$/)), fc.option(fc.stringMatching(/^[0-9]{1,15}$/), { nil: undefined }))
    .map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}`);
  return fc.oneof(
    { weight: 8, arbitrary: plain },
    { weight: 1, arbitrary: fc.constantFrom('0', '-0', '0.0', '1.50', '-0.000000001', '1'.repeat(40), `0.${'0'.repeat(38)}1`, '1250000000') },
  );
}

export function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Real calendar dates from 0001-01-01 to 9999-12-31, leap days included. */
export function dateArbitrary(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.oneof(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1990, max: 2035 })), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
    .map(([year, month, day]) => {
      const clamped = Math.min(day, daysIn(year, month));
      return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(clamped).padStart(2, '0')}`;
    });
}

export function instantArbitrary(): fc.Arbitrary<string> {
  return fc.date({ min: new Date('1970-01-01T00:00:00.000Z'), max: new Date('2100-01-01T00:00:00.000Z'), noInvalidDate: true }).map((date) => date.toISOString());
}

function intArbitrary(field: string): fc.Arbitrary<number> {
  if (field === 'expectedVersion') return fc.integer({ min: -1, max: 4 });
  if (field === 'first') return fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 100 }) }, { weight: 1, arbitrary: fc.constantFrom(0, -1, 101, 2 ** 31 - 1) });
  if (field === 'days') return fc.oneof(fc.integer({ min: 0, max: 3650 }), fc.constantFrom(-1, 0, 2 ** 31 - 1));
  return fc.integer({ min: -1000, max: 1000 });
}

const TERM_KEYS = ['payment', 'starts_on', 'ends_on', 'notice_period', 'capacity'];

/** A bad value for a leaf of this type: what a careless or hostile client sends. */
export function badLeafArbitrary(typeName: string, field: string): fc.Arbitrary<unknown> {
  const common: unknown[] = [null, true, 1.5, -7, {}, [], ''];
  const specific: Record<string, unknown[]> = {
    Decimal: ['1.25e9', '1E3', 'NaN', 'Infinity', '-Infinity', '1,000', ' 1', '1 ', '01', '+1', '.5', '1.', '0x10', '１２', '1'.repeat(41), '--1', 1250000000, 0.1],
    Date: ['2026-02-30', '2026-13-01', '20260101', '2026-1-1', '2025-02-29', '0000-01-01', '10000-01-01', '2026/01/01', '2026-01-01T00:00:00Z', 'today', 20260101],
    DateTime: ['yesterday', '2026-13-01T00:00:00Z', '2026-01-01', '2026-01-01T25:00:00Z', 1767225600000, 'NaN'],
    ID: NOT_SLUGS,
    Int: [2 ** 31, -(2 ** 31) - 1, 1.5, '1', 1e20, Number.MAX_SAFE_INTEGER],
    Boolean: ['true', 1, 0],
    String: ['a\u0000b', 'a\ud800b', '\udfff', 'x'.repeat(textLimit(field) + 1), 123, '   '],
  };
  return fc.constantFrom(...common, ...(specific[typeName] ?? ['UNKNOWN_VALUE', 'lowercase', 1]));
}

// ------------------------------------------------------------------ input objects and lists

export interface InputArbitraryOptions {
  readonly pools: FuzzPools;
  /** Chance that a leaf gets a bad value instead (0..1). */
  readonly badRate: number;
  /** The input creates an entity: its `id` is fresh. */
  readonly creation?: boolean;
}

/** Values of `type` (a contract input type reference); `undefined` means "leave the field out". */
export function inputArbitrary(type: GraphQLInputType, field: string, options: InputArbitraryOptions): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valueArbitrary(type.ofType, field, options, true);
  return fc.oneof(
    { weight: 4, arbitrary: valueArbitrary(type, field, options, false) },
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

function valueArbitrary(type: GraphQLInputType, field: string, options: InputArbitraryOptions, required: boolean): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valueArbitrary(type.ofType, field, options, true);
  if (isListType(type)) {
    const item = valueArbitrary(type.ofType, field, options, isNonNullType(type.ofType));
    // Citations need one and parties two (fewer is among the bad values).
    const minLength = field === 'citations' ? 1 : field === 'parties' ? 2 : 0;
    const list = fc.array(item, { minLength, maxLength: 3 });
    return options.badRate > 0 ? fc.oneof({ weight: 30, arbitrary: list }, { weight: 1, arbitrary: fc.constantFrom([], 'not a list', 5) }) : list;
  }
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [name, definition] of Object.entries(fields)) {
      if (name === 'idempotencyKey') continue; // set by the suites: a rejected case's key must not be in the ledger
      model[name] = fieldArbitrary(type.name, name, definition.type, options);
    }
    let object = fc.record(model).map((record) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)));
    if (type.name === 'TermInput') object = termArbitrary(object);
    if (options.badRate === 0) return object;
    const requiredNames = Object.entries(fields)
      .filter(([, definition]) => isNonNullType(definition.type) && definition.defaultValue === undefined)
      .map(([name]) => name);
    return fc.oneof(
      { weight: 40, arbitrary: object },
      { weight: 1, arbitrary: object.map((value) => ({ ...value, unknownField: 'x' })) },
      {
        weight: 1,
        arbitrary: fc.tuple(object, fc.nat()).map(([value, index]) => {
          if (requiredNames.length === 0) return value;
          const copy = { ...value };
          delete copy[requiredNames[index % requiredNames.length]!];
          return copy;
        }),
      },
      { weight: 1, arbitrary: fc.constantFrom('an object was expected', 42, [1, 2]) },
    );
  }
  const leaf = leafArbitrary(type, field, options);
  if (options.badRate === 0) return leaf;
  const scale = 1000;
  const bad = Math.round(options.badRate * scale);
  const typeName = isScalarType(type) ? type.name : isEnumType(type) ? 'Enum' : 'String';
  return fc.oneof({ weight: scale - bad, arbitrary: leaf }, { weight: bad, arbitrary: badLeafArbitrary(typeName, field) }).map((value) =>
    // null for a required leaf is one of the bad values; an optional one may be null anyway.
    value === null && !required ? null : value,
  );
}

function fieldArbitrary(typeName: string, name: string, type: GraphQLInputType, options: InputArbitraryOptions): fc.Arbitrary<unknown> {
  // An id of a new entity is fresh; optional ids of new claims, rebuttals, moves and people too, when given.
  const creation = name === 'id' && (options.creation ?? false);
  return inputArbitrary(type, name, { ...options, creation: creation || typeName === 'PersonInput' });
}

function leafArbitrary(type: GraphQLInputType, field: string, options: InputArbitraryOptions): fc.Arbitrary<unknown> {
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((value) => value.name));
  if (!isScalarType(type)) throw new Error(`not a leaf type: ${String(type)}`);
  switch (type.name) {
    case 'ID':
      return idArbitrary(field, options.pools, options.creation ?? false);
    case 'String':
      if (field === 'key') return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...TERM_KEYS) }, { weight: 1, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/) });
      if (field === 'unit') return fc.oneof({ weight: 3, arbitrary: fc.constantFrom('USD', 'EUR', 'users', 'GW') }, { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,19}$/) });
      if (field === 'position' || field === 'fromPosition' || field === 'toPosition' || field === 'afterPosition') {
        return fc.oneof(fc.integer({ min: 0, max: 80 }).map(String), fc.constantFrom('9223372036854775807', '9223372036854775808', '-1', '1.5', 'x'));
      }
      if (field === 'after') return fc.oneof(fc.constantFrom('bm90IGEgY3Vyc29y', 'x', ''), fc.base64String({ maxLength: 24 }));
      return textArbitrary(field);
    case 'Int':
      return intArbitrary(field);
    case 'Boolean':
      return fc.boolean();
    case 'Decimal':
      return decimalArbitrary();
    case 'Date':
      return dateArbitrary();
    case 'DateTime':
      return instantArbitrary();
    case 'JSON':
      return fc.jsonValue({ maxDepth: 2 });
    default:
      return textArbitrary(field);
  }
}

/** Terms mostly set exactly one value, of the kind their conventional key expects. */
function termArbitrary(object: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(object, fc.nat(9)).map(([term, roll]) => {
    if (roll === 0) return term; // whatever was generated: maybe none or several values
    const key = typeof term.key === 'string' ? term.key : 'capacity';
    const kinds = { payment: 'amount', starts_on: 'date', ends_on: 'date', notice_period: 'days', capacity: 'text' } as Record<string, string>;
    const kind = kinds[key] ?? (['amount', 'date', 'days', 'text'] as const)[roll % 4]!;
    const result: Record<string, unknown> = { key: term.key };
    const value = term[kind];
    result[kind] = value ?? { amount: { value: '1', unit: 'USD' }, date: '2027-01-01', days: 30, text: 'some text' }[kind];
    return result;
  });
}

// ------------------------------------------------------------------ literals

/** A JS value as a GraphQL literal of `type`: enum values bare, strings as JSON strings (valid GraphQL escapes). */
export function printLiteral(value: unknown, type: GraphQLInputType | null): string {
  const named = type && isNonNullType(type) ? type.ofType : type;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) {
    const item = named && isListType(named) ? named.ofType : null;
    return `[${value.map((entry) => printLiteral(entry, item)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = named && isInputObjectType(named) ? named.getFields() : {};
    return `{ ${Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => `${key}: ${printLiteral(item, fields[key]?.type ?? null)}`)
      .join(', ')} }`;
  }
  if (typeof value === 'string' && named && isEnumType(named) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value)) return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  return JSON.stringify(value);
}

// ------------------------------------------------------------------ what any answer must be

/** Codes a fuzzed request may get: any coded refusal, never the catch-all (nor an outage, with the database up). */
export const ACCEPTABLE_CODES: ReadonlySet<string> = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'CONCURRENCY_CONFLICT',
  'IDEMPOTENCY_KEY_REUSED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
]);

const INTERNALS = /stacktrace|prisma|node_modules|at \/|\bat [A-Za-z_.]+ \(|SELECT |INSERT |UPDATE |DELETE FROM|violates|SQLSTATE|\.ts:\d+|\.js:\d+/i;
/**
 * A Prisma error code (P2002), upper-case as Prisma writes it: matched case-insensitively, it also
 * matched generated ids echoed in a NOT_FOUND (`fz-66c-mc--9-p9119-l…`).
 */
const PRISMA_CODE = /\bP\d{4}\b/;

export interface FuzzAnswer {
  readonly status: number;
  readonly text: string;
  readonly body: { data?: Record<string, unknown> | null; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] } | null;
}

/** What is wrong with an answer whatever the input: a 5xx, not JSON, an uncoded or INTERNAL_SERVER_ERROR error, internals. */
export function answerProblems(answer: FuzzAnswer): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`HTTP ${answer.status}`);
  if (answer.body === null) {
    problems.push(`not JSON: ${answer.text.slice(0, 200)}`);
    return problems;
  }
  for (const error of answer.body.errors ?? []) {
    const code = error.extensions?.code;
    if (typeof code !== 'string' || !ACCEPTABLE_CODES.has(code)) problems.push(`code ${String(code)}: ${error.message.slice(0, 200)}`);
  }
  const errors = answer.body.errors ? JSON.stringify(answer.body.errors) : null;
  if (errors !== null && (INTERNALS.test(errors) || PRISMA_CODE.test(errors))) problems.push(`internals in ${errors.slice(0, 400)}`);
  return problems;
}

export async function postRaw(url: string, body: string | Uint8Array, contentType: string | null, method = 'POST'): Promise<FuzzAnswer> {
  const headers: Record<string, string> = {};
  if (contentType !== null) headers['content-type'] = contentType;
  const response = await fetch(url, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body });
  const text = await response.text();
  let parsed: FuzzAnswer['body'] = null;
  try {
    parsed = JSON.parse(text) as FuzzAnswer['body'];
  } catch {
    parsed = null;
  }
  return { status: response.status, text, body: parsed };
}

export function postGraphQLRaw(url: string, query: string, variables?: Record<string, unknown>): Promise<FuzzAnswer> {
  return postRaw(url, JSON.stringify({ query, variables }), 'application/json');
}

/** Runs `tasks` with at most `limit` at a time, in order of start. */
export async function inParallel<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
