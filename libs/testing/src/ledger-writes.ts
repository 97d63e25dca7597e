/**
 * Shared helpers for the write-side e2e specs (test/<area>/mutations.e2e-spec.ts and
 * bad-input.e2e-spec.ts): the ten mutation documents, valid inputs against the seeded ledger,
 * and the assertions every write test makes (one event appended, or none and a clean coded error).
 */
import type { GraphQLResponse, TestApp } from './test-app';
import { OPEN_ACCESS_ACTOR } from '../../../apps/api/src/app.module';

// ------------------------------------------------------------------ documents

export const EVENT_FIELDS = `id position streamId version type occurredOn recordedAt recordedBy data hash previousHash
  citations { source { id title } quote locator role }`;

const CITATIONS = 'citations { source { id } quote locator role }';
const AMOUNT = 'value unit per';

export const MUTATIONS = {
  registerSource: `mutation($input: RegisterSourceInput!) { registerSource(input: $input) {
    source { id url title publisher author kind publishedOn } event { ${EVENT_FIELDS} } } }`,
  registerCompany: `mutation($input: RegisterCompanyInput!) { registerCompany(input: $input) {
    company { id name aliases } event { ${EVENT_FIELDS} } } }`,
  signDeal: `mutation($input: SignDealInput!) { signDeal(input: $input) {
    deal { id title kind signedOn version terminatedOn parties { company { id } role }
      terms { key amount { ${AMOUNT} } date days text effectiveOn } ${CITATIONS} }
    event { ${EVENT_FIELDS} } } }`,
  amendDeal: `mutation($input: AmendDealInput!) { amendDeal(input: $input) {
    deal { id version terms { key amount { ${AMOUNT} } date days text effectiveOn revisions { event { id } } } }
    event { ${EVENT_FIELDS} } } }`,
  terminateDeal: `mutation($input: TerminateDealInput!) { terminateDeal(input: $input) {
    deal { id version terminatedOn status(on: "2030-01-01") } event { ${EVENT_FIELDS} } } }`,
  claimValuation: `mutation($input: ClaimValuationInput!) { claimValuation(input: $input) {
    claim { id kind statement author subjects { id } metric value { ${AMOUNT} } fiscalPeriod occurredOn status version ${CITATIONS} }
    event { ${EVENT_FIELDS} } } }`,
  makeClaim: `mutation($input: MakeClaimInput!) { makeClaim(input: $input) {
    claim { id kind statement author subjects { id } metric value { ${AMOUNT} } occurredOn status version ${CITATIONS} }
    event { ${EVENT_FIELDS} } } }`,
  recordTalentDeparture: `mutation($input: RecordTalentDepartureInput!) { recordTalentDeparture(input: $input) {
    move { id person { id name } from { id } to { id } role announcedOn retracted ${CITATIONS} }
    event { ${EVENT_FIELDS} } } }`,
  postRebuttal: `mutation($input: PostRebuttalInput!) { postRebuttal(input: $input) {
    rebuttal { id stance author text occurredOn status version target { id } root { id } ${CITATIONS} }
    event { ${EVENT_FIELDS} } } }`,
  retract: `mutation($input: RetractInput!) { retract(input: $input) { targetId event { ${EVENT_FIELDS} } } }`,
} as const;

export type MutationName = keyof typeof MUTATIONS;

// ------------------------------------------------------------------ payload shapes

export interface CitationView {
  source: { id: string; title?: string };
  quote: string | null;
  locator: string | null;
  role: string;
}

export interface EventView {
  id: string;
  position: string;
  streamId: string;
  version: number;
  type: string;
  occurredOn: string | null;
  recordedAt: string;
  recordedBy: string;
  data: Record<string, unknown>;
  hash: string;
  previousHash: string | null;
  citations: CitationView[];
}

export type Payload = Record<string, any> & { event: EventView };

// ------------------------------------------------------------------ valid inputs against the seeded ledger

/** A citation of a seeded source. */
export const CITATION = { sourceId: 'techmeme-260520-p49', quote: 'Anthropic is paying SpaceX $1.25B/mo.', locator: 'para 1', role: 'PRIMARY' };
export const CITATIONS_INPUT = [CITATION];

export const VALID = {
  registerSource: (id: string) => ({
    id,
    url: 'https://example.com/news/1',
    title: 'A new source',
    publisher: 'Example News',
    author: 'Jo Writer',
    kind: 'ARTICLE',
    publishedOn: '2026-05-21',
  }),
  registerCompany: (id: string) => ({ id, name: 'Nvidia', aliases: ['NVIDIA Corporation', 'NVDA'] }),
  signDeal: (id: string) => ({
    id,
    title: 'OpenAI compute supply to Google',
    kind: 'SUPPLY',
    parties: [
      { companyId: 'openai', role: 'PROVIDER' },
      { companyId: 'google', role: 'CUSTOMER' },
    ],
    signedOn: '2026-05-20',
    terms: [
      { key: 'payment', amount: { value: '1250000000', unit: 'USD', per: 'MONTH' } },
      { key: 'starts_on', date: '2026-06-01' },
      { key: 'notice_period', days: 30 },
      { key: 'capacity', text: '1 GW' },
    ],
    citations: CITATIONS_INPUT,
  }),
  amendDeal: (dealId: string) => ({
    dealId,
    terms: [{ key: 'payment', amount: { value: '1500000000', unit: 'USD', per: 'MONTH' } }],
    effectiveOn: '2026-07-01',
    reason: 'Price raised',
    citations: CITATIONS_INPUT,
  }),
  terminateDeal: (dealId: string) => ({
    dealId,
    terminatedOn: '2026-08-01',
    reason: 'Cancelled with notice',
    citations: CITATIONS_INPUT,
  }),
  claimValuation: (id?: string) => ({
    ...(id ? { id } : {}),
    companyId: 'openai',
    metric: 'VALUATION',
    value: { value: '500000000000', unit: 'USD' },
    fiscalPeriod: '2026',
    author: 'A press report',
    occurredOn: '2026-05-20',
    citations: CITATIONS_INPUT,
  }),
  makeClaim: (id?: string) => ({
    ...(id ? { id } : {}),
    statement: 'OpenAI will build its own chips by 2028.',
    author: 'An analyst',
    subjectIds: ['openai'],
    occurredOn: '2026-05-20',
    citations: CITATIONS_INPUT,
  }),
  recordTalentDeparture: (id?: string) => ({
    ...(id ? { id } : {}),
    person: { name: 'Ada Lovelace' },
    fromCompanyId: 'google',
    toCompanyId: 'openai',
    role: 'Chief scientist',
    announcedOn: '2026-05-22',
    citations: CITATIONS_INPUT,
  }),
  postRebuttal: (id?: string) => ({
    ...(id ? { id } : {}),
    targetId: 'circular-compute-deals',
    stance: 'REFUTES',
    author: 'A reader',
    text: 'The leases are priced at market rates.',
    occurredOn: '2026-06-07',
    citations: CITATIONS_INPUT,
  }),
  retract: (targetId: string) => ({ targetId, reason: 'Withdrawn by its author' }),
};

// ------------------------------------------------------------------ the ledger head

export interface Head {
  position: string;
  hash: string | null;
}

export async function ledgerHead(api: TestApp): Promise<Head> {
  const data = await api.data<{ ledgerHead: Head }>('{ ledgerHead { position hash } }');
  return data.ledgerHead;
}

export function nextPosition(position: string): string {
  return (BigInt(position) + 1n).toString();
}

// ------------------------------------------------------------------ writes that succeed

/** Runs a mutation that must succeed; returns its payload and the head before it. */
export async function mutate(api: TestApp, name: MutationName, input: Record<string, unknown>): Promise<{ payload: Payload; before: Head }> {
  const before = await ledgerHead(api);
  const data = await api.data<Record<string, Payload>>(MUTATIONS[name], { input });
  return { payload: data[name]!, before };
}

/**
 * Exactly one event was appended: the head moved by one to the payload's event, which links to the
 * previous head's hash, has the expected type/stream/version, and was recorded by the principal.
 */
export async function expectOneEventAppended(
  api: TestApp,
  before: Head,
  event: EventView,
  expected: { type: string; streamId: string; version: number; occurredOn?: string | null },
): Promise<void> {
  const after = await ledgerHead(api);
  expect(after.position).toBe(nextPosition(before.position));
  expect(event.position).toBe(after.position);
  expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
  expect(event.hash).toBe(after.hash);
  expect(event.previousHash).toBe(before.hash);
  expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(event.type).toBe(expected.type);
  expect(event.streamId).toBe(expected.streamId);
  expect(event.version).toBe(expected.version);
  expect(event.recordedBy).toBe(OPEN_ACCESS_ACTOR);
  expect(Number.isNaN(Date.parse(event.recordedAt))).toBe(false);
  if (expected.occurredOn !== undefined) expect(event.occurredOn).toBe(expected.occurredOn);
}

/** The payload's event cites CITATION (the seeded source, resolved to the Source). */
export function expectSeedCitation(event: EventView): void {
  expect(event.citations).toEqual([
    {
      source: { id: CITATION.sourceId, title: expect.stringContaining('SpaceX S-1') },
      quote: CITATION.quote,
      locator: CITATION.locator,
      role: 'PRIMARY',
    },
  ]);
}

export const SLUG = /^[a-z0-9][a-z0-9-]*$/;

// ------------------------------------------------------------------ writes that fail

/** What an error body must never show: stack traces, file paths, Prisma or SQL text. */
export function expectNoInternals(body: unknown): void {
  const text = JSON.stringify(body);
  expect(text.toLowerCase()).not.toContain('stacktrace');
  expect(text.toLowerCase()).not.toContain('prisma');
  expect(text).not.toContain('at /');
  expect(text).not.toContain('SELECT');
  expect(text).not.toContain('INSERT');
}

/** One clean coded error: not a 5xx, the code (and the fields for BAD_USER_INPUT), no internals. */
export function expectCodedError(response: GraphQLResponse, code: string, fields?: readonly string[]): Record<string, unknown> {
  expect(response.status).toBeGreaterThanOrEqual(200);
  expect(response.status).toBeLessThan(500);
  expect(response.errors).toBeDefined();
  expect(response.errors).toHaveLength(1);
  const error = response.errors![0]!;
  expect({ code: error.extensions?.code, message: error.message }).toEqual({ code, message: expect.any(String) });
  if (fields !== undefined) expect(error.extensions?.fields).toEqual(fields);
  else if (code === 'BAD_USER_INPUT') expect(error.extensions?.fields).toEqual(expect.any(Array));
  expectNoInternals(response);
  return error.extensions ?? {};
}

/** The request fails with `code` (and `fields`), and the ledger head does not move. */
export async function expectRejected(
  api: TestApp,
  query: string,
  variables: Record<string, unknown> | undefined,
  code: string,
  fields?: readonly string[],
): Promise<Record<string, unknown>> {
  const before = await ledgerHead(api);
  const response = await api.graphql(query, variables);
  const extensions = expectCodedError(response, code, fields);
  expect(await ledgerHead(api)).toEqual(before);
  return extensions;
}

/** Shorthand: mutation `name` with `input` as the $input variable is rejected. */
export function expectMutationRejected(
  api: TestApp,
  name: MutationName,
  input: unknown,
  code: string,
  fields?: readonly string[],
): Promise<Record<string, unknown>> {
  return expectRejected(api, MUTATIONS[name], { input }, code, fields);
}

// ------------------------------------------------------------------ inputs written as literals in the query text

/** An enum value in a literal (written bare). */
export class EnumLiteral {
  constructor(readonly name: string) {}
}
/** Text copied into the query as is (e.g. a bare number 1.5). */
export class RawLiteral {
  constructor(readonly text: string) {}
}

/** A JS value as a GraphQL input literal. Strings are JSON strings; EnumLiteral/RawLiteral go bare. */
export function toLiteral(value: unknown): string {
  if (value instanceof EnumLiteral) return value.name;
  if (value instanceof RawLiteral) return value.text;
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(toLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    return `{ ${Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `${key}: ${toLiteral(item)}`)
      .join(', ')} }`;
  }
  return JSON.stringify(value);
}

/** `mutation { name(input: <literal>) { ...same selection as MUTATIONS[name] } }`. */
export function literalMutation(name: MutationName, input: unknown): string {
  const selection = MUTATIONS[name].slice(MUTATIONS[name].indexOf(`${name}(input: $input)`) + `${name}(input: $input)`.length);
  return `mutation { ${name}(input: ${toLiteral(input)})${selection}`;
}

/** Sets a value at a dotted path ("terms.0.days") in a deep copy of `input`. */
export function withValue<T>(input: T, path: string, value: unknown): T {
  const copy = JSON.parse(JSON.stringify(input)) as T;
  const keys = path.split('.');
  let target = copy as unknown as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

/** Deletes a value at a dotted path in a deep copy. */
export function without<T>(input: T, path: string): T {
  return withValue(input, path, undefined);
}

export const IMPOSSIBLE_DATES = ['2026-02-30', '2026-13-01', '20260101', '2026-1-1'] as const;
export const NOT_SLUGS = ['SpaceX', 'a b', '-x', 'a'.repeat(101)] as const;
export const BAD_DECIMAL_STRINGS = ['1.25e9', 'NaN', 'Infinity', '1,000', ' 1', '01'] as const;
export const BAD_DECIMAL_NUMBERS = [1250000000, 1.5] as const;
