/**
 * Group commit (issue 4): concurrent appends share one transaction under the ledger head, each
 * keeping its own version check and idempotency; one request's failure never fails another.
 */
import { DomainError } from '@ledger/domain/shared/errors';
import type { AppendResult } from '@ledger/event-store';
import { amendDeal, openLedger, registerCompany, SEED_SOURCES_AND_COMPANIES, signDeal, type Ledger } from './ledger-harness';

describe('Given a ledger with two deals and many concurrent writers', () => {
  let ledger: Ledger;
  beforeAll(async () => {
    ledger = await openLedger();
    await ledger.appendAll([...SEED_SOURCES_AND_COMPANIES, signDeal('deal-a'), signDeal('deal-b', 'spacex', 'google')]);
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('When 120 mixed requests arrive at once, then they share commits, each gets its own answer, and the ledger stays dense and chained', async () => {
    const before = await ledger.reader.head();
    const requests: { expect: 'ok' | string; promise: Promise<AppendResult> }[] = [];
    for (let i = 0; i < 30; i += 1) {
      // Fresh companies: all succeed.
      requests.push({ expect: 'ok', promise: ledger.append(registerCompany(`gc-company-${i}`)) });
      // Same expected version on one deal: exactly one wins.
      requests.push({ expect: 'race', promise: ledger.append(amendDeal('deal-a', 1, `capacity ${i}`)) });
      // An id taken by a company registered in this very wave, or an unknown deal: each fails alone.
      requests.push({ expect: 'ALREADY_EXISTS', promise: ledger.append(registerCompany('spacex')) });
      requests.push({ expect: 'NOT_FOUND', promise: ledger.append(amendDeal(`no-such-deal-${i}`, null, 'x')) });
    }
    // One idempotency key sent 5 times in the same wave: one event, five identical answers.
    const keyed = Array.from({ length: 5 }, () => ledger.append(registerCompany('gc-keyed'), { idempotencyKey: 'gc-key' }));

    const settled = await Promise.allSettled(requests.map((request) => request.promise));
    const keyedResults = await Promise.all(keyed);

    const codeOf = (outcome: PromiseSettledResult<AppendResult>) =>
      outcome.status === 'fulfilled' ? 'ok' : outcome.reason instanceof DomainError ? outcome.reason.code : `crash: ${String(outcome.reason)}`;
    settled.forEach((outcome, index) => {
      const expected = requests[index]!.expect;
      if (expected === 'race') expect(['ok', 'CONCURRENCY_CONFLICT']).toContain(codeOf(outcome));
      else expect(codeOf(outcome)).toBe(expected);
    });
    const raceWinners = settled.filter((outcome, index) => requests[index]!.expect === 'race' && outcome.status === 'fulfilled');
    expect(raceWinners).toHaveLength(1);
    const losers = settled.filter((outcome, index) => requests[index]!.expect === 'race' && outcome.status === 'rejected');
    for (const loser of losers) {
      expect((loser as PromiseRejectedResult).reason).toMatchObject({ code: 'CONCURRENCY_CONFLICT', details: { expectedVersion: 1, actualVersion: 2 } });
    }
    expect(new Set(keyedResults.map((result) => result.event.id)).size).toBe(1);
    expect(keyedResults.filter((result) => !result.replayed)).toHaveLength(1);

    // Every acknowledged event is present, exactly once, at its position; nothing else was appended.
    const acknowledged = [
      ...settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : [])),
      keyedResults.find((result) => !result.replayed)!,
    ];
    const after = await ledger.reader.head();
    expect(BigInt(after.position) - BigInt(before.position)).toBe(BigInt(acknowledged.length));
    const rows = await ledger.query<{ position: string; id: string; tx: string }>(
      'SELECT position::text AS position, id::text AS id, xmin::text AS tx FROM events WHERE position > $1::bigint ORDER BY position',
      before.position,
    );
    expect(rows.map((row) => row.id).sort()).toEqual(acknowledged.map((result) => result.event.id).sort());
    expect(rows.map((row) => BigInt(row.position))).toEqual(
      rows.map((_, index) => BigInt(before.position) + BigInt(index + 1)),
    );
    // Batched: far fewer transactions than events (xmin is the inserting transaction).
    const transactions = new Set(rows.map((row) => row.tx)).size;
    expect(transactions).toBeLessThan(rows.length);
    // A batch that committed successes also answered failures: a conflict did not roll back its neighbours.
    expect(await ledger.audit.verify()).toMatchObject({ ok: true, checkedEvents: Number(after.position) });
    const checksums = await ledger.audit.projectionChecksums();
    await ledger.audit.rebuild();
    expect(await ledger.audit.projectionChecksums()).toEqual(checksums);
  });

  it('When two amendments of the same deal are issued together, then they share a commit, apply in order and the row versions chain', async () => {
    const [first, second] = await Promise.all([
      ledger.append(amendDeal('deal-b', 1, 'first')),
      ledger.append(amendDeal('deal-b', 2, 'second')),
    ]);
    expect([first.event.version, second.event.version]).toEqual([2, 3]);
    const versions = await ledger.query<{ valid_from: string; valid_to: string | null; version: number }>(
      'SELECT valid_from::text, valid_to::text, version FROM deals WHERE id = $1 ORDER BY valid_from',
      'deal-b',
    );
    expect(versions.map((row) => row.version)).toEqual([1, 2, 3]);
    expect(versions[0]!.valid_to).toBe(versions[1]!.valid_from);
    expect(versions[1]!.valid_to).toBe(versions[2]!.valid_from);
    expect(versions[2]!.valid_to).toBeNull();
    const transactions = await ledger.query<{ tx: string }>(
      'SELECT DISTINCT xmin::text AS tx FROM events WHERE id = ANY($1::uuid[])',
      [first.event.id, second.event.id],
    );
    expect(transactions).toHaveLength(1);
  });
});
