import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { DomainError } from '@ledger/domain/shared/errors';

/**
 * Coded domain errors are answers, not faults: hand them to GraphQL untouched (formatGraphQLError
 * maps them) instead of letting Nest log them as unhandled exceptions.
 */
@Catch(DomainError)
export class DomainErrorFilter implements GqlExceptionFilter {
  catch(error: DomainError): DomainError {
    return error;
  }
}
