/**
 * Coded domain errors. The API maps each code to a GraphQL error in one place
 * (apps/api/src/ledger/graphql-errors.ts); the codes are the contract's.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'CONCURRENCY_CONFLICT'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN';

export type ErrorDetails = Readonly<Record<string, string | number | boolean | null | readonly string[]>>;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Bad input; `fields` are the input paths at fault, e.g. ["input.terms.0.amount.value"]. */
export const badInput = (message: string, fields: readonly string[]): DomainError =>
  new DomainError('BAD_USER_INPUT', message, { fields });

export const notFound = (kind: string, id: string, field: string): DomainError =>
  new DomainError('NOT_FOUND', `No ${kind} with id "${id}"`, { id, kind, fields: [field] });

export const alreadyExists = (id: string, existingKind: string): DomainError =>
  new DomainError('ALREADY_EXISTS', `The id "${id}" is already taken by a ${existingKind}`, { id, existingKind });

export const concurrencyConflict = (streamId: string, expectedVersion: number, actualVersion: number): DomainError =>
  new DomainError(
    'CONCURRENCY_CONFLICT',
    `Stream "${streamId}" is at version ${actualVersion}, not the expected ${expectedVersion}`,
    { streamId, expectedVersion, actualVersion },
  );

export const idempotencyKeyReused = (key: string): DomainError =>
  new DomainError(
    'IDEMPOTENCY_KEY_REUSED',
    `The idempotency key "${key}" was already used with a different input`,
    { idempotencyKey: key },
  );
