import { badInput } from '@ledger/domain/shared/errors';
import { isSlug } from '@ledger/domain/shared/values';
import { MAX_POSITION } from '@ledger/event-store';
import { POSITION_PATTERN } from './validation';

/** Cursors are opaque: base64url of a versioned key, so a client cannot forge or misread one. */
const CURSOR_PREFIX = 'c1:';
const MAX_CURSOR_LENGTH = 1_000;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The default and the maximum page size of a connection (`first`). */
export const DEFAULT_PAGE_SIZE = 50;
export const DEFAULT_EVENTS_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 100;

/** Encodes a sort key (e.g. an id, or a position) as an opaque cursor. */
export function encodeCursor(key: string): string {
  return Buffer.from(CURSOR_PREFIX + key, 'utf8').toString('base64url');
}

/**
 * What a connection is ordered by, and so what key its cursors hold: an entity id (a slug, as the
 * domain defines ids) or a ledger position (decimal digits within bigint).
 */
export type CursorKey = 'id' | 'position';

/** A ledger position as the events table stores it: decimal digits, no sign or leading zero, within bigint. */
export function isBigintPosition(value: string): boolean {
  return value.length <= 19 && POSITION_PATTERN.test(value) && BigInt(value) <= MAX_POSITION;
}

const KEY_CHECKS: Record<CursorKey, (key: string) => boolean> = { id: isSlug, position: isBigintPosition };

/**
 * Decodes a cursor made by encodeCursor back to its key, and checks the key is of the kind the
 * connection is ordered by; anything else (including a forged key that SQL could not take, e.g. one
 * holding U+0000) fails BAD_USER_INPUT with `fields: [field]` (e.g. "after").
 */
export function decodeCursor(cursor: string, key: CursorKey, field: string): string {
  const invalid = () => badInput(`"${field}" is not a cursor returned by this API`, [field]);
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) {
    throw invalid();
  }
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX) || Buffer.from(text, 'utf8').toString('base64url') !== cursor) throw invalid();
  const decoded = text.slice(CURSOR_PREFIX.length);
  if (!KEY_CHECKS[key](decoded)) throw invalid();
  return decoded;
}

/** Decodes an optional `after` cursor of a connection ordered by `key`. */
export function decodeAfter(after: string | null | undefined, key: CursorKey, field = 'after'): string | null {
  return after === null || after === undefined ? null : decodeCursor(after, key, field);
}

export interface PageInfoShape {
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

export interface EdgeShape<T> {
  readonly cursor: string;
  readonly node: T;
}

/** What every *Connection model holds: structurally what the GraphQL connection types expect. */
export interface ConnectionShape<T> {
  readonly edges: EdgeShape<T>[];
  readonly pageInfo: PageInfoShape;
}

/**
 * Builds a connection from a page the caller fetched with `first + 1` rows (the extra row only tells
 * whether there is a next page). `cursorOf` returns the row's raw sort key (e.g. its id or position):
 * this helper encodes it with encodeCursor, and decodeCursor(after, key) gives the key back.
 */
export function connectionFrom<T>(items: readonly T[], first: number, cursorOf: (item: T) => string): ConnectionShape<T> {
  const page = items.slice(0, Math.max(0, first));
  const edges = page.map((node) => ({ cursor: encodeCursor(cursorOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: items.length > page.length,
      endCursor: edges.length > 0 ? edges[edges.length - 1]!.cursor : null,
    },
  };
}
