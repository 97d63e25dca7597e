import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { LedgerAudit } from '@ledger/event-store';
import { AppModule } from '../../../apps/api/src/app.module';
import { readAppConfig } from '../../../apps/api/src/config/app-config';
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
  data<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

/** The API on its own cloned database, listening on a free port; seeded from data/ unless told not to. */
export async function startTestApp(options: { seed?: boolean; databaseUrl?: string } = {}): Promise<TestApp> {
  const database = options.databaseUrl ? null : await createTestDatabase();
  const databaseUrl = options.databaseUrl ?? database!.url;
  const config = { ...readAppConfig({}), databaseUrl, seed: false, poolSize: 5 };
  const app = await NestFactory.create(AppModule.forRoot(config), { logger: ['error'] });
  await app.init();
  await app.get(LedgerAudit).ensureProjectionsCurrent();
  if (options.seed !== false) await seedLedgerIfEmpty(app, SEED_FILE);
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
    async data<T>(query: string, variables?: Record<string, unknown>) {
      const response = await graphql<T>(query, variables);
      if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors, null, 2)}`);
      return response.data as T;
    },
    async close() {
      await app.close();
      await database?.drop();
    },
  };
}
