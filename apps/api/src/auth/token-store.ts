import { DomainError } from '@ledger/domain/shared/errors';
import type { LedgerPrismaClient } from '@ledger/event-store';
import { BOOTSTRAP_ADMIN_NAME, OPEN_ACCESS_ACTOR } from './access';
import { isRole, ROLES, type Role } from './roles';
import { generateToken, hashToken } from './tokens';

/** What `token list` shows: never the hash. */
export interface TokenInfo {
  readonly name: string;
  readonly role: Role;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

/** Names stand for principals in every event's recordedBy: a slug, never one the server uses itself. */
export const TOKEN_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const RESERVED_NAMES: ReadonlySet<string> = new Set([BOOTSTRAP_ADMIN_NAME, OPEN_ACCESS_ACTOR, 'ledger-import']);

/** The api_tokens table: create (the token is returned once), list, revoke, look up by hash. */
export class TokenStore {
  constructor(private readonly prisma: LedgerPrismaClient) {}

  /** Creates a named token and returns it: the only time it is ever seen. */
  async create(name: string, role: string): Promise<{ token: string; info: TokenInfo }> {
    if (!TOKEN_NAME.test(name)) {
      throw new DomainError('BAD_USER_INPUT', `A token name is 1 to 64 of a-z, 0-9, ".", "_", "-", starting with a letter or digit, not "${name}"`, {
        fields: ['name'],
      });
    }
    if (RESERVED_NAMES.has(name)) {
      throw new DomainError('BAD_USER_INPUT', `"${name}" is reserved (the server records events under it itself)`, { fields: ['name'] });
    }
    if (!isRole(role)) {
      throw new DomainError('BAD_USER_INPUT', `The role must be one of ${ROLES.join(', ')}, not "${role}"`, { fields: ['role'] });
    }
    const token = generateToken();
    try {
      const row = await this.prisma.apiToken.create({ data: { name, role, hash: hashToken(token) } });
      return { token, info: toInfo(row) };
    } catch (error) {
      if ((error as { code?: unknown }).code === 'P2002') {
        throw new DomainError('ALREADY_EXISTS', `A token named "${name}" exists already (names are never reused, even after revocation)`, { id: name });
      }
      throw error;
    }
  }

  async list(): Promise<TokenInfo[]> {
    const rows = await this.prisma.apiToken.findMany({ orderBy: [{ createdAt: 'asc' }, { name: 'asc' }] });
    return rows.map(toInfo);
  }

  /** Revokes a live token; false when it was revoked already. */
  async revoke(name: string): Promise<boolean> {
    const revoked = await this.prisma.apiToken.updateMany({ where: { name, revokedAt: null }, data: { revokedAt: new Date() } });
    if (revoked.count > 0) return true;
    if ((await this.prisma.apiToken.count({ where: { name } })) === 0) {
      throw new DomainError('NOT_FOUND', `No token named "${name}"`, { id: name, kind: 'token' });
    }
    return false;
  }

  /** The live token with this hash (one indexed query), or null. */
  async findLive(hash: string): Promise<{ name: string; role: Role } | null> {
    const row = await this.prisma.apiToken.findUnique({ where: { hash }, select: { name: true, role: true, revokedAt: true } });
    if (!row || row.revokedAt !== null || !isRole(row.role)) return null;
    return { name: row.name, role: row.role };
  }

  /** Whether any token is live (not revoked). */
  async anyLive(): Promise<boolean> {
    const row = await this.prisma.apiToken.findFirst({ where: { revokedAt: null }, select: { name: true } });
    return row !== null;
  }
}

function toInfo(row: { name: string; role: string; createdAt: Date; revokedAt: Date | null }): TokenInfo {
  return { name: row.name, role: row.role as Role, createdAt: row.createdAt, revokedAt: row.revokedAt };
}
