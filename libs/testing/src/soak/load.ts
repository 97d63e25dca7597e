/**
 * Writers for the crash and database-restart suites. Each client appends valid commands against the
 * seeded ledger, one at a time, every one with its own idempotency key, and keeps trying a request
 * until it gets an answer (the API may be dead, restarting, or without its database): a retry
 * always resends the same input with the same key, so an append that committed before its answer
 * was lost is answered again, never appended twice. Every acknowledged append is recorded.
 */
import type { AcknowledgedAppend } from './invariants';
import { sleep } from './api-process';

export type Outcome =
  | { readonly kind: 'answer'; readonly status: number; readonly body: GraphQLBody }
  | { readonly kind: 'network'; readonly error: string };

export interface GraphQLBody {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
}

/** POST a GraphQL request; a connection failure or timeout is an outcome, not an exception. */
export async function postGraphQL(url: string, query: string, variables?: Record<string, unknown>, timeoutMs = 30_000): Promise<Outcome> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let body: GraphQLBody;
    try {
      body = JSON.parse(text) as GraphQLBody;
    } catch {
      body = { errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] };
    }
    return { kind: 'answer', status: response.status, body };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { kind: 'network', error: cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error)) };
  }
}

const EVENT = 'event { id position streamId version recordedAt }';
/** Faulty answers (5xx, INTERNAL_SERVER_ERROR, uncoded) tolerated for one request before the writer gives it up. */
const MAX_FAULTS_PER_REQUEST = 10;
const CITE = [{ sourceId: 'techmeme-260520-p49', quote: 'Anthropic is paying SpaceX $1.25B/mo.', role: 'PRIMARY' }];

interface Operation {
  readonly name: string;
  readonly query: string;
  readonly input: Record<string, unknown>;
  /** Called with the payload once acknowledged. */
  readonly onDone?: (payload: Record<string, unknown>) => void;
}

/** An acknowledged append, with how many requests it took (more than 1: it was retried). */
export interface LoadAcknowledgement extends AcknowledgedAppend {
  readonly attempts: number;
  /**
   * The event was recorded before the request that got the answer was sent: an earlier attempt
   * committed but its answer was lost (the API died, or the database connection broke after the
   * commit), and the retry under the same key was answered from the idempotency record.
   */
  readonly answeredByReplay: boolean;
}

export interface LoadStats {
  readonly acknowledged: LoadAcknowledgement[];
  /** Keys answered with a coded error (none is expected: every command is valid). */
  readonly rejected: { key: string; code: string; message: string }[];
  /** Answers that were neither data nor a retryable outage: 5xx, INTERNAL_SERVER_ERROR, uncoded errors. */
  readonly faults: string[];
  /** Error codes seen on answers that were retried (the API without its database). */
  readonly retryCodes: Map<string, number>;
  networkErrors: number;
  retries: number;
}

export function newLoadStats(): LoadStats {
  return { acknowledged: [], rejected: [], faults: [], retryCodes: new Map(), networkErrors: 0, retries: 0 };
}

export interface LoadClientOptions {
  readonly client: number;
  readonly keyPrefix: string;
  readonly random: () => number;
  /** The API's URL. */
  readonly url: () => string;
  /** True once the writers should finish their current request and stop. */
  readonly stopping: () => boolean;
  /** True when the test has failed: give up at once, even on an unanswered request. */
  readonly aborted?: () => boolean;
  readonly stats: LoadStats;
  /** Error codes that mean "not answered, try again" (e.g. SERVICE_UNAVAILABLE while the database is down). */
  readonly retryableCodes?: ReadonlySet<string>;
  /** Called with each answer's codes, e.g. to check what the API says while its database is down. */
  readonly onAnswer?: (outcome: Outcome) => void;
}

/** One writer; resolves when `stopping()` and its last request is answered. */
export async function runLoadClient(options: LoadClientOptions): Promise<void> {
  const { client, keyPrefix, random, stats } = options;
  const deals: { id: string; version: number }[] = [];
  const claims: string[] = [];
  let sequence = 0;
  const slug = (kind: string) => `${keyPrefix}-c${client}-${kind}-${sequence}`;

  const nextOperation = (): Operation => {
    const roll = random();
    if (roll < 0.15) {
      return {
        name: 'registerCompany',
        query: `mutation($input: RegisterCompanyInput!) { registerCompany(input: $input) { company { id } ${EVENT} } }`,
        input: { id: slug('co'), name: `Company ${client}.${sequence}`, aliases: [`C${client}-${sequence}`] },
      };
    }
    if (roll < 0.3 || deals.length === 0) {
      const id = slug('deal');
      return {
        name: 'signDeal',
        query: `mutation($input: SignDealInput!) { signDeal(input: $input) { deal { id version } ${EVENT} } }`,
        input: {
          id,
          title: `Deal ${client}.${sequence}`,
          kind: 'COMPUTE_LEASE',
          parties: [
            { companyId: 'openai', role: 'CUSTOMER' },
            { companyId: 'google', role: 'PROVIDER' },
          ],
          signedOn: '2026-05-20',
          terms: [{ key: 'payment', amount: { value: `${1 + sequence}.25`, unit: 'USD', per: 'MONTH' } }],
          citations: CITE,
        },
        onDone: (payload) => deals.push({ id, version: (payload.deal as { version: number }).version }),
      };
    }
    if (roll < 0.6) {
      const deal = deals[Math.floor(random() * deals.length)]!;
      return {
        name: 'amendDeal',
        query: `mutation($input: AmendDealInput!) { amendDeal(input: $input) { deal { id version } ${EVENT} } }`,
        input: {
          dealId: deal.id,
          terms: [{ key: 'capacity', text: `${sequence} MW` }],
          effectiveOn: '2026-07-01',
          reason: `Amendment ${sequence}`,
          citations: CITE,
          expectedVersion: deal.version,
        },
        onDone: (payload) => (deal.version = (payload.deal as { version: number }).version),
      };
    }
    if (roll < 0.8 || claims.length === 0) {
      // No id: the server makes one, and a retry under the same key must get the same one back.
      return {
        name: 'makeClaim',
        query: `mutation($input: MakeClaimInput!) { makeClaim(input: $input) { claim { id } ${EVENT} } }`,
        input: { statement: `Claim ${client}.${sequence}`, author: `Writer ${client}`, subjectIds: ['openai'], citations: CITE },
        onDone: (payload) => claims.push((payload.claim as { id: string }).id),
      };
    }
    return {
      name: 'postRebuttal',
      query: `mutation($input: PostRebuttalInput!) { postRebuttal(input: $input) { rebuttal { id } ${EVENT} } }`,
      input: {
        targetId: claims[Math.floor(random() * claims.length)]!,
        stance: random() < 0.5 ? 'REFUTES' : 'SUPPORTS',
        author: `Critic ${client}`,
        text: `Rebuttal ${sequence}`,
        citations: CITE,
      },
    };
  };

  while (!options.stopping() && !options.aborted?.()) {
    sequence += 1;
    const operation = nextOperation();
    const key = `${keyPrefix}-c${client}-k${sequence}`;
    const input = { ...operation.input, idempotencyKey: key };
    let faults = 0;
    for (let attempt = 0; ; attempt++) {
      if (options.aborted?.()) return;
      if (attempt > 0) {
        stats.retries += 1;
        await sleep(Math.min(25 * attempt, 250) + Math.floor(random() * 50));
      }
      const sentAt = Date.now();
      const outcome = await postGraphQL(options.url(), operation.query, { input });
      options.onAnswer?.(outcome);
      if (outcome.kind === 'network') {
        stats.networkErrors += 1;
        continue;
      }
      const { status, body } = outcome;
      const payload = body.data?.[operation.name] as
        | (Record<string, unknown> & { event: { id: string; position: string; streamId: string; recordedAt: string } })
        | undefined;
      if (status === 200 && payload && !body.errors) {
        stats.acknowledged.push({
          idempotencyKey: key,
          eventId: payload.event.id,
          position: payload.event.position,
          streamId: payload.event.streamId,
          attempts: attempt + 1,
          answeredByReplay: attempt > 0 && Date.parse(payload.event.recordedAt) < sentAt,
        });
        operation.onDone?.(payload);
        break;
      }
      const code = body.errors?.[0]?.extensions?.code;
      const message = body.errors?.[0]?.message ?? '';
      if (typeof code === 'string' && options.retryableCodes?.has(code) && status < 500) {
        stats.retryCodes.set(code, (stats.retryCodes.get(code) ?? 0) + 1);
        continue;
      }
      if (status >= 500 || typeof code !== 'string' || code === 'INTERNAL_SERVER_ERROR') {
        stats.faults.push(`${operation.name} ${key}: HTTP ${status} ${JSON.stringify(body).slice(0, 300)}`);
        faults += 1;
        if (faults >= MAX_FAULTS_PER_REQUEST) break; // a broken server: give up on this request, the test fails on the faults
        continue; // still retried: the append must converge whatever the API said
      }
      stats.rejected.push({ key, code, message });
      break;
    }
  }
}
