/**
 * Group commit (issue 4): concurrent appends share one transaction under the ledger head, each
 * keeping its own version check and idempotency; one request's failure never fails another.
 */
import { DomainError } from '@ledger/domain/shared/errors';
import type { AppendResult } from '@ledger/event-store';
import { amendDeal, openLedger, registerCompany, requestOf, SEED_SOURCES_AND_COMPANIES, signDeal, type Ledger } from './ledger-harness';

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

describe('Given an import-sized appendMany with a larger batch than the group commit', () => {
  let batched: Ledger;
  let oneByOne: Ledger;
  beforeAll(async () => {
    [batched, oneByOne] = await Promise.all([openLedger(), openLedger()]);
  });
  afterAll(async () => {
    await Promise.all([batched.close(), oneByOne.close()]);
  });

  it('When 700 mixed requests go through appendMany with maxBatchSize 600 (more than the group commit takes), then they take two transactions and record exactly what appending them one by one records', async () => {
    const commands = [
      ...SEED_SOURCES_AND_COMPANIES,
      signDeal('deal-a'),
      ...Array.from({ length: 200 }, (_, i) => registerCompany(`big-company-${i}`)),
      ...Array.from({ length: 200 }, (_, i) => amendDeal('deal-a', i % 7 === 3 ? 1 : null, `capacity ${i}`)),
      ...Array.from({ length: 300 }, (_, i) => registerCompany(i % 2 === 0 ? 'spacex' : `late-company-${i}`)),
    ];
    const requests = commands.slice(0, 700).map((command, index) =>
      requestOf(command, {
        now: new Date(Date.UTC(2026, 5, 6, 9) + index * 1_000),
        idempotencyKey: index % 50 === 7 ? `key-${index % 100}` : null,
      }),
    );
    expect(requests).toHaveLength(700);
    const before = await batched.reader.head();

    const settled = await batched.store.appendMany(requests, { maxBatchSize: 600 });
    const alone: PromiseSettledResult<unknown>[] = [];
    for (const request of requests) {
      alone.push(await oneByOne.store.append(request).then((value) => ({ status: 'fulfilled' as const, value }), (reason: unknown) => ({ status: 'rejected' as const, reason })));
    }

    const outcome = (result: PromiseSettledResult<unknown>) =>
      result.status === 'fulfilled' ? 'ok' : result.reason instanceof DomainError ? result.reason.code : `crash: ${String(result.reason)}`;
    expect(settled.map(outcome)).toEqual(alone.map(outcome));
    expect(settled.map(outcome)).toContain('CONCURRENCY_CONFLICT');
    expect(settled.map(outcome)).toContain('ALREADY_EXISTS');
    expect(settled.map(outcome)).toContain('IDEMPOTENCY_KEY_REUSED');

    const transactions = await batched.query<{ tx: string }>('SELECT DISTINCT xmin::text AS tx FROM events WHERE position > $1::bigint', before.position);
    expect(transactions).toHaveLength(2);

    // Everything but the random event ids (and the hashes, which cover them) is identical.
    const normalized = (ledger: Ledger) =>
      ledger.query<{ row: string }>(
        `SELECT concat_ws('|', position, stream_id, version, type, data::text, citations::text, entity_ids::text, occurred_on,
                          recorded_at, recorded_by, idempotency_key) AS row FROM events ORDER BY position`,
      );
    expect(await normalized(batched)).toEqual(await normalized(oneByOne));
    const projections = (ledger: Ledger) =>
      ledger.query<{ row: string }>(
        `SELECT concat_ws('|', 'deals', id, valid_from, valid_to, version, kind, party_ids::text,
                          regexp_replace(doc::text, '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', 'U', 'g')) AS row FROM deals
         UNION ALL SELECT concat_ws('|', 'companies', id, valid_from, valid_to, version, name, doc::text) FROM companies
         UNION ALL SELECT concat_ws('|', 'streams', id, kind, version, created_position) FROM streams
         UNION ALL SELECT concat_ws('|', 'keys', principal, key, fingerprint, event_position, result::text) FROM idempotency_keys
         ORDER BY 1`,
      );
    expect(await projections(batched)).toEqual(await projections(oneByOne));

    const head = await batched.reader.head();
    expect(await batched.audit.verify()).toMatchObject({ ok: true, checkedEvents: Number(head.position) });
    const checksums = await batched.audit.projectionChecksums();
    await batched.audit.rebuild();
    expect(await batched.audit.projectionChecksums()).toEqual(checksums);
  });
});
