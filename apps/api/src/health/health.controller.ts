import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import type { Response } from 'express';
import type { LedgerDatabase } from '@ledger/event-store';
import { pendingMigrations } from '@ledger/event-store/database/migrations';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, LEDGER_DATABASE } from '../ledger/ledger.tokens';

/** A check that does not answer within this time counts as down. */
const CHECK_TIMEOUT_MS = 3_000;

/**
 * `/health/live`: the process is up and serving HTTP (200, no dependency checked: a restart would not
 * fix the database). `/health/ready`: the database answers a query through the API's own pool and
 * every migration under prisma/migrations is applied (200), else 503 with which check failed.
 * Both answer terminus's shape: `{ status, info, error, details }`.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(LEDGER_DATABASE) private readonly database: LedgerDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig & { databaseUrl: string },
  ) {}

  @Get('live')
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult | object> {
    try {
      return await this.health.check([
        () =>
          this.indicators
            .check('database')
            .attempt(async () => {
              await this.database.pool.query('SELECT 1');
            })
            .withTimeout(CHECK_TIMEOUT_MS),
        () =>
          this.indicators
            .check('migrations')
            .attempt(async () => {
              const pending = await pendingMigrations(this.config.databaseUrl);
              if (pending.length > 0) throw new Error(`Pending migrations: ${pending.join(', ')}`);
            })
            .withTimeout(CHECK_TIMEOUT_MS),
      ]);
    } catch (error) {
      // Terminus answers "not ready" with a 503 exception; answer it here, in its own shape, rather
      // than through the GraphQL-shaped HTTP error filter.
      if (error instanceof ServiceUnavailableException) {
        response.status(503);
        return error.getResponse() as object;
      }
      throw error;
    }
  }
}
