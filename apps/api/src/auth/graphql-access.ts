import type { Request } from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { LedgerReader } from '@ledger/event-store';
import { createLedgerContext, type LedgerContext } from '../ledger/ledger-context';
import { actorOf, type Access } from './access';
import type { AccessService } from './access.service';
import { bearerToken, connectionParamsToken } from './tokens';

/**
 * Apollo's context function, for HTTP requests ({ req }: the Authorization header) and graphql-ws
 * operations (the connection's connectionParams: { authorization: "Bearer …" } or { token }).
 * Authentication happens here, once per request or operation; authorization in AccessGuard.
 */
export function ledgerContextFactory(
  reader: LedgerReader,
  access: AccessService,
): (input: { req?: Request; connectionParams?: unknown }) => Promise<LedgerContext> {
  return async ({ req, connectionParams }) => {
    const credential = req ? bearerToken(req.headers?.authorization) : connectionParamsToken(connectionParams);
    const resolved = await access.authenticate(credential).catch((error: unknown): Access => ({ kind: 'failed', error }));
    return createLedgerContext(reader, actorOf(resolved), req, resolved);
  };
}

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * graphql-ws sends errors as GraphQLError.toJSON(), bypassing Apollo's formatError: these hooks
 * pass them through the same mapper, so a subscription refused for its token carries
 * UNAUTHENTICATED or FORBIDDEN like any HTTP answer.
 */
export function graphqlWsErrorHooks(formatError: FormatError) {
  const format = (error: unknown): GraphQLFormattedError =>
    formatError(error instanceof GraphQLError ? error.toJSON() : (error as GraphQLFormattedError), error);
  return {
    onNext: <R extends { errors?: readonly unknown[] }>(_ctx: unknown, _id: unknown, _payload: unknown, _args: unknown, result: R) =>
      result.errors?.length ? { ...result, errors: result.errors.map(format) } : undefined,
    onError: (_ctx: unknown, _id: unknown, _payload: unknown, errors: readonly GraphQLError[]) => errors.map(format),
  };
}
