import type { Pool, PoolClient, QueryResultRow } from 'pg';

/** A parameterised statement for pg: `sql\`SELECT … WHERE id = ${id}\`` → { text: '… $1', values: [id] }. */
export interface SqlStatement {
  readonly text: string;
  readonly values: unknown[];
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlStatement {
  let text = strings[0] ?? '';
  for (let index = 1; index < strings.length; index += 1) text += `$${index}${strings[index]}`;
  return { text, values };
}

/** The rows of one statement on a pg client (a transaction's connection). */
export async function rowsOf<T extends QueryResultRow>(client: PoolClient, statement: SqlStatement | string, values?: unknown[]): Promise<T[]> {
  const result =
    typeof statement === 'string' ? await client.query<T>(statement, values) : await client.query<T>(statement.text, statement.values);
  return result.rows;
}

/**
 * The work of a transaction succeeded but its COMMIT failed. When the connection was lost on the
 * way (the server may have committed and its reply never arrived), whether the transaction took
 * effect is unknown to the client: `result` is what the work returned, for a caller that can find
 * out (see EventStore).
 */
export class CommitFailedError<T = unknown> extends Error {
  constructor(
    readonly result: T,
    cause: unknown,
  ) {
    super(`COMMIT failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'CommitFailedError';
  }
}

/**
 * One READ COMMITTED transaction on a connection of the pool, rolled back if `work` fails; a
 * connection whose ROLLBACK failed is discarded, not returned to the pool. A failed COMMIT throws
 * CommitFailedError (its cause: pg's error).
 */
export async function inTransaction<T>(pool: Pool, work: (tx: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
    const result = await work(client);
    await client.query('COMMIT').catch((error: unknown) => {
      throw new CommitFailedError(result, error);
    });
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/**
 * Promise.all for statements queued together on one connection: waits for all of them and, when
 * several failed, throws the error of the first in queue order. PostgreSQL runs them in that order,
 * so that one is the cause; those queued after it fail with "current transaction is aborted", and
 * their rejections can settle first.
 */
export async function allInQueueOrder<T extends readonly unknown[]>(statements: readonly [...{ [K in keyof T]: Promise<T[K]> }]): Promise<T> {
  const settled = await Promise.allSettled(statements);
  const failed = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
