import { DomainError } from '@ledger/domain/shared/errors';
import { connectionFrom, decodeAfter, decodeCursor, encodeCursor } from './pagination';

function thrownBy(decode: () => unknown): unknown {
  try {
    decode();
  } catch (error) {
    return error;
  }
  return undefined;
}

function expectBadCursor(decode: () => unknown): void {
  const thrown = thrownBy(decode);
  expect(thrown).toBeInstanceOf(DomainError);
  expect((thrown as DomainError).code).toBe('BAD_USER_INPUT');
  expect((thrown as DomainError).details.fields).toEqual(['after']);
}

describe('cursors', () => {
  it.each(['spacex', '42', 'a-b-c', 'a'.repeat(100)])('round-trips the id %p', (key) => {
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain(key);
    expect(decodeCursor(cursor, 'id', 'after')).toBe(key);
  });

  it.each(['0', '42', '9223372036854775807'])('round-trips the position %p', (key) => {
    const cursor = encodeCursor(key);
    expect(cursor).not.toContain(key);
    expect(decodeCursor(cursor, 'position', 'after')).toBe(key);
  });

  it('keeps the encoding of existing cursors', () => {
    expect(encodeCursor('spacex')).toBe('YzE6c3BhY2V4');
    expect(encodeCursor('20')).toBe('YzE6MjA');
    expect(decodeCursor('YzE6c3BhY2V4', 'id', 'after')).toBe('spacex');
    expect(decodeCursor('YzE6MjA', 'position', 'after')).toBe('20');
  });

  it.each(['', 'garbage', '!!!!', 'c3BhY2V4', 'YWJj=', 'x'.repeat(2000), encodeCursor('ok') + '=', Buffer.from('c2:x').toString('base64url')])(
    'rejects %p with BAD_USER_INPUT on the field',
    (cursor) => {
      expectBadCursor(() => decodeCursor(cursor, 'id', 'after'));
      expectBadCursor(() => decodeCursor(cursor, 'position', 'after'));
    },
  );

  it.each(['a\u0000', '\u0000', '', 'SpaceX', 'a b', '-x', 'a'.repeat(101), 'ünïcödé ✓', 'a:b:c'])(
    'rejects an id cursor whose key %j is not an id',
    (key) => {
      expectBadCursor(() => decodeCursor(encodeCursor(key), 'id', 'after'));
    },
  );

  it.each(['2\u0000', '', '-1', '01', '1.5', '9223372036854775808', '99999999999999999999', 'spacex'])(
    'rejects a position cursor whose key %j is not a position',
    (key) => {
      expectBadCursor(() => decodeCursor(encodeCursor(key), 'position', 'after'));
    },
  );

  it('decodes an optional after', () => {
    expect(decodeAfter(null, 'id')).toBeNull();
    expect(decodeAfter(undefined, 'position')).toBeNull();
    expect(decodeAfter(encodeCursor('k'), 'id')).toBe('k');
    expect(decodeAfter(encodeCursor('7'), 'position')).toBe('7');
    expectBadCursor(() => decodeAfter('YzE6YQA', 'id'));
  });
});

describe('connectionFrom', () => {
  const rows = ['a', 'b', 'c'];

  it('uses the extra row only to tell that there is a next page', () => {
    const connection = connectionFrom(rows, 2, (row) => row);
    expect(connection.edges.map((edge) => edge.node)).toEqual(['a', 'b']);
    expect(connection.pageInfo.hasNextPage).toBe(true);
    expect(decodeCursor(connection.pageInfo.endCursor!, 'id', 'after')).toBe('b');
    expect(connection.edges.map((edge) => decodeCursor(edge.cursor, 'id', 'after'))).toEqual(['a', 'b']);
  });

  it('ends without a next page', () => {
    expect(connectionFrom(rows, 3, (row) => row).pageInfo).toEqual({ hasNextPage: false, endCursor: encodeCursor('c') });
    expect(connectionFrom([], 5, (row: string) => row).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});
