import { type ArgumentsHost, Catch, HttpException, Logger } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import type { Response } from 'express';
import { DomainError } from '@ledger/domain/shared/errors';

/**
 * Two jobs, one global filter:
 *   - GraphQL: coded domain errors are answers, not faults: hand them to GraphQL untouched
 *     (formatGraphQLError maps them) instead of letting Nest log them as unhandled exceptions.
 *     Anything else is left to Nest's default (returning undefined means "not handled").
 *   - HTTP: errors raised before GraphQL runs (a body that is not JSON, a body too large, an
 *     unknown route) are answered in the GraphQL error shape with a code,
 *     `{ "errors": [{ "message", "extensions": { "code" } }] }`, instead of Nest's
 *     `{ statusCode, message, error }` whose message echoes the JSON parser.
 */
@Catch()
export class DomainErrorFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): unknown {
    if (host.getType() !== 'http') return error instanceof DomainError ? error : undefined;

    const response = host.switchToHttp().getResponse<Response>();
    const status = error instanceof HttpException ? error.getStatus() : 500;
    let body: { message: string; code: string };
    if (status >= 500) {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      body = { message: 'Internal server error', code: 'INTERNAL_SERVER_ERROR' };
    } else {
      body = { message: clientMessage(error as HttpException), code: HTTP_CODES[status] ?? 'BAD_REQUEST' };
    }
    if (response.headersSent) {
      response.end();
      return undefined;
    }
    response.status(status).json({ errors: [{ message: body.message, extensions: { code: body.code } }] });
    return undefined;
  }
}

const HTTP_CODES: Readonly<Record<number, string>> = {
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
};

/** The body parser's SyntaxError becomes a fixed sentence; other 4xx messages describe the request. */
function clientMessage(error: HttpException): string {
  if (error.cause instanceof SyntaxError) return 'The request body is not valid JSON';
  return error.message;
}
