/**
 * Malformed HTTP (issue 5, item 5): random bytes and random JSON as bodies, random query texts and
 * broken mutation documents, wrong content types and methods, batches, and payloads over 1 MiB
 * (one huge string, a huge array, deep nesting, a chunked body without a length). Every answer is a
 * 4xx (or, for a request that happens to be valid, a normal answer) in the GraphQL error shape
 * with a code, never a 5xx nor internals, and nothing is appended unless a mutation was accepted.
 * Cases: LEDGER_FUZZ_HTTP_RUNS (CI 40 runs of 20 = 800 cases; `npm run soak` 200 runs).
 */
import fc from 'fast-check';
import { startTestApp, type TestApp } from '@ledger/testing';
import { answerProblems, inParallel, postRaw, type FuzzAnswer } from '@ledger/testing/soak/fuzz';
import { reliabilitySeed, reliabilitySize, reportSummary } from '@ledger/testing/soak/profile';

const RUNS = reliabilitySize('LEDGER_FUZZ_HTTP_RUNS', { ci: 40, soak: 200 });
const PER_RUN = 20;
const SEED = reliabilitySeed();
const MIB = 1024 * 1024;

const REQUEST_CODES = new Set(['BAD_REQUEST', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

type Request = { readonly kind: string; readonly body: string | Uint8Array; readonly contentType: string | null; readonly method?: string };

let counter = 0;
/** A mutation that appends if it runs: a company with a fresh id. */
function mutationBody(): string {
  counter += 1;
  return JSON.stringify({ query: `mutation { registerCompany(input: { id: "http-fuzz-${SEED}-${counter}", name: "X" }) { company { id } } }` });
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'Application/JSON',
  'text/plain',
  'text/html',
  'application/xml',
  'multipart/form-data; boundary=xyz',
  'application/x-www-form-urlencoded',
  'application/graphql',
  'application/octet-stream',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/javascript',
  'image/png',
  '*/*',
  'json',
];

const requestArbitrary: fc.Arbitrary<Request> = fc.oneof(
  fc.uint8Array({ maxLength: 400 }).map((bytes) => ({ kind: 'random bytes', body: bytes, contentType: 'application/json' })),
  fc.jsonValue({ maxDepth: 4 }).map((value) => ({ kind: 'random JSON', body: JSON.stringify(value), contentType: 'application/json' })),
  fc.string({ unit: 'grapheme', maxLength: 200 }).map((query) => ({ kind: 'random query text', body: JSON.stringify({ query }), contentType: 'application/json' })),
  fc
    .tuple(fc.nat(), fc.nat(), fc.string({ unit: 'grapheme-ascii', maxLength: 3 }))
    .map(([cut, at, insert]) => {
      const text = 'mutation { registerCompany(input: { id: "never-registered", name: "X" }) { company { id } } }';
      const broken = `${text.slice(0, at % text.length)}${insert}${text.slice(at % text.length, text.length - (cut % 12) - 1)}`;
      return { kind: 'broken mutation', body: JSON.stringify({ query: broken }), contentType: 'application/json' };
    }),
  fc
    .oneof(fc.constantFrom(...CONTENT_TYPES), fc.string({ unit: 'grapheme-ascii', maxLength: 30 }), fc.constant(null))
    .map((contentType) => ({ kind: 'content type', body: mutationBody(), contentType })),
  fc.constantFrom('PUT', 'DELETE', 'PATCH').map((method) => ({ kind: 'method', body: mutationBody(), contentType: 'application/json', method })),
  fc
    .array(fc.constantFrom('{ ledgerHead { position } }', 'mutation { registerCompany(input: { id: "batched", name: "X" }) { company { id } } }'), { minLength: 1, maxLength: 3 })
    .map((queries) => ({ kind: 'batch', body: JSON.stringify(queries.map((query) => ({ query }))), contentType: 'application/json' })),
  fc
    .record({ query: fc.constantFrom('{ ledgerHead { position } }', 'query Q { ledgerHead { position } }'), operationName: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), variables: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined)), extensions: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined)) })
    .map((body) => ({ kind: 'odd envelope', body: JSON.stringify(body), contentType: 'application/json' })),
);

describe('Given the API and malformed HTTP requests', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api?.close();
  });

  const head = async () => (await api.data<{ ledgerHead: { position: string } }>('{ ledgerHead { position } }')).ledgerHead.position;
  const accepted = (answer: FuzzAnswer) => answer.status === 200 && !!answer.body?.data && !answer.body.errors;

  /** A refusal: 4xx, the GraphQL error shape, a request-level code, no internals. */
  function refusalProblems(answer: FuzzAnswer): string[] {
    const problems = answerProblems(answer);
    if (accepted(answer) || (answer.status === 200 && answer.body?.data !== undefined)) return problems;
    if (answer.status < 400 || answer.status >= 500) problems.push(`HTTP ${answer.status} for a refusal`);
    const code = answer.body?.errors?.[0]?.extensions?.code;
    if (typeof code !== 'string' || !REQUEST_CODES.has(code)) problems.push(`code ${String(code)}`);
    return problems;
  }

  it(`When ${RUNS * PER_RUN} generated malformed requests are sent, then each gets a coded answer (4xx when refused) and only accepted mutations append`, async () => {
    const started = Date.now();
    let cases = 0;
    let appended = 0;
    const byKind = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(requestArbitrary, { minLength: PER_RUN, maxLength: PER_RUN }), async (requests) => {
        const before = BigInt(await head());
        const answers = await inParallel(requests.map((request) => () => postRaw(api.url, request.body, request.contentType, request.method)), 4);
        const failures: string[] = [];
        let mutations = 0;
        answers.forEach((answer, index) => {
          const request = requests[index]!;
          cases += 1;
          byKind.set(request.kind, (byKind.get(request.kind) ?? 0) + 1);
          const problems = refusalProblems(answer);
          if (problems.length > 0) {
            const body = typeof request.body === 'string' ? request.body : Buffer.from(request.body).toString('hex');
            failures.push(`${request.kind} (${request.method ?? 'POST'} ${request.contentType}) ${body.slice(0, 300)} -> ${answer.status} ${answer.text.slice(0, 300)}: ${problems.join('; ')}`);
          }
          if (accepted(answer) && answer.body?.data && 'registerCompany' in answer.body.data) mutations += 1;
        });
        const after = BigInt(await head());
        if (after - before !== BigInt(mutations)) failures.push(`the head moved by ${after - before} for ${mutations} accepted mutations`);
        appended += mutations;
        if (failures.length > 0) throw new Error(failures.slice(0, 8).join('\n'));
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    reportSummary({ suite: 'fuzz-http', fuzzCases: cases, appended, kinds: JSON.stringify(Object.fromEntries(byKind)), failures: 0, seconds: (Date.now() - started) / 1000, seed: SEED });
  }, 600_000);

  it('When payloads over 1 MiB arrive (a huge string, a huge query, a huge array, deep nesting, a huge mutation, a chunked body without a length), then 413 with a code and nothing is appended', async () => {
    const before = await head();
    const huge: { name: string; body: string | ReadableStream<Uint8Array>; chunked?: boolean }[] = [
      { name: 'huge variable', body: JSON.stringify({ query: '{ ledgerHead { position } }', variables: { big: 'x'.repeat(1.5 * MIB) } }) },
      { name: 'huge query text', body: JSON.stringify({ query: `{ ledgerHead { position } } # ${'y'.repeat(1.2 * MIB)}` }) },
      { name: 'huge array', body: JSON.stringify({ query: '{ ledgerHead { position } }', variables: { list: Array.from({ length: 300_000 }, (_, index) => index) } }) },
      { name: 'deep nesting', body: `${'['.repeat(600_000)}${']'.repeat(600_000)}` },
      {
        name: 'huge mutation',
        body: JSON.stringify({
          query: 'mutation($input: RegisterCompanyInput!) { registerCompany(input: $input) { company { id } } }',
          variables: { input: { id: 'huge-company', name: 'X', aliases: Array.from({ length: 60_000 }, (_, index) => `alias number ${index}`) } },
        }),
      },
      {
        name: 'chunked, no length',
        chunked: true,
        body: new ReadableStream<Uint8Array>({
          start(controller) {
            const chunk = new TextEncoder().encode('z'.repeat(64 * 1024));
            controller.enqueue(new TextEncoder().encode('{"query":"{ ledgerHead { position } }","variables":{"big":"'));
            for (let index = 0; index < 24; index++) controller.enqueue(chunk);
            controller.enqueue(new TextEncoder().encode('"}}'));
            controller.close();
          },
        }),
      },
    ];
    for (const payload of huge) {
      if (typeof payload.body === 'string') expect(Buffer.byteLength(payload.body)).toBeGreaterThan(MIB);
      const response = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: payload.body,
        ...(payload.chunked ? { duplex: 'half' } : {}),
      } as RequestInit);
      const text = await response.text();
      const answer: FuzzAnswer = { status: response.status, text, body: JSON.parse(text) as FuzzAnswer['body'] };
      expect({ name: payload.name, status: answer.status, code: answer.body?.errors?.[0]?.extensions?.code, problems: answerProblems(answer) }).toEqual({
        name: payload.name,
        status: 413,
        code: 'BAD_REQUEST',
        problems: [],
      });
    }
    expect(await head()).toBe(before);
    expect(await api.data('{ company(id: "huge-company") { id } }')).toEqual({ company: null });
  });

  it('When JSON nests deeply but stays under 1 MiB, then a coded 4xx, and the API still answers', async () => {
    for (const depth of [10_000, 100_000, 400_000]) {
      const body = `{"query":"{ ledgerHead { position } }","variables":{"x":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
      const answer = await postRaw(api.url, body, 'application/json');
      // Either refused as a whole, or the unused variable is ignored: never a 5xx, never internals.
      expect({ depth, problems: answerProblems(answer) }).toEqual({ depth, problems: [] });
    }
    expect(await head()).toMatch(/^\d+$/);
  });
});



