import { allInQueueOrder } from './sql';

const later = <T>(ms: number, settle: () => T): Promise<T> => new Promise((resolve) => setTimeout(resolve, ms)).then(settle);

describe('allInQueueOrder (statements queued together on one connection)', () => {
  it('Given every statement succeeds, Then it answers their results in queue order', async () => {
    await expect(allInQueueOrder([later(20, () => 'lock'), later(1, () => 2), later(10, () => ['rows'])])).resolves.toEqual(['lock', 2, ['rows']]);
  });

  it('Given the second statement failed and the third failed sooner ("transaction aborted"), Then the second one’s error is thrown', async () => {
    const cause = new Error('invalid byte sequence (22P05)');
    const aborted = new Error('current transaction is aborted, commands ignored until end of transaction block');
    const statements = [
      later(5, () => 'ok'),
      later(30, () => {
        throw cause;
      }),
      later(1, () => {
        throw aborted;
      }),
    ];
    await expect(allInQueueOrder(statements)).rejects.toBe(cause);
  });
});
