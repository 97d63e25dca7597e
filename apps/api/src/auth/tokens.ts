import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Tokens: "ldg_" + 32 random bytes in base64url (47 characters). */
export const TOKEN_PREFIX = 'ldg_';

export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** SHA-256 of the token, hex: the only form in which a token is stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares two hex SHA-256 hashes in constant time. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === 32 && right.length === 32 && timingSafeEqual(left, right);
}

/** The token in an `Authorization` header: "Bearer <token>" (scheme case-insensitive); null when absent. */
export function bearerToken(header: string | readonly string[] | undefined | null): string | null | false {
  if (header === undefined || header === null) return null;
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value.trim());
  return match ? match[1]! : false;
}

/**
 * The token in graphql-ws connectionParams: { authorization: "Bearer …" } (or Authorization),
 * or { token: "…" }. null when absent, false when present but malformed.
 */
export function connectionParamsToken(params: unknown): string | null | false {
  if (typeof params !== 'object' || params === null) return null;
  const record = params as Record<string, unknown>;
  const header = record.authorization ?? record.Authorization;
  if (header !== undefined && header !== null) return typeof header === 'string' ? bearerToken(header) : false;
  const token = record.token;
  if (token === undefined || token === null) return null;
  return typeof token === 'string' && token.trim() !== '' && !/\s/.test(token.trim()) ? token.trim() : false;
}
