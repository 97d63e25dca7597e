import { DomainError } from '@ledger/domain/shared/errors';
import { roleGrants, type Role } from './roles';

/** The principal recorded while no token is configured at all (open mode). */
export const OPEN_ACCESS_ACTOR = 'anonymous';
/** The name every event appended with LEDGER_ADMIN_TOKEN is recorded under. */
export const BOOTSTRAP_ADMIN_NAME = 'admin';

/**
 * Who a request is, decided once per GraphQL request (HTTP) or operation (graphql-ws):
 *   open             no token is configured anywhere: everything is allowed, recorded as "anonymous";
 *   token            a valid bearer token: its role decides, its name is recordedBy;
 *   unauthenticated  tokens are enforced and none valid was presented (missing, unknown, revoked, malformed);
 *   internal         in-process callers that hold the database anyway (the CLI's import, the seed);
 *   failed           the lookup itself failed: raised inside each root field, so it is answered like any
 *                    database failure of a resolver, not as a failed context.
 */
export type Access =
  | { readonly kind: 'open' }
  | { readonly kind: 'token'; readonly name: string; readonly role: Role }
  | { readonly kind: 'unauthenticated'; readonly reason: string }
  | { readonly kind: 'internal' }
  /** Authentication could not be decided (the database is unreachable): each field fails with that error. */
  | { readonly kind: 'failed'; readonly error: unknown };

export const OPEN_ACCESS: Access = Object.freeze({ kind: 'open' });
export const INTERNAL_ACCESS: Access = Object.freeze({ kind: 'internal' });

/** recordedBy and the idempotency namespace of a request. */
export function actorOf(access: Access): string {
  return access.kind === 'token' ? access.name : OPEN_ACCESS_ACTOR;
}

/**
 * The one access decision: throws UNAUTHENTICATED or FORBIDDEN (DomainErrors, mapped by the one
 * GraphQL error mapper) unless `access` may call `field`, which needs the grant `required`
 * (null: the field has no rule, which nobody with a token may call: fail closed).
 */
export function authorize(access: Access, required: Role | null, field: string): void {
  switch (access.kind) {
    case 'open':
    case 'internal':
      return;
    case 'unauthenticated':
      throw new DomainError('UNAUTHENTICATED', access.reason);
    case 'failed':
      throw access.error;
    case 'token':
      if (required !== null && roleGrants(access.role, required)) return;
      throw new DomainError(
        'FORBIDDEN',
        required === null
          ? `${field} has no access rule`
          : `The role "${access.role}" may not call ${field} (it needs the ${required} role or admin)`,
        { role: access.role, ...(required === null ? {} : { requiredRole: required }) },
      );
  }
}
