import { ConfigError } from '../config/app-config';

export type AccessMode = { readonly mode: 'enforced'; readonly warning: null } | { readonly mode: 'open'; readonly warning: string };

/**
 * Open or enforced, as decided at start (and again, cheaply, on every request: see AccessService).
 * Enforced once LEDGER_ADMIN_TOKEN is set or any token in api_tokens is live. Without either the
 * server runs open, recording every write as "anonymous", and says so: except in production, where
 * it refuses to start.
 */
export function decideAccessMode(input: { production: boolean; adminTokenConfigured: boolean; liveTokens: boolean }): AccessMode {
  if (input.production && !input.adminTokenConfigured) {
    throw new ConfigError(
      'LEDGER_ADMIN_TOKEN',
      'is required when NODE_ENV=production (at least 32 characters): the server refuses to run without access control',
    );
  }
  if (input.adminTokenConfigured || input.liveTokens) return { mode: 'enforced', warning: null };
  return { mode: 'open', warning: OPEN_MODE_WARNING };
}

export const OPEN_MODE_WARNING =
  'Access control is OFF: no LEDGER_ADMIN_TOKEN is set and api_tokens holds no live token, so anyone who can ' +
  'reach this server may read and write the ledger (recorded as "anonymous"). Create a token with ' +
  '`npm run ledger -- token create --role admin --name NAME` or set LEDGER_ADMIN_TOKEN; from then on every ' +
  'request needs `Authorization: Bearer <token>`. NODE_ENV=production refuses to start this way.';
