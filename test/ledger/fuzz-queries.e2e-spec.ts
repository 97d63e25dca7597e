/**
 * Fuzzed query arguments (issue 5, item 5): every argument of every Query field, and the field
 * arguments inside the objects they return (Company.deals/claims/latestClaim/dealFlows,
 * Deal.status/term, the LedgerView of asOf), generated from the contract's types.
 *   - well-typed values (real dates and instants, but also unknown and malformed ids, out-of-range
 *     `first`, bad cursors and positions), many fields per request under aliases;
 *   - ill-typed values (wrong JSON types, impossible dates, bad enum values, nulls), one field per
 *     request, as variables or as literals.
 * Every answer is coded (never INTERNAL_SERVER_ERROR, a 5xx, a stack trace or SQL text) and no
 * query appends anything. Cases: LEDGER_FUZZ_QUERY_RUNS (CI 100 runs of 12 aliased fields and 8
 * ill-typed requests = 2,000 cases; `npm run soak` 500 runs).
 */
import fc from 'fast-check';
import type { GraphQLArgument, GraphQLField } from 'graphql';
import { startTestApp, type TestApp } from '@ledger/testing';
import {
  CONTRACT_SCHEMA,
  answerProblems,
  inParallel,
  inputArbitrary,
  postGraphQLRaw,
  printLiteral,
  seedPools,
  type FuzzAnswer,
  type FuzzPools,
} from '@ledger/testing/soak/fuzz';
import { reliabilitySeed, reliabilitySize, reportSummary } from '@ledger/testing/soak/profile';

const RUNS = reliabilitySize('LEDGER_FUZZ_QUERY_RUNS', { ci: 100, soak: 500 });
const ALIASED = 12; // within the API's limit of 15 aliases per document
const SINGLE = 8;
const SEED = reliabilitySeed();

/** Arguments of a field, as literals: well-typed (badRate 0) or with bad values. */
function argumentsArbitrary(args: readonly GraphQLArgument[], pools: FuzzPools, badRate: number): fc.Arbitrary<string> {
  if (args.length === 0) return fc.constant('');
  return fc.tuple(...args.map((arg) => inputArbitrary(arg.type, arg.name, { pools, badRate }))).map((values) => {
    const printed = args.flatMap((arg, index) => (values[index] === undefined ? [] : [`${arg.name}: ${printLiteral(values[index], arg.type)}`]));
    return printed.length > 0 ? `(${printed.join(', ')})` : '';
  });
}

/** What to read of each returned type; nested fields with arguments get generated arguments too. */
function selectionArbitrary(typeName: string, pools: FuzzPools, depth = 0): fc.Arbitrary<string> {
  const field = (type: string, name: string) => CONTRACT_SCHEMA.getType(type) && (CONTRACT_SCHEMA.getType(type) as unknown as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields()[name]!;
  const withArgs = (type: string, name: string, selection: string) =>
    argumentsArbitrary(field(type, name)!.args, pools, 0).map((args) => `${name}${args}${selection ? ` { ${selection} }` : ''}`);
  const edges = (node: string) => `edges { cursor node { ${node} } } pageInfo { hasNextPage endCursor }`;
  switch (typeName) {
    case 'Company':
      return fc
        .tuple(withArgs('Company', 'deals', 'id'), withArgs('Company', 'claims', 'id'), withArgs('Company', 'latestClaim', 'id'), withArgs('Company', 'dealFlows', 'inboundPerMonth { value unit per } outboundPerMonth { value unit per }'))
        .map((parts) => `id name aliases ${parts.join(' ')}`);
    case 'Deal':
      return fc
        .tuple(withArgs('Deal', 'status', ''), withArgs('Deal', 'term', 'key amount { value unit per } date days text'))
        .map((parts) => `id version ${parts.join(' ')} annualizedValue { value unit per } totalValue { value unit }`);
    case 'Claim':
      return fc.constant('id status contested version thread { size depth refutations }');
    case 'Rebuttal':
      return fc.constant('id status stance target { id }');
    case 'Person':
      return fc.constant('id name moves { id }');
    case 'Source':
      return fc.constant('id title kind publishedOn');
    case 'Node':
      return fc.constant('id __typename');
    case 'LedgerEvent':
      return fc.constant('id position type streamId version recordedAt hash');
    case 'Verification':
      return fc.constant('ok checkedEvents firstBadPosition message');
    case 'LedgerHead':
      return fc.constant('position hash recordedAt');
    case 'CompanyConnection':
      return fc.constant(edges('id name'));
    case 'DealConnection':
      return fc.constant(edges('id'));
    case 'ClaimConnection':
      return fc.constant(edges('id'));
    case 'SourceConnection':
      return fc.constant(edges('id'));
    case 'LedgerEventConnection':
      return fc.constant(edges('id position type'));
    case 'LedgerView':
      if (depth > 0) return fc.constant('position');
      return fc
        .tuple(withArgs('LedgerView', 'company', 'id name'), withArgs('LedgerView', 'deals', edges('id version')), withArgs('LedgerView', 'claims', edges('id status')), withArgs('LedgerView', 'deal', 'id version'))
        .map((parts) => `position recordedAt ${parts.join(' ')}`);
    default:
      return fc.constant('__typename');
  }
}

function returnTypeName(field: GraphQLField<unknown, unknown>): string {
  let type: unknown = field.type;
  while (type && typeof type === 'object' && 'ofType' in type && (type as { ofType: unknown }).ofType) type = (type as { ofType: unknown }).ofType;
  return (type as { name: string }).name;
}

describe('Given the seeded ledger and queries with generated arguments', () => {
  let api: TestApp;
  const pools = seedPools();
  beforeAll(async () => {
    api = await startTestApp();
    // A few more entities to read: a terminated deal, a retracted claim, a move.
    await api.data(`mutation {
      a: signDeal(input: { id: "fuzz-read-deal", title: "T", kind: OTHER, parties: [{ companyId: "openai", role: PARTNER }, { companyId: "google", role: PARTNER }],
        terms: [{ key: "payment", amount: { value: "12.5", unit: "USD", per: QUARTER } }, { key: "starts_on", date: "2026-01-01" }, { key: "ends_on", date: "2027-12-31" }],
        citations: [{ sourceId: "techmeme-260520-p49" }] }) { deal { id } }
      b: terminateDeal(input: { dealId: "fuzz-read-deal", terminatedOn: "2027-01-01", reason: "r", citations: [{ sourceId: "techmeme-260520-p49" }] }) { deal { id } }
    }`);
    pools.deals.push('fuzz-read-deal');
  });
  afterAll(async () => {
    await api?.close();
  });

  it(`When ${RUNS * (ALIASED + SINGLE)} generated argument sets are queried, then every answer is coded, without internals, and nothing is appended`, async () => {
    const started = Date.now();
    const queryFields = Object.values(CONTRACT_SCHEMA.getQueryType()!.getFields());
    const withArguments = queryFields.filter((field) => field.args.length > 0 || field.name === 'ledgerHead');
    const aliasedField = fc.constantFrom(...withArguments).chain((field) =>
      fc.tuple(argumentsArbitrary(field.args, pools, 0), selectionArbitrary(returnTypeName(field), pools)).map(([args, selection]) => `${field.name}${args} { ${selection} }`),
    );
    const singleField = fc.tuple(fc.constantFrom(...withArguments.filter((field) => field.args.length > 0)), fc.boolean()).chain(([field, asVariables]) =>
      fc.tuple(...field.args.map((arg) => inputArbitrary(arg.type, arg.name, { pools, badRate: 0.35 }))).chain((values) =>
        selectionArbitrary(returnTypeName(field), pools).map((selection) => {
          const given = field.args.flatMap((arg, index) => (values[index] === undefined ? [] : [{ arg, value: values[index] }]));
          if (asVariables) {
            const declarations = given.map(({ arg }) => `$${arg.name}: ${String(arg.type)}`).join(', ');
            const call = given.map(({ arg }) => `${arg.name}: $${arg.name}`).join(', ');
            return {
              query: `query${declarations ? `(${declarations})` : ''} { ${field.name}${call ? `(${call})` : ''} { ${selection} } }`,
              variables: Object.fromEntries(given.map(({ arg, value }) => [arg.name, value])),
            };
          }
          const call = given.map(({ arg, value }) => `${arg.name}: ${printLiteral(value, arg.type)}`).join(', ');
          return { query: `{ ${field.name}${call ? `(${call})` : ''} { ${selection} } }`, variables: undefined };
        }),
      ),
    );

    const head = async () => (await api.data<{ ledgerHead: { position: string } }>('{ ledgerHead { position } }')).ledgerHead.position;
    const headBefore = await head();
    let cases = 0;
    const codes = new Map<string, number>();
    let answeredWithData = 0;
    let aliasedFieldsAnswered = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(aliasedField, { minLength: ALIASED, maxLength: ALIASED }), fc.array(singleField, { minLength: SINGLE, maxLength: SINGLE }), async (fields, singles) => {
        const failures: string[] = [];
        const record = (query: string, variables: Record<string, unknown> | undefined, answer: FuzzAnswer) => {
          const problems = answerProblems(answer);
          if (problems.length > 0) failures.push(`${query.slice(0, 1500)} ${JSON.stringify(variables ?? {}).slice(0, 500)}: ${problems.join('; ')}`);
          for (const error of answer.body?.errors ?? []) {
            const code = String(error.extensions?.code);
            codes.set(code, (codes.get(code) ?? 0) + 1);
          }
        };
        // Aliased fields: when one non-null field fails, `data` is null and the others' answers may be
        // cut short, so the failed ones are set aside and the rest asked again until all are answered.
        const aliased = async () => {
          let pending = fields.map((text, index) => ({ alias: `q${index}`, text }));
          cases += pending.length;
          while (pending.length > 0) {
            const query = `{ ${pending.map((item) => `${item.alias}: ${item.text}`).join('\n')} }`;
            const answer = await postGraphQLRaw(api.url, query);
            record(query, undefined, answer);
            if (answer.body?.data) {
              aliasedFieldsAnswered += pending.length;
              return;
            }
            const failed = new Set((answer.body?.errors ?? []).map((error) => error.path?.[0]));
            const rest = pending.filter((item) => !failed.has(item.alias));
            if (rest.length === pending.length) return; // refused as a whole (parse, validation, limits)
            pending = rest;
          }
        };
        const single = async (request: { query: string; variables: Record<string, unknown> | undefined }) => {
          cases += 1;
          const answer = await postGraphQLRaw(api.url, request.query, request.variables);
          record(request.query, request.variables, answer);
          if (answer.body?.data) answeredWithData += 1;
        };
        await inParallel([aliased, ...singles.map((request) => () => single(request))], 4);
        if (failures.length > 0) throw new Error(failures.slice(0, 5).join('\n\n'));
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    const headAfter = await head();
    reportSummary({
      suite: 'fuzz-queries',
      fuzzCases: cases,
      answeredWithData,
      aliasedFieldsAnswered,
      codes: JSON.stringify(Object.fromEntries(codes)),
      failures: headAfter === headBefore ? 0 : 1,
      seconds: (Date.now() - started) / 1000,
      seed: SEED,
    });
    expect(headAfter).toBe(headBefore);
  }, 900_000);
});
