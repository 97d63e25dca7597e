/**
 * The append path of the event store over a real PostgreSQL database: dense commit-ordered
 * positions, optimistic concurrency, durable idempotency, id reservation, no partial writes,
 * and recorded_at (DESIGN.md §2, §7).
 */
import type { LedgerCommand } from '@ledger/domain/ledger/commands';
import { SEED_COMMANDS } from '@ledger/domain/ledger/testing/seed-commands';
import { DomainError } from '@ledger/domain/shared/errors';
import { fingerprintOf, type AppendResult } from '@ledger/event-store';
import {
  amendDeal,
  expectDomainError,
  JOURNALIST,
  openLedger,
  registerCompany,
  SEED_SOURCES_AND_COMPANIES,
  settle,
  signDeal,
  type Ledger,
} from './ledger-harness';

interface EventRow {
  position: string;
  stream_id: string;
  version: number;
  recorded_at: Date;
  hash: string;
}

async function eventRows(ledger: Ledger): Promise<EventRow[]> {
  return ledger.query<EventRow>(
    'SELECT position::text AS position, stream_id, version, recorded_at, hash FROM events ORDER BY events.position',
  );
}

/** Positions 1..N, every stream's versions 1..k in position order, recorded_at never decreasing, head = last event. */
async function expectDenseLedger(ledger: Ledger, expectedEvents: number): Promise<void> {
  const rows = await eventRows(ledger);
  expect(rows).toHaveLength(expectedEvents);
  expect(rows.map((row) => row.position)).toEqual(Array.from({ length: expectedEvents }, (_, i) => String(i + 1)));

  const versions = new Map<string, number[]>();
  for (const row of rows) versions.set(row.stream_id, [...(versions.get(row.stream_id) ?? []), row.version]);
  for (const [streamId, list] of versions) {
    expect({ streamId, versions: list }).toEqual({ streamId, versions: list.map((_, i) => i + 1) });
  }
  const streams = await ledger.query<{ id: string; version: number }>('SELECT id, version FROM streams');
  for (const stream of streams) expect(stream.version).toBe(versions.get(stream.id)?.length ?? 0);

  for (let i = 1; i < rows.length; i += 1) {
    expect(rows[i]!.recorded_at.getTime()).toBeGreaterThanOrEqual(rows[i - 1]!.recorded_at.getTime());
  }
  const head = await ledger.reader.head();
  expect(head.position).toBe(String(expectedEvents));
  expect(head.hash).toBe(rows[rows.length - 1]?.hash ?? null);
  expect(head.recordedAt).toBe(rows[rows.length - 1]?.recorded_at.toISOString() ?? null);
}

describe('Given an empty ledger and 8 concurrent writers', () => {
  let ledger: Ledger;
  beforeAll(async () => {
    ledger = await openLedger({ poolSize: 12 });
  });
  afterAll(() => ledger.close());

  it('When each registers 25 companies of its own while a reader polls, then positions are exactly 1..200, versions 1, the head is the last event and no reader ever saw a gap', async () => {
    const writers = 8;
    const perWriter = 25;
    let writing = true;
    const samples: { count: number; max: number }[] = [];
    const poll = (async () => {
      while (writing) {
        const rows = await ledger.query<{ count: number; max: number }>(
          'SELECT count(*)::int AS count, coalesce(max(position), 0)::int AS max FROM events',
        );
        samples.push(rows[0]!);
      }
    })();

    const results = await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        const mine: AppendResult[] = [];
        for (let i = 0; i < perWriter; i += 1) {
          mine.push(await ledger.append(registerCompany(`w${writer}-company-${i}`)));
        }
        return mine;
      }),
    );
    writing = false;
    await poll;

    await expectDenseLedger(ledger, writers * perWriter);
    const positions = results.flat().map((result) => Number(result.event.position));
    expect(new Set(positions).size).toBe(writers * perWriter);
    for (const mine of results) {
      // One writer's appends are sequential: its positions increase.
      const own = mine.map((result) => Number(result.event.position));
      expect(own).toEqual([...own].sort((a, b) => a - b));
    }
    // A reader that sees position N sees every position below it (commit order = position order).
    expect(samples.length).toBeGreaterThan(0);
    for (const sample of samples) expect(sample.count).toBe(sample.max);
    expect((await ledger.audit.verify()).ok).toBe(true);
  });
});

describe('Given the seed sources and companies and four deals', () => {
  let ledger: Ledger;
  const deals = ['deal-a', 'deal-b', 'deal-c', 'deal-d'];
  beforeAll(async () => {
    ledger = await openLedger({ poolSize: 12 });
    await ledger.appendAll([...SEED_SOURCES_AND_COMPANIES, ...deals.map((id) => signDeal(id))]);
  });
  afterAll(() => ledger.close());

  it('When 8 writers amend the deals concurrently without expectedVersion (25 each), then every stream is dense 1..k and positions are 1..N', async () => {
    const before = (await ledger.counts()).events;
    await Promise.all(
      Array.from({ length: 8 }, async (_, writer) => {
        for (let i = 0; i < 25; i += 1) {
          await ledger.append(amendDeal(deals[(writer + i) % deals.length]!, null, `w${writer} #${i}`));
        }
      }),
    );
    await expectDenseLedger(ledger, before + 200);
    const versions = await ledger.query<{ id: string; version: number }>(
      `SELECT id, version FROM streams WHERE id = ANY($1::text[]) ORDER BY id`,
      deals,
    );
    expect(versions).toEqual(deals.map((id) => ({ id, version: 51 })));
    // The current projection row carries the stream's version; exactly one current row per deal.
    const current = await ledger.query<{ id: string; version: number; n: number }>(
      `SELECT id, max(version) AS version, count(*)::int AS n FROM deals WHERE valid_to IS NULL GROUP BY id ORDER BY id`,
    );
    expect(current).toEqual(deals.map((id) => ({ id, version: 51, n: 1 })));
  });
});

describe('Given a signed deal (optimistic concurrency)', () => {
  let ledger: Ledger;
  beforeAll(async () => {
    ledger = await openLedger({ poolSize: 12 });
    await ledger.appendAll([...SEED_SOURCES_AND_COMPANIES, signDeal('occ-deal')]);
  });
  afterAll(() => ledger.close());

  it('When amendDeal carries a stale expectedVersion, then CONCURRENCY_CONFLICT reports the expected and the actual version and nothing is appended', async () => {
    const amended = await ledger.append(amendDeal('occ-deal', 1, 'first'));
    expect(amended.event.version).toBe(2);
    const before = await ledger.counts();

    const error = await expectDomainError(ledger.append(amendDeal('occ-deal', 1, 'stale')), 'CONCURRENCY_CONFLICT');

    expect(error.details).toEqual({ streamId: 'occ-deal', expectedVersion: 1, actualVersion: 2 });
    expect(await ledger.counts()).toEqual(before);
  });

  it('When amendDeal expects a version the stream has not reached, then CONCURRENCY_CONFLICT with the actual version', async () => {
    const [stream] = await ledger.query<{ version: number }>(`SELECT version FROM streams WHERE id = 'occ-deal'`);
    const error = await expectDomainError(
      ledger.append(amendDeal('occ-deal', stream!.version + 5, 'future')),
      'CONCURRENCY_CONFLICT',
    );
    expect(error.details).toMatchObject({ expectedVersion: stream!.version + 5, actualVersion: stream!.version });
  });

  it('When 16 writers amend with the same expectedVersion, three rounds in a row, then exactly one wins each round and the others get the actual version', async () => {
    for (let round = 0; round < 3; round += 1) {
      const [stream] = await ledger.query<{ version: number }>(`SELECT version FROM streams WHERE id = 'occ-deal'`);
      const expected = stream!.version;
      const before = await ledger.counts();

      const { ok, failed } = await settle(
        Array.from({ length: 16 }, (_, writer) => ledger.append(amendDeal('occ-deal', expected, `round ${round} writer ${writer}`))),
      );

      expect(ok).toHaveLength(1);
      expect(ok[0]!.event.version).toBe(expected + 1);
      expect(failed).toHaveLength(15);
      for (const error of failed) {
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe('CONCURRENCY_CONFLICT');
        expect((error as DomainError).details).toEqual({
          streamId: 'occ-deal',
          expectedVersion: expected,
          actualVersion: expected + 1,
        });
      }
      const after = await ledger.counts();
      expect(after.events).toBe(before.events + 1);
      expect(after.deals).toBe(before.deals + 1);
      const [head] = await ledger.query<{ position: string }>('SELECT position::text AS position FROM ledger_head');
      expect(head!.position).toBe(String(after.events));
    }
    await expectDenseLedger(ledger, (await ledger.counts()).events);
  });
});

describe('Given a deal and requests carrying an idempotency key', () => {
  let ledger: Ledger;
  beforeAll(async () => {
    ledger = await openLedger({ poolSize: 12 });
    await ledger.appendAll([...SEED_SOURCES_AND_COMPANIES, signDeal('idem-deal')]);
  });
  afterAll(() => ledger.close());

  const expectOneEvent = (results: AppendResult[]) => {
    const first = results.find((result) => !result.replayed);
    expect(first).toBeDefined();
    expect(results.filter((result) => !result.replayed)).toHaveLength(1);
    for (const result of results) {
      expect(result.event).toEqual(first!.event);
      expect(result.hash).toBe(first!.hash);
      expect(result.previousHash).toBe(first!.previousHash);
      expect(result.entityId).toBe('idem-deal');
    }
  };

  it('When the same request is sent 10 times in a row, then one event is stored and the 9 retries replay it', async () => {
    const before = await ledger.counts();
    const command = amendDeal('idem-deal', null, 'sequential');
    const results: AppendResult[] = [];
    for (let i = 0; i < 10; i += 1) results.push(await ledger.append(command, { idempotencyKey: 'key-sequential' }));

    expect(results[0]!.replayed).toBe(false);
    expectOneEvent(results);
    const after = await ledger.counts();
    expect(after.events).toBe(before.events + 1);
    expect(after.idempotency_keys).toBe(before.idempotency_keys + 1);
    const [stored] = await ledger.query<{ idempotency_key: string | null }>(
      'SELECT idempotency_key FROM events WHERE position = $1::bigint',
      results[0]!.event.position,
    );
    expect(stored!.idempotency_key).toBe('key-sequential');
  });

  it('When the same request is sent 10 times concurrently, then one event is stored and every answer carries it', async () => {
    const before = await ledger.counts();
    const command = amendDeal('idem-deal', null, 'concurrent');
    const results = await Promise.all(
      Array.from({ length: 10 }, () => ledger.append(command, { idempotencyKey: 'key-concurrent' })),
    );
    expectOneEvent(results);
    expect((await ledger.counts()).events).toBe(before.events + 1);
  });

  it('When a retry with an expectedVersion arrives after the stream moved on, then it still replays the first result instead of conflicting', async () => {
    const [stream] = await ledger.query<{ version: number }>(`SELECT version FROM streams WHERE id = 'idem-deal'`);
    const command = amendDeal('idem-deal', stream!.version, 'versioned');
    const first = await ledger.append(command, { idempotencyKey: 'key-versioned' });
    await ledger.append(amendDeal('idem-deal', null, 'someone else'));
    const retry = await ledger.append(command, { idempotencyKey: 'key-versioned' });
    expect(retry.replayed).toBe(true);
    expect(retry.event).toEqual(first.event);
  });

  it('When the same key comes with a different input, then IDEMPOTENCY_KEY_REUSED and nothing is appended', async () => {
    await ledger.append(amendDeal('idem-deal', null, 'original'), { idempotencyKey: 'key-reused' });
    const before = await ledger.counts();

    const error = await expectDomainError(
      ledger.append(amendDeal('idem-deal', null, 'different'), { idempotencyKey: 'key-reused' }),
      'IDEMPOTENCY_KEY_REUSED',
    );

    expect(error.details).toEqual({ idempotencyKey: 'key-reused' });
    expect(await ledger.counts()).toEqual(before);
  });

  it('When another actor uses the same key, then it is a separate namespace and appends its own event', async () => {
    const command = amendDeal('idem-deal', null, 'shared key');
    const mine = await ledger.append(command, { idempotencyKey: 'key-shared' });
    const theirs = await ledger.append(command, { idempotencyKey: 'key-shared', actor: 'journalist-b' });
    const mineAgain = await ledger.append(command, { idempotencyKey: 'key-shared' });

    expect(mine.replayed).toBe(false);
    expect(theirs.replayed).toBe(false);
    expect(theirs.event.id).not.toBe(mine.event.id);
    expect(theirs.event.recordedBy).toBe('journalist-b');
    expect(mineAgain.replayed).toBe(true);
    expect(mineAgain.event.id).toBe(mine.event.id);
    const keys = await ledger.query<{ principal: string }>(`SELECT principal FROM idempotency_keys WHERE key = 'key-shared' ORDER BY principal`);
    expect(keys.map((key) => key.principal)).toEqual([JOURNALIST, 'journalist-b']);
  });

  it('When a request with a key fails, then no key is stored and a corrected request with that key appends', async () => {
    const before = await ledger.counts();
    await expectDomainError(ledger.append(amendDeal('no-such-deal', null, 'x'), { idempotencyKey: 'key-failed' }), 'NOT_FOUND');
    expect(await ledger.counts()).toEqual(before);

    const fixed = amendDeal('idem-deal', null, 'fixed');
    const result = await ledger.append(fixed, { idempotencyKey: 'key-failed', fingerprint: fingerprintOf(fixed) });
    expect(result.replayed).toBe(false);
  });
});

describe('Given the seed sources and companies (id reservation and unknown references)', () => {
  let ledger: Ledger;
  beforeAll(async () => {
    ledger = await openLedger({ poolSize: 12 });
    await ledger.appendAll([...SEED_SOURCES_AND_COMPANIES, signDeal('ref-deal')]);
    // A claim to rebut and retract.
    await ledger.appendAll(SEED_COMMANDS.filter((command) => command.type === 'makeClaim'));
  });
  afterAll(() => ledger.close());

  it('When a source is registered with an id a company holds, then ALREADY_EXISTS names the kind and nothing is written', async () => {
    const before = await ledger.counts();
    const error = await expectDomainError(
      ledger.append({
        type: 'registerSource',
        id: 'spacex',
        url: null,
        title: 'A source squatting a company id',
        publisher: null,
        author: null,
        kind: 'ARTICLE',
        publishedOn: null,
      }),
      'ALREADY_EXISTS',
    );
    expect(error.details).toEqual({ id: 'spacex', existingKind: 'company' });
    expect(await ledger.counts()).toEqual(before);
  });

  it('When two writers register one new id at once (a company and a source), then exactly one wins and the other gets ALREADY_EXISTS', async () => {
    for (let round = 0; round < 5; round += 1) {
      const id = `contested-${round}`;
      const before = await ledger.counts();
      const { ok, failed } = await settle([
        ledger.append(registerCompany(id)),
        ledger.append({ type: 'registerSource', id, url: null, title: 'Contested', publisher: null, author: null, kind: 'ARTICLE', publishedOn: null }),
        ledger.append(registerCompany(id, 'Another name')),
      ]);
      expect(ok).toHaveLength(1);
      expect(failed).toHaveLength(2);
      for (const error of failed) {
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe('ALREADY_EXISTS');
        expect((error as DomainError).details.id).toBe(id);
      }
      const after = await ledger.counts();
      expect(after.events).toBe(before.events + 1);
      expect(after.streams).toBe(before.streams + 1);
      expect(after.companies + after.sources).toBe(before.companies + before.sources + 1);
    }
  });

  it('When a talent move names as its person an id a company holds, then ALREADY_EXISTS and not even the move id is reserved', async () => {
    const before = await ledger.counts();
    await expectDomainError(
      ledger.append({
        type: 'recordTalentDeparture',
        id: 'move-onto-company',
        personId: 'openai',
        personName: 'Not a person',
        fromCompanyId: 'google',
        toCompanyId: null,
        role: null,
        announcedOn: null,
        citations: [{ sourceId: 'reckoning-2026-06-06', quote: 'q', locator: null, role: 'SUPPORTING' }],
      }),
      'ALREADY_EXISTS',
    );
    expect(await ledger.counts()).toEqual(before);
  });

  const cite = (sourceId: string) => [{ sourceId, quote: 'q', locator: null, role: 'SUPPORTING' as const }];
  const unknownReferences: [string, LedgerCommand][] = [
    ['signDeal with an unknown party', signDeal('deal-with-ghost', 'spacex', 'ghost-company')],
    ['signDeal citing an unknown source', { ...signDeal('deal-ghost-source'), citations: cite('ghost-source') }],
    ['amendDeal of an unknown deal', amendDeal('ghost-deal', null, 'x')],
    ['amendDeal with an expectedVersion of an unknown deal', amendDeal('ghost-deal', 3, 'x')],
    ['terminateDeal of an unknown deal', { type: 'terminateDeal', dealId: 'ghost-deal', terminatedOn: '2026-06-01', reason: 'r', citations: cite('dispatch-008'), expectedVersion: null }],
    ['claimValuation of an unknown company', { type: 'claimValuation', id: 'ghost-valuation', companyId: 'ghost-company', metric: 'REVENUE', value: { value: '1', unit: 'USD', per: null }, fiscalPeriod: null, author: 'a', statement: null, occurredOn: null, citations: cite('dispatch-008') }],
    ['makeClaim about an unknown subject', { type: 'makeClaim', id: 'ghost-claim', statement: 's', author: 'a', subjectIds: ['spacex', 'ghost-company'], occurredOn: null, citations: cite('dispatch-008') }],
    ['postRebuttal of an unknown target', { type: 'postRebuttal', id: 'ghost-rebuttal', targetId: 'ghost-claim', stance: 'REFUTES', author: 'a', text: 't', occurredOn: null, citations: cite('dispatch-008') }],
    ['recordTalentDeparture from an unknown company', { type: 'recordTalentDeparture', id: 'ghost-move', personId: 'someone', personName: 'Someone', fromCompanyId: 'ghost-company', toCompanyId: null, role: null, announcedOn: null, citations: cite('dispatch-008') }],
    ['retract of an unknown entry', { type: 'retract', targetId: 'ghost-claim', reason: 'r', expectedVersion: null }],
  ];

  it.each(unknownReferences)('When %s is appended, then NOT_FOUND and no event, stream or projection row is written', async (_name, command) => {
    const before = await ledger.counts();
    const head = await ledger.reader.head();
    await expectDomainError(ledger.append(command), 'NOT_FOUND');
    expect(await ledger.counts()).toEqual(before);
    expect(await ledger.reader.head()).toEqual(head);
  });

  it('When amendDeal targets a company id with a wrong expectedVersion, then NOT_FOUND (no deal), not a version conflict on the company', async () => {
    const before = await ledger.counts();
    await expectDomainError(ledger.append(amendDeal('spacex', 7, 'x')), 'NOT_FOUND');
    await expectDomainError(
      ledger.append({ type: 'terminateDeal', dealId: 'anthropic', terminatedOn: '2026-06-01', reason: 'r', citations: [{ sourceId: 'dispatch-008', quote: 'q', locator: null, role: 'SUPPORTING' }], expectedVersion: 4 }),
      'NOT_FOUND',
    );
    expect(await ledger.counts()).toEqual(before);
  });

  it('When retract targets a company with a wrong expectedVersion, then BAD_USER_INPUT (companies cannot be retracted), not a version conflict', async () => {
    const before = await ledger.counts();
    await expectDomainError(ledger.append({ type: 'retract', targetId: 'spacex', reason: 'r', expectedVersion: 9 }), 'BAD_USER_INPUT');
    expect(await ledger.counts()).toEqual(before);
  });

  it('When text holds a NUL character, then BAD_USER_INPUT and nothing is written', async () => {
    const before = await ledger.counts();
    await expectDomainError(ledger.append(registerCompany('nul-company', 'Nul\u0000Corp')), 'BAD_USER_INPUT');
    expect(await ledger.counts()).toEqual(before);
  });
});

describe('Given a ledger whose clock is injected (recorded_at)', () => {
  let ledger: Ledger;
  beforeAll(async () => {
    ledger = await openLedger();
    await ledger.appendAll(SEED_SOURCES_AND_COMPANIES);
  });
  afterAll(() => ledger.close());

  it('When an event is recorded at an instant with milliseconds, then recordedAt round-trips exactly through the events table, the head and the projection row', async () => {
    const now = new Date('2026-07-01T10:11:12.345Z');
    const result = await ledger.append(registerCompany('ms-company'), { now });

    expect(result.event.recordedAt).toBe('2026-07-01T10:11:12.345Z');
    const [stored] = await ledger.reader.events({ streamId: 'ms-company' }, result.event.position, null, 10);
    expect(stored!.event.recordedAt).toBe(result.event.recordedAt);
    expect(stored!.event).toEqual(result.event);
    expect((await ledger.reader.head()).recordedAt).toBe(result.event.recordedAt);
    expect(await ledger.reader.recordedAtOf(result.event.position)).toBe(result.event.recordedAt);
    const row = (await ledger.reader.rowsById('companies', ['ms-company'], result.event.position)).get('ms-company');
    expect(row).toMatchObject({ recordedAt: result.event.recordedAt, position: result.event.position });
    // "As of an instant" includes the event recorded at that very millisecond, and not before.
    expect(await ledger.reader.positionAt(new Date(result.event.recordedAt))).toBe(result.event.position);
    expect(await ledger.reader.positionAt(new Date(now.getTime() - 1))).toBe(String(Number(result.event.position) - 1));
  });

  it('When the clock goes backwards, then recordedAt stays at the previous value, never less, and the chain still verifies', async () => {
    const first = await ledger.append(registerCompany('clock-a'), { now: new Date('2026-08-01T00:00:00.500Z') });
    const second = await ledger.append(registerCompany('clock-b'), { now: new Date('2026-07-31T23:59:59.999Z') });
    const third = await ledger.append(registerCompany('clock-c'), { now: new Date('2020-01-01T00:00:00.000Z') });
    const fourth = await ledger.append(registerCompany('clock-d'), { now: new Date('2026-08-01T00:00:00.501Z') });

    expect(second.event.recordedAt).toBe(first.event.recordedAt);
    expect(third.event.recordedAt).toBe(first.event.recordedAt);
    expect(fourth.event.recordedAt).toBe('2026-08-01T00:00:00.501Z');
    const stored = await ledger.reader.events({}, fourth.event.position, first.event.position, 10);
    expect(stored.map((entry) => entry.event.recordedAt)).toEqual([
      first.event.recordedAt,
      first.event.recordedAt,
      fourth.event.recordedAt,
    ]);
    expect(await ledger.reader.positionAt(new Date(first.event.recordedAt))).toBe(third.event.position);
    expect((await ledger.audit.verify()).ok).toBe(true);
  });

});

describe('Given a database whose default TimeZone is not UTC', () => {
  let ledger: Ledger;
  beforeAll(async () => {
    ledger = await openLedger({ databaseTimeZone: 'America/Los_Angeles' });
    await ledger.appendAll(SEED_SOURCES_AND_COMPANIES);
  });
  afterAll(() => ledger.close());

  it('When events are recorded and read back, then recordedAt is the same instant everywhere, never goes backwards and the chain verifies', async () => {
    const first = await ledger.append(registerCompany('tz-a'), { now: new Date('2026-10-01T12:00:00.123Z') });
    const second = await ledger.append(registerCompany('tz-b'), { now: new Date('2026-10-01T11:00:00.000Z') });

    expect(first.event.recordedAt).toBe('2026-10-01T12:00:00.123Z');
    expect(second.event.recordedAt).toBe(first.event.recordedAt);
    expect((await ledger.reader.head()).recordedAt).toBe(first.event.recordedAt);
    expect(await ledger.reader.recordedAtOf(first.event.position)).toBe(first.event.recordedAt);
    const [stored] = await ledger.reader.events({ streamId: 'tz-a' }, second.event.position, null, 1);
    expect(stored!.event).toEqual(first.event);
    expect(await ledger.reader.positionAt(new Date('2026-10-01T12:00:00.122Z'))).toBe(String(Number(first.event.position) - 1));
    expect(await ledger.audit.verify()).toMatchObject({ ok: true });
  });
});
