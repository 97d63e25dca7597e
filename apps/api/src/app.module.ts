import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request } from 'express';
import { LedgerReader } from '@ledger/event-store';
import { ClaimsResolver } from './claims/claims.resolver';
import { RebuttalsResolver } from './claims/rebuttals.resolver';
import { CompaniesResolver } from './companies/companies.resolver';
import type { AppConfig } from './config/app-config';
import { DealsResolver, PartyResolver, TermRevisionResolver } from './deals/deals.resolver';
import { CommandService } from './ledger/command.service';
import { DomainErrorFilter } from './ledger/domain-error.filter';
import { EventStreamService } from './ledger/event-stream.service';
import { createFormatError } from './ledger/graphql-errors';
import { createLedgerContext } from './ledger/ledger-context';
import { LedgerDatabaseModule } from './ledger/ledger-database.module';
import { CitationResolver, LedgerResolver } from './ledger/ledger.resolver';
import { LEDGER_SCALARS_MAP } from './ledger/scalars';
import { ledgerValidationPipe } from './ledger/validation';
import { PeopleResolver, TalentMovesResolver } from './people/people.resolver';
import { SourcesResolver } from './sources/sources.resolver';

/** Until access control lands (issue 3), every request is recorded under this principal. */
export const OPEN_ACCESS_ACTOR = 'anonymous';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig & { databaseUrl: string }): DynamicModule {
    const logger = new Logger('GraphQL');
    return {
      module: AppModule,
      imports: [
        LedgerDatabaseModule.forRoot(config),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [LedgerReader],
          useFactory: (reader: LedgerReader): ApolloDriverConfig => ({
            path: '/graphql',
            autoSchemaFile: true,
            sortSchema: true,
            introspection: !config.production,
            includeStacktraceInErrorResponses: false,
            buildSchemaOptions: { scalarsMap: LEDGER_SCALARS_MAP },
            formatError: createFormatError((error) =>
              logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error)),
            ),
            subscriptions: { 'graphql-ws': { path: '/graphql' } },
            context: ({ req }: { req?: Request }) => createLedgerContext(reader, OPEN_ACCESS_ACTOR, req),
          }),
        }),
      ],
      providers: [
        { provide: APP_PIPE, useFactory: ledgerValidationPipe },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        CommandService,
        EventStreamService,
        SourcesResolver,
        CompaniesResolver,
        DealsResolver,
        PartyResolver,
        TermRevisionResolver,
        ClaimsResolver,
        RebuttalsResolver,
        PeopleResolver,
        TalentMovesResolver,
        LedgerResolver,
        CitationResolver,
      ],
    };
  }
}
