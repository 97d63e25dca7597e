import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { LedgerDatabase } from '@ledger/event-store';
import { LEDGER_DATABASE } from '../ledger/ledger.tokens';
import { AccessGuard } from './access.guard';
import { AccessService } from './access.service';
import { TokenStore } from './token-store';

/** Tokens, the per-request Access, and the global guard that applies every @Allow rule. */
@Global()
@Module({})
export class AuthModule {
  static forRoot(): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: TokenStore, inject: [LEDGER_DATABASE], useFactory: (db: LedgerDatabase) => new TokenStore(db.prisma) },
        AccessService,
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
      exports: [TokenStore, AccessService],
    };
  }
}
