import 'reflect-metadata';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { LedgerAudit } from '@ledger/event-store';
import { applyMigrations } from '@ledger/event-store/database/migrations';
import { resolveDatabase } from '@ledger/event-store/database/database-url';
import { assertDurableDatabase } from '@ledger/event-store/database/durability';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AccessService } from './auth/access.service';
import { readAppConfig } from './config/app-config';
import { useRequestBodyLimit } from './ledger/query-limits';
import { installGracefulShutdown, withoutForeignSignalHandlers } from './lifecycle/graceful-shutdown';
import { upgradeProjectionsInChildProcess } from './lifecycle/projection-upgrade';
import { seedLedgerIfEmpty } from './ledger/seed';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Ledger');
  const started = Date.now();
  // Boot lines wait for the JSON logger (app.useLogger below flushes them through it).
  Logger.attachBuffer();
  const config = readAppConfig();
  const database = await withoutForeignSignalHandlers(() => resolveDatabase());
  logger.log(database.embedded ? 'Using the embedded PostgreSQL under .data/postgres' : 'Using DATABASE_URL');
  // fsync / synchronous_commit off can lose acknowledged events: refused unless LEDGER_UNSAFE_DURABILITY=1.
  await assertDurableDatabase(database.url, { allowUnsafe: config.unsafeDurability, warn: (message) => logger.warn(message) }).catch(
    async (error: unknown) => {
      await database.stop();
      throw error;
    },
  );
  const { applied } = await applyMigrations(database.url);
  if (applied.length > 0) logger.log(`Applied migrations: ${applied.join(', ')}`);
  const upgraded = await upgradeProjectionsInChildProcess(database.url).catch(async (error: unknown) => {
    await database.stop();
    throw error;
  });
  if (upgraded) logger.log(`Projections rebuilt by the ledger upgrade command in a child process: ${upgraded}`);

  const app = await NestFactory.create(AppModule.forRoot({ ...config, databaseUrl: database.url }), { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  useRequestBodyLimit(app);
  await app.init();
  // SIGTERM/SIGINT/SIGHUP: stop accepting, finish in-flight requests, close the app and pool, then the database.
  installGracefulShutdown({
    app,
    stopDatabase: () => database.stop(),
    timeoutMs: config.shutdownTimeoutMs,
    log: (message) => logger.log(message),
    warn: (message) => logger.warn(message),
  });

  const rebuilt = await app.get(LedgerAudit).ensureProjectionsCurrent();
  if (rebuilt && rebuilt.events > 0) {
    logger.log(`Projections were version ${rebuilt.fromVersion}: rebuilt ${rebuilt.rows} rows from ${rebuilt.events} events`);
  }
  if (config.seed) {
    const report = await seedLedgerIfEmpty(app, join(__dirname, '..', '..', '..', '..', 'data', 'seed-ledger.ndjson'));
    if (report) logger.log(`Seeded the empty ledger: ${report.appended} events from data/seed-ledger.ndjson`);
  }

  const accessMode = await app.get(AccessService).startupMode();
  if (accessMode.warning) logger.warn(accessMode.warning);

  const host = process.env.HOST?.trim() || '127.0.0.1';
  await app.listen(config.port, host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.log(`GraphQL API listening on http://localhost:${port}/graphql (ready in ${Date.now() - started} ms)`);
}

bootstrap().catch((error: unknown) => {
  Logger.flush();
  console.error(error instanceof Error ? `Failed to start: ${error.message}` : error);
  process.exit(1);
});
