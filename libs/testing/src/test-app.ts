import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DestinationStream } from 'pino';
import { LedgerAudit } from '@ledger/event-store';
import { assertDurableDatabase } from '@ledger/event-store/database/durability';
import { AppModule } from '../../../apps/api/src/app.module';
import type { Role } from '../../../apps/api/src/auth/roles';
import { TokenStore } from '../../../apps/api/src/auth/token-store';
import { readAppConfig, type AppConfig } from '../../../apps/api/src/config/app-config';
import { useRequestBodyLimit } from '../../../apps/api/src/ledger/query-limits';
import { seedLedgerIfEmpty } from '../../../apps/api/src/ledger/seed';
import { createTestDatabase } from './database';

export const SEED_FILE = join(__dirname, '..', '..', '..', 'data', 'seed-ledger.ndjson');

export interface GraphQLResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly data?: T | null;
  readonly errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestApp {
  /** http://127.0.0.1:<port>/graphql */
  readonly url: string;
  readonly databaseUrl: string;
  readonly app: INestApplication;
  /** POSTs a GraphQL request over HTTP, as a client would. */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Like graphql, but fails the test on any error and returns data. */
  data<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T>;
  /** The tokens created for `options.tokens`, by name (shown once, as the CLI does). */
  readonly tokens: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/** The API on its own cloned database, listening on a free port; seeded from data/ unless told not to. */
/**
 * Access: by default no token exists and the API runs open (every write recorded as "anonymous").
 * `adminToken` sets LEDGER_ADMIN_TOKEN; `tokens` ({ name: role }) creates api_tokens rows (after the seed,
 * which is imported in-process) and returns them in `TestApp.tokens`.
 */
export async function startTestApp(
  options: {
    seed?: boolean;
    databaseUrl?: string;
    adminToken?: string;
    tokens?: Readonly<Record<string, Role>>;
    /** Overrides of the configuration (e.g. `production`, `logLevel`: 'silent' unless LOG_LEVEL is set). */
    config?: Partial<AppConfig>;
    /** Receives the JSON log lines instead of stdout. */
    logDestination?: DestinationStream;
    /** Sees every SQL statement the app's pool sends. */
    onQuery?: (sql: string) => void;
  } = {},
): Promise<TestApp> {
  const database = options.databaseUrl ? null : await createTestDatabase();
  const databaseUrl = options.databaseUrl ?? database!.url;
  // The suite's cluster runs with fsync and synchronous_commit off (global-setup.mjs `unsafeFast`):
  // the test app opts in explicitly, through the same check the API makes at boot (main.ts).
  const config = { ...readAppConfig({ LEDGER_UNSAFE_DURABILITY: '1' }), databaseUrl, seed: false, poolSize: 5 };
  await assertDurableDatabase(databaseUrl, { allowUnsafe: config.unsafeDurability });
  const adminToken = options.adminToken === undefined ? null : readAppConfig({ LEDGER_ADMIN_TOKEN: options.adminToken }).adminToken;
  const logLevel = readAppConfig({ LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' }).logLevel;
  const app = await NestFactory.create(
    AppModule.forRoot({ ...config, adminToken, logLevel, ...options.config, databaseUrl, logDestination: options.logDestination, onQuery: options.onQuery }),
    { logger: ['error'] },
  );
  useRequestBodyLimit(app);
  await app.init();
  await app.get(LedgerAudit).ensureProjectionsCurrent();
  if (options.seed !== false) await seedLedgerIfEmpty(app, SEED_FILE);
  const tokens: Record<string, string> = {};
  for (const [name, role] of Object.entries(options.tokens ?? {})) tokens[name] = (await app.get(TokenStore).create(name, role)).token;
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}/graphql`;

  const graphql = async <T>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
    return { status: response.status, ...body };
  };
  return {
    url,
    databaseUrl,
    app,
    graphql,
    tokens,
    async data<T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) {
      const response = await graphql<T>(query, variables, headers);
      if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors, null, 2)}`);
      return response.data as T;
    },
    async close() {
      await app.close();
      await database?.drop();
    },
  };
}
