import { DomainError } from '@ledger/domain/shared/errors';
import { connectionFrom, decodeAfter, decodeCursor, encodeCursor } from './pagination';

describe('cursors', () => {
  it.each(['spacex', '42', '', 'a:b:c', 'ünïcödé ✓', '9223372036854775807'])('round-trips %p', (key) => {
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain(key || '\u0000');
    expect(decodeCursor(cursor, 'after')).toBe(key);
  });

  it.each(['', 'garbage', '!!!!', 'c3BhY2V4', 'YWJj=', 'x'.repeat(2000), encodeCursor('ok') + '=', Buffer.from('c2:x').toString('base64url')])(
    'rejects %p with BAD_USER_INPUT on the field',
    (cursor) => {
      let thrown: unknown;
      try {
        decodeCursor(cursor, 'after');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect((thrown as DomainError).code).toBe('BAD_USER_INPUT');
      expect((thrown as DomainError).details.fields).toEqual(['after']);
    },
  );

  it('decodes an optional after', () => {
    expect(decodeAfter(null)).toBeNull();
    expect(decodeAfter(undefined)).toBeNull();
    expect(decodeAfter(encodeCursor('k'))).toBe('k');
  });
});

describe('connectionFrom', () => {
  const rows = ['a', 'b', 'c'];

  it('uses the extra row only to tell that there is a next page', () => {
    const connection = connectionFrom(rows, 2, (row) => row);
    expect(connection.edges.map((edge) => edge.node)).toEqual(['a', 'b']);
    expect(connection.pageInfo.hasNextPage).toBe(true);
    expect(decodeCursor(connection.pageInfo.endCursor!, 'after')).toBe('b');
    expect(connection.edges.map((edge) => decodeCursor(edge.cursor, 'after'))).toEqual(['a', 'b']);
  });

  it('ends without a next page', () => {
    expect(connectionFrom(rows, 3, (row) => row).pageInfo).toEqual({ hasNextPage: false, endCursor: encodeCursor('c') });
    expect(connectionFrom([], 5, (row: string) => row).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});
