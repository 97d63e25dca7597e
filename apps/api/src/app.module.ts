import type { ApolloServerPlugin } from '@apollo/server' with { 'resolution-mode': 'import' };
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { DEALS_PLAIN_FIELD_RESOLVERS } from './deals/deals.resolver';
import { withPlainFieldResolvers } from './ledger/plain-field-resolvers';
import type { DestinationStream } from 'pino';
import { LedgerReader } from '@ledger/event-store';
import { AccessService } from './auth/access.service';
import { AuthModule } from './auth/auth.module';
import { graphqlWsErrorHooks, ledgerContextFactory } from './auth/graphql-access';
import { ClaimsResolver } from './claims/claims.resolver';
import { RebuttalsResolver } from './claims/rebuttals.resolver';
import { CompaniesResolver } from './companies/companies.resolver';
import type { AppConfig } from './config/app-config';
import { DealsResolver, PartyResolver, TermRevisionResolver } from './deals/deals.resolver';
import { HealthModule } from './health/health.module';
import { CommandService } from './ledger/command.service';
import { DomainErrorFilter } from './ledger/domain-error.filter';
import { EventStreamService } from './ledger/event-stream.service';
import { createFormatError } from './ledger/graphql-errors';
import { LedgerDatabaseModule } from './ledger/ledger-database.module';
import { CitationResolver, LedgerResolver } from './ledger/ledger.resolver';
import { QUERY_LIMIT_RULES, queryCostPlugin, wsQueryLimits } from './ledger/query-limits';
import { LEDGER_SCALARS_MAP } from './ledger/scalars';
import { ledgerValidationPipe } from './ledger/validation';
import { loggingModule, operationLogPlugin } from './logging/logging.module';
import { PeopleResolver, TalentMovesResolver } from './people/people.resolver';
import { SourcesResolver } from './sources/sources.resolver';

/** While no token is configured (open mode), every request is recorded under this principal. */
export { OPEN_ACCESS_ACTOR } from './auth/access';

@Module({})
export class AppModule {
  /** `logDestination`: where the JSON logs go (default stdout); `onQuery` sees every SQL statement. Both for tests. */
  static forRoot(
    config: AppConfig & { databaseUrl: string; logDestination?: DestinationStream; onQuery?: (sql: string) => void },
  ): DynamicModule {
    const logger = new Logger('GraphQL');
    const formatError = createFormatError((error) => logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error)), {
      hideFieldSuggestions: config.production,
    });
    return {
      module: AppModule,
      imports: [
        loggingModule({ level: config.logLevel, destination: config.logDestination }),
        LedgerDatabaseModule.forRoot(config),
        HealthModule,
        AuthModule.forRoot(),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [LedgerReader, AccessService],
          useFactory: (reader: LedgerReader, access: AccessService): ApolloDriverConfig => ({
            path: '/graphql',
            autoSchemaFile: true,
            sortSchema: true,
            introspection: !config.production,
            includeStacktraceInErrorResponses: false,
            buildSchemaOptions: { scalarsMap: LEDGER_SCALARS_MAP },
            formatError,
            transformSchema: (schema) => withPlainFieldResolvers(schema, DEALS_PLAIN_FIELD_RESOLVERS),
            // Limits before execution (query-limits.ts); batched requests stay refused (Apollo's default).
            validationRules: [...QUERY_LIMIT_RULES],
            // No cache hints are used, and Apollo's cache-control plugin (on by default) is its only
            // per-field hook: with it, every resolver of the schema is wrapped and called through
            // willResolveField. A company with a thousand deals resolves some 10,000 fields.
            plugins: [queryCostPlugin(), operationLogPlugin(), ApolloServerPluginCacheControlDisabled() as ApolloServerPlugin],
            allowBatchedHttpRequests: false,
            subscriptions: { 'graphql-ws': { path: '/graphql', ...wsQueryLimits(), ...graphqlWsErrorHooks(formatError) } },
            context: ledgerContextFactory(reader, access),
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
