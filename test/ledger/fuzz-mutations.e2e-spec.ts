/**
 * Fuzzed mutations (issue 5, item 5): inputs for all ten mutations generated from the contract's
 * input types (libs/testing/src/soak/fuzz.ts), valid and invalid, sent as variables or written as
 * literals, many at once. For every case: a coded answer (never INTERNAL_SERVER_ERROR, a 5xx, a
 * stack trace or SQL text); a rejected input appends nothing (the head moves by exactly the number
 * of accepted cases, and no rejected case's idempotency key is in the ledger); an accepted input
 * reads back exactly (decimals digit for digit in canonical form, dates as given, strings as sent).
 * Cases: LEDGER_FUZZ_MUTATION_RUNS x 25 (CI 100 runs = 2,500 cases; `npm run soak` 600 runs);
 * LEDGER_RELIABILITY_SEED replays a run.
 */
import fc from 'fast-check';
import { getNullableType, type GraphQLInputType } from 'graphql';
import { composeValuationStatement } from '@ledger/domain/claims/decide';
import { canonicalDecimal } from '@ledger/domain/shared/values';
import { startTestApp, withSuperuser, type TestApp } from '@ledger/testing';
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

const RUNS = reliabilitySize('LEDGER_FUZZ_MUTATION_RUNS', { ci: 100, soak: 600 });
const BATCH = 25;
const SEED = reliabilitySeed();

type Input = Record<string, unknown>;
type Name =
  | 'registerSource'
  | 'registerCompany'
  | 'signDeal'
  | 'amendDeal'
  | 'terminateDeal'
  | 'claimValuation'
  | 'makeClaim'
  | 'recordTalentDeparture'
  | 'postRebuttal'
  | 'retract';

/** What each payload answers: the entity's id and the event. */
const PAYLOADS: Record<Name, string> = {
  registerSource: 'source { id } event { id position }',
  registerCompany: 'company { id } event { id position }',
  signDeal: 'deal { id } event { id position }',
  amendDeal: 'deal { id } event { id position }',
  terminateDeal: 'deal { id } event { id position }',
  claimValuation: 'claim { id } event { id position }',
  makeClaim: 'claim { id } event { id position }',
  recordTalentDeparture: 'move { id person { id } } event { id position }',
  postRebuttal: 'rebuttal { id } event { id position }',
  retract: 'targetId event { id position }',
};
const NAMES = Object.keys(PAYLOADS) as Name[];
const CREATES: ReadonlySet<Name> = new Set(['registerSource', 'registerCompany', 'signDeal', 'claimValuation', 'makeClaim', 'recordTalentDeparture', 'postRebuttal']);

interface Case {
  readonly name: Name;
  readonly input: Input;
  readonly literal: boolean;
  readonly key: string | null;
}

const CITATIONS = 'citations { source { id } quote locator role }';
const AMOUNT = 'value unit per';

const withoutRepeats = <T>(items: readonly T[]): T[] => [...new Map(items.map((item) => [JSON.stringify(item), item])).values()];
const citationsOf = (input: Input) =>
  ((input.citations as Input[] | undefined) ?? []).map((citation) => ({
    source: { id: citation.sourceId },
    quote: citation.quote ?? null,
    locator: citation.locator ?? null,
    role: citation.role ?? 'SUPPORTING',
  }));
const amountOf = (amount: Input | null | undefined) =>
  amount ? { value: canonicalDecimal(amount.value as string), unit: amount.unit, per: amount.per ?? null } : null;
const termOf = (term: Input) => ({ key: term.key, amount: amountOf(term.amount as Input | null), date: term.date ?? null, days: term.days ?? null, text: term.text ?? null });
/** GraphQL input coercion: a single value where a list is expected is a list of one. */
const listOf = (value: unknown): unknown[] => (value === null || value === undefined ? [] : Array.isArray(value) ? value : [value]);
const byKey = <T extends Record<string, unknown>>(items: T[], key: (item: T) => string) => [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

/** A read of what an accepted case wrote, and what it must return: the input as sent (decimals canonical). */
function readBack(name: Name, input: Input, payload: Record<string, any>): { query: string; expected: unknown; normalise?: (read: any) => unknown } {
  const eventId = payload.event.id as string;
  switch (name) {
    case 'registerSource':
      return {
        query: `source(id: ${JSON.stringify(payload.source.id)}) { id url title publisher author kind publishedOn }`,
        expected: { id: input.id, url: input.url ?? null, title: input.title, publisher: input.publisher ?? null, author: input.author ?? null, kind: input.kind, publishedOn: input.publishedOn ?? null },
      };
    case 'registerCompany':
      return { query: `company(id: ${JSON.stringify(payload.company.id)}) { id name aliases }`, expected: { id: input.id, name: input.name, aliases: listOf(input.aliases) } };
    case 'signDeal':
      return {
        query: `deal(id: ${JSON.stringify(payload.deal.id)}) { id title kind signedOn parties { company { id } role } terms { key amount { ${AMOUNT} } date days text } ${CITATIONS} }`,
        expected: {
          id: input.id,
          title: input.title,
          kind: input.kind,
          signedOn: input.signedOn ?? null,
          parties: byKey((input.parties as Input[]).map((party) => ({ company: { id: party.companyId }, role: party.role })), (party) => String(party.company.id)),
          terms: byKey((input.terms as Input[]).map(termOf), (term) => String(term.key)),
          // A deal's citations are those of its events without repeats (two citations that differ
          // only by an explicit null against a default are the same citation).
          citations: withoutRepeats(citationsOf(input)),
        },
        normalise: (read) => read && { ...read, parties: byKey(read.parties, (party: any) => party.company.id), terms: byKey(read.terms, (term: any) => term.key) },
      };
    case 'amendDeal': {
      const terms = input.terms as Input[];
      return {
        query: `deal(id: ${JSON.stringify(payload.deal.id)}) { ${terms
          .map((term, index) => `t${index}: term(key: ${JSON.stringify(term.key)}) { revisions { amount { ${AMOUNT} } date days text effectiveOn event { id } } }`)
          .join(' ')} }`,
        expected: Object.fromEntries(
          terms.map((term, index) => {
            const { key: _key, ...value } = termOf(term);
            return [`t${index}`, { ...value, effectiveOn: input.effectiveOn ?? null, event: { id: eventId } }];
          }),
        ),
        normalise: (read) => read && Object.fromEntries(Object.entries(read).map(([alias, term]: [string, any]) => [alias, term?.revisions.find((revision: any) => revision.event.id === eventId) ?? null])),
      };
    }
    case 'terminateDeal':
      return {
        query: `deal(id: ${JSON.stringify(payload.deal.id)}) { terminatedOn history { id data } }`,
        expected: { terminatedOn: input.terminatedOn, reason: input.reason },
        normalise: (read) => read && { terminatedOn: read.terminatedOn, reason: read.history.find((event: any) => event.id === eventId)?.data.reason },
      };
    case 'claimValuation': {
      const value = amountOf(input.value as Input)!;
      const statement =
        typeof input.statement === 'string' && input.statement.trim().length > 0
          ? input.statement
          : composeValuationStatement(input.companyId as string, input.metric as never, (input.fiscalPeriod as string | null | undefined) ?? null, value as never);
      return {
        query: `claim(id: ${JSON.stringify(payload.claim.id)}) { id kind statement author metric value { ${AMOUNT} } fiscalPeriod occurredOn subjects { id } ${CITATIONS} }`,
        expected: {
          id: input.id ?? payload.claim.id,
          kind: 'VALUATION',
          statement,
          author: input.author,
          metric: input.metric,
          value,
          fiscalPeriod: input.fiscalPeriod ?? null,
          occurredOn: input.occurredOn ?? null,
          subjects: [{ id: input.companyId }],
          citations: citationsOf(input),
        },
      };
    }
    case 'makeClaim':
      return {
        query: `claim(id: ${JSON.stringify(payload.claim.id)}) { id kind statement author occurredOn subjects { id } ${CITATIONS} }`,
        expected: {
          id: input.id ?? payload.claim.id,
          kind: 'ASSERTION',
          statement: input.statement,
          author: input.author,
          occurredOn: input.occurredOn ?? null,
          subjects: listOf(input.subjectIds).map((id) => ({ id })),
          citations: citationsOf(input),
        },
      };
    case 'recordTalentDeparture':
      return {
        query: `node(id: ${JSON.stringify(payload.move.id)}) { ... on TalentMove { id person { id } from { id } to { id } role announcedOn ${CITATIONS} } }`,
        expected: {
          id: input.id ?? payload.move.id,
          person: { id: (input.person as Input).id ?? payload.move.person.id },
          from: { id: input.fromCompanyId },
          to: input.toCompanyId ? { id: input.toCompanyId } : null,
          role: input.role ?? null,
          announcedOn: input.announcedOn ?? null,
          citations: citationsOf(input),
        },
      };
    case 'postRebuttal':
      return {
        query: `rebuttal(id: ${JSON.stringify(payload.rebuttal.id)}) { id stance author text occurredOn target { id } ${CITATIONS} }`,
        expected: {
          id: input.id ?? payload.rebuttal.id,
          stance: input.stance,
          author: input.author,
          text: input.text,
          occurredOn: input.occurredOn ?? null,
          target: { id: input.targetId },
          citations: citationsOf(input),
        },
      };
    case 'retract':
      return {
        query: `event(id: ${JSON.stringify(eventId)}) { type streamId data }`,
        expected: { type: 'ENTRY_RETRACTED', targetId: input.targetId, reason: input.reason },
        normalise: (read) => read && { type: read.type, targetId: read.data.targetId, reason: read.data.reason },
      };
  }
}

function caseArbitrary(pools: FuzzPools): fc.Arbitrary<Case> {
  const mutation = CONTRACT_SCHEMA.getMutationType()!.getFields();
  const byName = NAMES.map((name) => {
    const type = mutation[name]!.args[0]!.type as GraphQLInputType;
    const input = inputArbitrary(type, 'input', { pools, badRate: 0.02, creation: CREATES.has(name) });
    return fc.tuple(fc.constant(name), input, fc.nat(9));
  });
  let counter = 0;
  return fc.oneof(...byName).map(([name, input, roll]) => {
    counter += 1;
    const key = roll === 0 ? null : `fuzz-${SEED}-${process.pid}-${counter}`;
    const withKey = key !== null && input && typeof input === 'object' && !Array.isArray(input) ? { ...(input as Input), idempotencyKey: key } : (input as Input);
    return { name, input: withKey, literal: roll >= 8, key: withKey === input ? null : key };
  });
}

function send(url: string, testCase: Case): Promise<FuzzAnswer> {
  const field = CONTRACT_SCHEMA.getMutationType()!.getFields()[testCase.name]!;
  const typeName = String(getNullableType(field.args[0]!.type));
  if (testCase.literal) {
    return postGraphQLRaw(url, `mutation { ${testCase.name}(input: ${printLiteral(testCase.input, field.args[0]!.type)}) { ${PAYLOADS[testCase.name]} } }`);
  }
  return postGraphQLRaw(url, `mutation($input: ${typeName}!) { ${testCase.name}(input: $input) { ${PAYLOADS[testCase.name]} } }`, { input: testCase.input });
}

describe('Given the seeded ledger and mutations with generated inputs', () => {
  let api: TestApp;
  const pools = seedPools();
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api?.close();
  });

  it(`When ${RUNS * BATCH} cases are sent, ${BATCH} at a time, then each is answered with a code or accepted; rejected ones append nothing and accepted ones read back exactly`, async () => {
    const started = Date.now();
    const head = async () => BigInt((await api.data<{ ledgerHead: { position: string } }>('{ ledgerHead { position } }')).ledgerHead.position);
    let cases = 0;
    let accepted = 0;
    const acceptedBy = new Map<string, number>();
    const codes = new Map<string, number>();

    await fc.assert(
      fc.asyncProperty(fc.array(caseArbitrary(pools), { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const failures: string[] = [];
        const before = await head();
        const answers = await inParallel(batch.map((testCase) => () => send(api.url, testCase)), 6);
        cases += batch.length;
        const wins: { testCase: Case; payload: Record<string, any> }[] = [];
        batch.forEach((testCase, index) => {
          const answer = answers[index]!;
          const problems = answerProblems(answer);
          if (problems.length > 0) failures.push(`${testCase.name} ${JSON.stringify(testCase.input).slice(0, 600)}: ${problems.join('; ')}`);
          for (const error of answer.body?.errors ?? []) {
            const code = String(error.extensions?.code);
            codes.set(code, (codes.get(code) ?? 0) + 1);
          }
          const payload = answer.body?.data?.[testCase.name] as Record<string, any> | undefined;
          if (payload && !answer.body?.errors) wins.push({ testCase, payload });
        });
        accepted += wins.length;

        // Rejected inputs appended nothing: the head moved by the accepted ones only, and no rejected key is in the ledger.
        const after = await head();
        if (after - before !== BigInt(wins.length)) failures.push(`the head moved by ${after - before} for ${wins.length} accepted cases`);
        const keys = batch.filter((testCase) => testCase.key !== null).map((testCase) => testCase.key!);
        const stored = await withSuperuser(api.databaseUrl, async (client) =>
          (await client.query<{ key: string }>(`SELECT idempotency_key AS key FROM events WHERE idempotency_key = ANY($1::text[])`, [keys])).rows.map((row) => row.key),
        );
        const acceptedKeys = new Set(wins.map((win) => win.testCase.key).filter((key): key is string => key !== null));
        for (const key of stored) if (!acceptedKeys.has(key)) failures.push(`a rejected case's key ${key} is in the ledger`);
        for (const key of acceptedKeys) if (stored.filter((item) => item === key).length !== 1) failures.push(`accepted key ${key} is stored ${stored.filter((item) => item === key).length} times`);

        // Accepted inputs read back exactly.
        if (wins.length > 0) {
          const reads = wins.map((win) => readBack(win.testCase.name, win.testCase.input, win.payload));
          // Several reads per request, within the API's alias limit (15 per document, nested ones included).
          const values: unknown[] = [];
          for (let start = 0; start < reads.length; ) {
            let end = start;
            let aliases = 0;
            while (end < reads.length && aliases + 1 + (reads[end]!.query.match(/\bt\d+:/g)?.length ?? 0) <= 12) {
              aliases += 1 + (reads[end]!.query.match(/\bt\d+:/g)?.length ?? 0);
              end += 1;
            }
            end = Math.max(end, start + 1);
            const read = await postGraphQLRaw(api.url, `{ ${reads.slice(start, end).map((item, index) => `r${index}: ${item.query}`).join('\n')} }`);
            if (read.body?.errors || !read.body?.data) failures.push(`the read-back failed: ${read.text.slice(0, 600)}`);
            for (let index = 0; index < end - start; index++) values.push(read.body?.data?.[`r${index}`]);
            start = end;
          }
          reads.forEach((item, index) => {
            const value = values[index];
            const actual = item.normalise ? item.normalise(value) : value;
            if (JSON.stringify(actual) !== JSON.stringify(item.expected)) {
              failures.push(
                `${wins[index]!.testCase.name} ${JSON.stringify(wins[index]!.testCase.input).slice(0, 800)}\n  read back ${JSON.stringify(actual)}\n  expected  ${JSON.stringify(item.expected)}`,
              );
            }
          });
        }
        for (const { testCase, payload } of wins) {
          acceptedBy.set(testCase.name, (acceptedBy.get(testCase.name) ?? 0) + 1);
          if (testCase.name === 'registerCompany') pools.companies.push(payload.company.id);
          else if (testCase.name === 'registerSource') pools.sources.push(payload.source.id);
          else if (testCase.name === 'signDeal') pools.deals.push(payload.deal.id);
          else if (testCase.name === 'claimValuation' || testCase.name === 'makeClaim') pools.claims.push(payload.claim.id);
          else if (testCase.name === 'postRebuttal') pools.rebuttals.push(payload.rebuttal.id);
          else if (testCase.name === 'recordTalentDeparture') {
            pools.moves.push(payload.move.id);
            pools.people.push(payload.move.person.id);
          }
        }
        if (failures.length > 0) throw new Error(failures.slice(0, 10).join('\n'));
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );

    const verify = await api.data<{ verifyLedger: { ok: boolean } }>('{ verifyLedger { ok } }');
    reportSummary({
      suite: 'fuzz-mutations',
      fuzzCases: cases,
      accepted,
      acceptedBy: JSON.stringify(Object.fromEntries(acceptedBy)),
      codes: JSON.stringify(Object.fromEntries(codes)),
      failures: verify.verifyLedger.ok ? 0 : 1,
      seconds: (Date.now() - started) / 1000,
      seed: SEED,
    });
    expect(verify.verifyLedger.ok).toBe(true);
    // The generator must reach the write path, not only the validation: every mutation accepted at least once.
    expect(NAMES.filter((name) => !acceptedBy.has(name))).toEqual([]);
  }, 900_000);
});
