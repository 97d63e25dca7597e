/**
 * GraphQL over real HTTP: node:http with a keep-alive agent (one socket per concurrent client, reused
 * for every request, as a production client would), JSON bodies, Authorization header.
 */
import * as http from 'node:http';
import type { Created, LedgerManifest } from './generate';
import { Prng } from './prng';
import { closedLoop, sequentialLatencies, type LoadResult, type Percentiles } from './stats';

export interface GraphqlResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export class GraphqlClient {
  private readonly agent: http.Agent;
  private readonly target: URL;

  constructor(
    url: string,
    private readonly headers: Record<string, string>,
    sockets: number,
  ) {
    this.target = new URL(url);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  }

  request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse<T>> {
    const payload = Buffer.from(JSON.stringify(variables ? { query, variables } : { query }));
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          agent: this.agent,
          host: this.target.hostname,
          port: this.target.port,
          path: this.target.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(payload.length), ...this.headers },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve(JSON.parse(text) as GraphqlResponse<T>);
            } catch {
              reject(new Error(`HTTP ${response.statusCode}: ${text.slice(0, 300)}`));
            }
          });
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  }

  /** The data, or an Error carrying the first GraphQL error's code and message. */
  async data<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const body = await this.request<T>(query, variables);
    const error = body.errors?.[0];
    if (error || !body.data) throw new Error(error ? `${error.extensions?.code ?? 'ERROR'}: ${error.message}` : 'no data');
    return body.data;
  }

  close(): void {
    this.agent.destroy();
  }
}

// ------------------------------------------------------------------ appends

const SIGN = `mutation($input: SignDealInput!) { signDeal(input: $input) { deal { id version } event { position } } }`;
const AMEND = `mutation($input: AmendDealInput!) { amendDeal(input: $input) { deal { id version } event { position } } }`;
const REBUT = `mutation($input: PostRebuttalInput!) { postRebuttal(input: $input) { rebuttal { id } event { position } } }`;

/**
 * A newsroom's writes at `concurrency` concurrent clients, in turn signDeal, amendDeal (of a deal the
 * client signed, with expectedVersion) and postRebuttal (on a claim of the imported ledger); every
 * request carries an idempotency key, as a client that retries safely sends. Events/s counts
 * acknowledged mutations; any GraphQL error counts as an error.
 */
export async function graphqlAppends(
  client: GraphqlClient,
  manifest: LedgerManifest,
  options: { concurrency: number; warmupSeconds: number; seconds: number; tag: string; seed: number },
): Promise<LoadResult> {
  const states = Array.from({ length: options.concurrency }, (_, index) => ({
    rng: new Prng(options.seed + index * 7919),
    step: 0,
    deals: [] as { id: string; version: number }[],
  }));
  const companies = manifest.companies;
  const claims = manifest.claims;
  const citation = (rng: Prng): Record<string, unknown>[] => [
    { sourceId: pickRecent(rng, manifest.sources).id, quote: 'Benchmark citation: the terms as reported.', role: 'PRIMARY' },
  ];
  return closedLoop({
    concurrency: options.concurrency,
    warmupSeconds: options.warmupSeconds,
    seconds: options.seconds,
    operation: async (index) => {
      const state = states[index]!;
      const rng = state.rng;
      const step = state.step++;
      const key = `bench-${options.tag}-c${index}-${step}`;
      const turn = step % 3;
      if (turn === 0 || (turn === 1 && state.deals.length === 0)) {
        const a = pickPopular(rng, companies);
        let b = pickPopular(rng, companies);
        for (let tries = 0; b.id === a.id && tries < 10; tries++) b = rng.pick(companies);
        const id = `bench-${options.tag}-c${index}-deal-${step}`;
        await client.data(SIGN, {
          input: {
            id,
            title: 'Benchmark compute lease',
            kind: 'COMPUTE_LEASE',
            parties: [
              { companyId: a.id, role: 'PROVIDER' },
              { companyId: b.id, role: 'CUSTOMER' },
            ],
            signedOn: '2026-05-20',
            terms: [
              { key: 'payment', amount: { value: String(rng.int(1, 2000) * 1_000_000), unit: 'USD', per: 'MONTH' } },
              { key: 'starts_on', date: '2026-06-01' },
            ],
            citations: citation(rng),
            idempotencyKey: key,
          },
        });
        state.deals.push({ id, version: 1 });
        if (state.deals.length > 20) state.deals.shift();
        return 1;
      }
      if (turn === 1) {
        const deal = state.deals[state.deals.length - 1 - Math.min(state.deals.length - 1, rng.int(0, 2))]!;
        await client.data(AMEND, {
          input: {
            dealId: deal.id,
            terms: [{ key: 'payment', amount: { value: String(rng.int(1, 2500) * 1_000_000), unit: 'USD', per: 'MONTH' } }],
            effectiveOn: '2026-07-01',
            reason: `Price revised (${key})`,
            citations: citation(rng),
            expectedVersion: deal.version,
            idempotencyKey: key,
          },
        });
        deal.version += 1;
        return 1;
      }
      const claim = rng.chance(0.5) ? pickRecent(rng, claims) : rng.pick(claims);
      await client.data(REBUT, {
        input: {
          id: `bench-${options.tag}-c${index}-rebuttal-${step}`,
          targetId: claim.id,
          stance: rng.pick(['REFUTES', 'SUPPORTS', 'QUALIFIES']),
          author: 'A benchmark reader',
          text: 'The figures do not add up once the notice period is taken into account.',
          occurredOn: '2026-06-07',
          citations: citation(rng),
          idempotencyKey: key,
        },
      });
      return 1;
    },
  });
}

/**
 * The stack's own floor: `{ __typename }` at `concurrency` concurrent clients through the same HTTP
 * server, access check, request log and Apollo pipeline as the mutations, without the command path,
 * the store or the database. No append can be served faster than this; its ratio to the raw
 * ceiling bounds what the appends' ratio can reach on the machine. Each request counts as one.
 */
export async function graphqlFloor(
  client: GraphqlClient,
  options: { concurrency: number; warmupSeconds: number; seconds: number },
): Promise<LoadResult> {
  return closedLoop({
    concurrency: options.concurrency,
    warmupSeconds: options.warmupSeconds,
    seconds: options.seconds,
    operation: async () => {
      const data = await client.data<{ __typename?: string }>('{ __typename }');
      if (data.__typename !== 'Query') throw new Error(`unexpected answer ${JSON.stringify(data)}`);
      return 1;
    },
  });
}

function pickPopular<T>(rng: Prng, items: readonly T[]): T {
  return items[rng.skewedIndex(items.length, 2.2)]!;
}

function pickRecent<T>(rng: Prng, items: readonly T[]): T {
  return items[items.length - 1 - rng.skewedIndex(items.length, 3)]!;
}

// ------------------------------------------------------------------ as-of reads

export type ReadKind = 'company' | 'deal' | 'claim' | 'companiesPage';

export const READ_QUERIES: Record<ReadKind, string> = {
  company: `query($p: String!, $id: ID!) { asOf(position: $p) { company(id: $id) {
    id name aliases deals { id title kind status signedOn version parties { role } } } } }`,
  deal: `query($p: String!, $id: ID!) { asOf(position: $p) { deal(id: $id) {
    id title kind status signedOn terminatedOn version annualizedValue { value unit }
    terms { key amount { value unit per } date days text effectiveOn revisions { date days text effectiveOn } } } } }`,
  claim: `query($p: String!, $id: ID!) { asOf(position: $p) { claim(id: $id) {
    id kind statement author status contested version
    thread { size depth refutations supports qualifications participants lastActivityAt }
    rebuttals { id stance status rebuttals { id stance status } } } } }`,
  companiesPage: `query($p: String!) { asOf(position: $p) { companies(first: 50) {
    edges { cursor node { id name aliases } } pageInfo { hasNextPage endCursor } } } }`,
};

export interface ReadTargets {
  readonly company: Created[];
  readonly deal: Created[];
  readonly claim: Created[];
}

/**
 * Entities that exist at the old position (line = position): companies and deals drawn at random,
 * claims among those that gather a rebuttal thread by the end of the ledger. The same entities are
 * read as of the old position and as of the head.
 */
export function chooseReadTargets(manifest: LedgerManifest, oldPosition: number, count: number, seed: number): ReadTargets {
  const rng = new Prng(seed);
  const sample = <T extends Created>(items: readonly T[], prefer?: (item: T) => boolean): Created[] => {
    const existing = items.filter((item) => item.line <= oldPosition);
    const preferred = prefer ? existing.filter(prefer) : existing;
    const pool = preferred.length > 0 ? preferred : existing;
    const out: Created[] = [];
    for (let i = 0; i < count && pool.length > 0; i++) out.push(rng.pick(pool));
    return out;
  };
  return {
    company: sample(manifest.companies),
    deal: sample(manifest.deals),
    claim: sample(manifest.claims, (claim) => claim.rebuttals > 0),
  };
}

export interface ReadResult {
  readonly kind: ReadKind;
  readonly at: 'old' | 'head';
  readonly position: string;
  readonly requests: number;
  readonly errors: number;
  /** Responses where the entity was null (should be none). */
  readonly missing: number;
  readonly firstError: string | null;
  readonly latencyMs: Percentiles;
}

/** `requests` sequential requests from one client (latency, not throughput), cycling through the targets. */
export async function asOfReads(
  client: GraphqlClient,
  kind: ReadKind,
  at: 'old' | 'head',
  position: string,
  targets: ReadTargets,
  requests: number,
): Promise<ReadResult> {
  let missing = 0;
  const query = READ_QUERIES[kind];
  // One untimed request first (connection, parse and validation caches).
  const variables = (index: number): Record<string, unknown> =>
    kind === 'companiesPage' ? { p: position } : { p: position, id: targets[kind][index % targets[kind].length]!.id };
  await client.request(query, variables(0)).catch(() => undefined);
  const result = await sequentialLatencies(requests, async (index) => {
    const data = await client.data<{ asOf: Record<string, unknown> }>(query, variables(index));
    const value = data.asOf[kind === 'companiesPage' ? 'companies' : kind];
    if (value === null || value === undefined) missing += 1;
  });
  return { kind, at, position, requests, errors: result.errors, missing, firstError: result.firstError, latencyMs: result.latencyMs };
}
