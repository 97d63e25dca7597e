import { DomainError } from '@ledger/domain/shared/errors';
import { ROLES } from './roles';
import type { TokenInfo, TokenStore } from './token-store';

export const TOKEN_USAGE = `  token create --role ROLE --name NAME
                              create a token (ROLE: ${ROLES.join(', ')}); prints it once on stdout,
                              only its SHA-256 hash is stored; NAME is what its events are recorded by
  token list                  names, roles, created and revoked times (never tokens or hashes)
  token revoke NAME           revoke a token (the server refuses it within a second or two)`;

interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** `ledger token …`; returns the exit code (0 done, 1 refused, 2 usage). */
export async function runTokenCommand(store: TokenStore, args: readonly string[], io: Output): Promise<number> {
  const [sub, ...rest] = args;
  try {
    switch (sub) {
      case 'create': {
        const role = option(rest, '--role');
        const name = option(rest, '--name');
        if (!role || !name) {
          io.err(`token create needs --role ROLE and --name NAME\n\n${TOKEN_USAGE}\n`);
          return 2;
        }
        const { token, info } = await store.create(name, role);
        io.out(`${token}\n`);
        io.err(`Created the ${info.role} token "${info.name}". It is shown only this once: keep it now (Authorization: Bearer <token>).\n`);
        return 0;
      }
      case 'list': {
        io.out(formatTokenList(await store.list()));
        return 0;
      }
      case 'revoke': {
        const name = rest[0];
        if (!name) {
          io.err(`token revoke needs a NAME\n\n${TOKEN_USAGE}\n`);
          return 2;
        }
        const revoked = await store.revoke(name);
        io.out(revoked ? `Revoked the token "${name}"\n` : `The token "${name}" was already revoked\n`);
        return 0;
      }
      default:
        io.err(`${sub ? `Unknown token command "${sub}"` : 'token needs a command'}\n\n${TOKEN_USAGE}\n`);
        return 2;
    }
  } catch (error) {
    if (error instanceof DomainError) {
      io.err(`${error.code} ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/** One line per token: name, role, created, revoked ("-" when live). */
export function formatTokenList(tokens: readonly TokenInfo[]): string {
  const rows = [['NAME', 'ROLE', 'CREATED', 'REVOKED'], ...tokens.map((t) => [t.name, t.role, t.createdAt.toISOString(), t.revokedAt?.toISOString() ?? '-'])];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')).join('\n') + '\n';
}

function option(args: readonly string[], name: string): string | null {
  const index = args.indexOf(name);
  const value = index >= 0 ? args[index + 1] : undefined;
  return value === undefined || value.startsWith('--') ? null : value;
}
