import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { connectLedgerDatabase, EventStore, LedgerAudit, LedgerReader, type LedgerDatabase } from '@ledger/event-store';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, LEDGER_DATABASE } from './ledger.tokens';

/** The event store, reader and auditor over one connection pool, closed when the app shuts down. */
@Global()
@Module({})
export class LedgerDatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(LEDGER_DATABASE) private readonly database: LedgerDatabase) {}

  /** `onQuery`: sees every SQL statement of the pool (tests count them). */
  static forRoot(config: AppConfig & { databaseUrl: string; onQuery?: (sql: string) => void }): DynamicModule {
    return {
      module: LedgerDatabaseModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        {
          provide: LEDGER_DATABASE,
          useFactory: () => connectLedgerDatabase(config.databaseUrl, { poolSize: config.poolSize, onQuery: config.onQuery }),
        },
        { provide: EventStore, inject: [LEDGER_DATABASE], useFactory: (db: LedgerDatabase) => new EventStore(db.appendPool) },
        { provide: LedgerReader, inject: [LEDGER_DATABASE], useFactory: (db: LedgerDatabase) => new LedgerReader(db.pool) },
        {
          provide: LedgerAudit,
          inject: [LEDGER_DATABASE, LedgerReader],
          useFactory: (db: LedgerDatabase, reader: LedgerReader) => new LedgerAudit(db.pool, reader),
        },
      ],
      exports: [APP_CONFIG, LEDGER_DATABASE, EventStore, LedgerReader, LedgerAudit],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
