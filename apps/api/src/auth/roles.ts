/**
 * Roles of access tokens (issue 3, DESIGN.md §5). A role holds a set of grants; every root GraphQL
 * field requires one grant (see `@Allow`):
 *   reader      entity queries, asOf, ledgerHead, node(id) of an entity, the eventAppended subscription
 *   journalist  reader + every mutation
 *   auditor     reader + raw events (Query.events, Query.event, node(id) of an event), verifyLedger, CLI export
 *   admin       everything (and token management, which is the CLI's)
 */
export const ROLES = ['reader', 'journalist', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const GRANTS: Readonly<Record<Role, ReadonlySet<Role>>> = {
  reader: new Set<Role>(['reader']),
  journalist: new Set<Role>(['reader', 'journalist']),
  auditor: new Set<Role>(['reader', 'auditor']),
  admin: new Set<Role>(['reader', 'journalist', 'auditor', 'admin']),
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether a token of `role` may do what needs the grant `required`. */
export function roleGrants(role: Role, required: Role): boolean {
  return GRANTS[role].has(required);
}
