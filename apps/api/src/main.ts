import 'reflect-metadata';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { LedgerAudit } from '@ledger/event-store';
import { applyMigrations } from '@ledger/event-store/database/migrations';
import { resolveDatabase } from '@ledger/event-store/database/database-url';
import { AppModule } from './app.module';
import { readAppConfig } from './config/app-config';
import { seedLedgerIfEmpty } from './ledger/seed';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Ledger');
  const started = Date.now();
  const config = readAppConfig();
  const database = await resolveDatabase();
  logger.log(database.embedded ? 'Using the embedded PostgreSQL under .data/postgres' : 'Using DATABASE_URL');
  const { applied } = await applyMigrations(database.url);
  if (applied.length > 0) logger.log(`Applied migrations: ${applied.join(', ')}`);

  const app = await NestFactory.create(AppModule.forRoot({ ...config, databaseUrl: database.url }), {
    logger: ['error', 'warn', 'log'],
  });
  app.enableShutdownHooks();
  await app.init();
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal}: closing`);
    await app.close();
    await database.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  const rebuilt = await app.get(LedgerAudit).ensureProjectionsCurrent();
  if (rebuilt && rebuilt.events > 0) {
    logger.log(`Projections were version ${rebuilt.fromVersion}: rebuilt ${rebuilt.rows} rows from ${rebuilt.events} events`);
  }
  if (config.seed) {
    const report = await seedLedgerIfEmpty(app, join(__dirname, '..', '..', '..', '..', 'data', 'seed-ledger.ndjson'));
    if (report) logger.log(`Seeded the empty ledger: ${report.appended} events from data/seed-ledger.ndjson`);
  }

  const host = process.env.HOST?.trim() || '127.0.0.1';
  await app.listen(config.port, host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.log(`GraphQL API listening on http://localhost:${port}/graphql (ready in ${Date.now() - started} ms)`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? `Failed to start: ${error.message}` : error);
  process.exit(1);
});
