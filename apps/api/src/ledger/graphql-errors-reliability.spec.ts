import { GraphQLError } from 'graphql';
import { formatGraphQLError, isDatabaseUnavailable } from './graphql-errors';

/** Shapes seen from the API while its PostgreSQL was stopped and restarting (test/ledger/database-restart.e2e-spec.ts). */
function prismaError(code: string, message: string, cause?: Record<string, unknown>): Error {
  return Object.assign(new Error(message), { name: 'PrismaClientKnownRequestError', code, meta: cause ? { driverAdapterError: { name: 'DriverAdapterError', cause } } : undefined });
}
const resolverError = (error: Error) => new GraphQLError(error.message, { originalError: error, path: ['signDeal'] });
const formatted = { message: 'x', path: ['signDeal'], locations: [{ line: 1, column: 12 }] };

describe('Given errors that mean the database cannot be reached', () => {
  const unavailable = {
    'P1001 (not reachable)': prismaError('P1001', "Can't reach database server at 127.0.0.1:5432", { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 }),
    'P1017 (connection closed)': prismaError('P1017', 'Server has closed the connection.', { kind: 'ConnectionClosed' }),
    'P2039 with 57P03 (starting up)': prismaError('P2039', '', { kind: 'postgres', code: '57P03', originalCode: '57P03', message: 'the database system is starting up' }),
    'P2010 raw query, not reachable': prismaError('P2010', 'Raw query failed', { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 }),
    'P2024 (pool timeout)': prismaError('P2024', 'Timed out fetching a new connection from the connection pool.'),
    'pg: Connection terminated unexpectedly': new Error('Connection terminated unexpectedly'),
    'pg: 57P01 admin shutdown': Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    'socket: ECONNREFUSED': Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
  };

  it.each(Object.entries(unavailable))('When a resolver fails with %s, then SERVICE_UNAVAILABLE without details', (_name, error) => {
    expect(isDatabaseUnavailable(resolverError(error))).toBe(true);
    const result = formatGraphQLError(formatted, resolverError(error));
    expect(result).toEqual({
      message: expect.stringContaining('database is unavailable'),
      path: ['signDeal'],
      locations: [{ line: 1, column: 12 }],
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    expect(JSON.stringify(result)).not.toMatch(/127\.0\.0\.1|Prisma|57P0|ECONN/);
  });

  it('When the error is a constraint violation or a bug, then it stays INTERNAL_SERVER_ERROR', () => {
    for (const error of [
      prismaError('P2002', 'Unique constraint failed', { kind: 'UniqueConstraintViolation' }),
      Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
    ]) {
      expect(isDatabaseUnavailable(resolverError(error))).toBe(false);
      expect(formatGraphQLError(formatted, resolverError(error)).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    }
  });
});

describe('Given a request naming an operation it does not contain', () => {
  it("When Apollo answers OPERATION_RESOLUTION_FAILURE, then it becomes BAD_REQUEST, one of the documented codes", () => {
    const apollo = new GraphQLError('Unknown operation named "Q2".', { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } });
    expect(formatGraphQLError(apollo.toJSON(), apollo)).toEqual({ message: 'Unknown operation named "Q2".', extensions: { code: 'BAD_REQUEST' } });
  });
});
