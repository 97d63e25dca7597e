/**
 * The hash chain and the append-only events table (DESIGN.md §2): every event links to the
 * previous hash, verify() recomputes the chain, and a change made behind the store's back
 * (by a superuser who disables the trigger) is reported at the position it was made.
 */
import { SEED_COMMANDS } from '@ledger/domain/ledger/testing/seed-commands';
import { chainHash, LedgerAudit } from '@ledger/event-store';
import { withSuperuser } from '@ledger/testing/database';
import { amendDeal, openLedger, type Ledger } from './ledger-harness';

const SEED_AND_AMENDMENTS = [
  ...SEED_COMMANDS,
  amendDeal('spacex-google-compute', null, 'Colossus; Colossus 2'),
  amendDeal('spacex-anthropic-compute', 3, 'Colossus 3'),
];

async function seededLedger(): Promise<Ledger> {
  const ledger = await openLedger();
  await ledger.appendAll(SEED_AND_AMENDMENTS);
  return ledger;
}

/** Runs `sql` as the superuser with the append-only trigger off, then turns it back on. */
async function tamper(ledger: Ledger, sql: string, ...parameters: unknown[]): Promise<void> {
  await withSuperuser(ledger.db.url, async (client) => {
    await client.query('ALTER TABLE events DISABLE TRIGGER events_refuse_update_delete');
    try {
      const result = await client.query(sql, parameters);
      expect(result.rowCount).toBe(1);
    } finally {
      await client.query('ALTER TABLE events ENABLE TRIGGER events_refuse_update_delete');
    }
  });
}

async function positionOf(ledger: Ledger, where: string): Promise<string> {
  const rows = await ledger.query<{ position: string }>(`SELECT position::text AS position FROM events WHERE ${where} ORDER BY events.position LIMIT 1`);
  expect(rows).toHaveLength(1);
  return rows[0]!.position;
}

describe('Given the seed and two amendments appended through the store', () => {
  let ledger: Ledger;
  const total = SEED_AND_AMENDMENTS.length;
  beforeAll(async () => {
    ledger = await seededLedger();
  });
  afterAll(() => ledger.close());

  it('When the chain is read back, then each previous_hash is the hash of the event before it and chainHash over the stored event reproduces every hash', async () => {
    const rows = await ledger.query<{ position: string; previous_hash: string | null; hash: string }>(
      'SELECT position::text AS position, previous_hash, hash FROM events ORDER BY events.position',
    );
    expect(rows).toHaveLength(total);
    expect(rows[0]!.previous_hash).toBeNull();
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]!.previous_hash).toBe(rows[i - 1]!.hash);
    expect(new Set(rows.map((row) => row.hash)).size).toBe(total);

    let previous: string | null = null;
    let seen = 0;
    for await (const batch of ledger.reader.storedEvents('1', String(total), 7)) {
      for (const stored of batch) {
        expect(stored.previousHash).toBe(previous);
        expect(chainHash(previous, stored.event)).toBe(stored.hash);
        expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
        previous = stored.hash;
        seen += 1;
      }
    }
    expect(seen).toBe(total);
    expect((await ledger.reader.head()).hash).toBe(previous);
  });

  it('When verify() runs over the whole intact ledger, then it is ok and checked every event', async () => {
    expect(await ledger.audit.verify()).toEqual({ ok: true, checkedEvents: total, firstBadPosition: null, message: null });
  });

  it('When verify(from, to) runs over a sub-range, then it checks exactly that range', async () => {
    expect(await ledger.audit.verify('5', '12')).toEqual({ ok: true, checkedEvents: 8, firstBadPosition: null, message: null });
    expect(await ledger.audit.verify('1', '1')).toMatchObject({ ok: true, checkedEvents: 1 });
    expect(await ledger.audit.verify(String(total), null)).toMatchObject({ ok: true, checkedEvents: 1 });
  });

  it('When verify is asked for a range outside the ledger, then it is not ok', async () => {
    expect(await ledger.audit.verify('1', String(total + 1))).toMatchObject({ ok: false, checkedEvents: 0 });
    expect(await ledger.audit.verify('0', '3')).toMatchObject({ ok: false });
    expect(await ledger.audit.verify('9', '3')).toMatchObject({ ok: false });
  });

  it('When an event is stored, then its hash is chainHash(previous hash, event) as the append returned it', async () => {
    const result = await ledger.append(amendDeal('spacex-google-compute', null, 'Colossus 4'));
    expect(result.previousHash).toBe((await ledger.reader.storedEvents(String(total), String(total)).next()).value![0]!.hash);
    expect(chainHash(result.previousHash, result.event)).toBe(result.hash);
    expect((await ledger.reader.head()).hash).toBe(result.hash);
    expect(await ledger.audit.verify()).toMatchObject({ ok: true, checkedEvents: total + 1 });
  });
});

describe('Given the events table (append-only)', () => {
  let ledger: Ledger;
  beforeAll(async () => {
    ledger = await seededLedger();
  });
  afterAll(() => ledger.close());

  const refused: [string, string][] = [
    ['UPDATE', `UPDATE events SET data = '{}'::jsonb WHERE position = 3`],
    ['UPDATE of every row', `UPDATE events SET recorded_by = 'someone else'`],
    ['DELETE', 'DELETE FROM events WHERE position = 3'],
    ['DELETE of every row', 'DELETE FROM events'],
    ['TRUNCATE ... CASCADE', 'TRUNCATE events CASCADE'],
  ];

  it.each(refused)('When the application connection runs %s, then it fails as append-only and nothing changes', async (_name, sql) => {
    const before = await ledger.counts();
    const checksum = await ledger.query<{ md5: string }>(`SELECT md5(string_agg(e::text, '|' ORDER BY position)) AS md5 FROM events e`);

    await expect(ledger.query(sql)).rejects.toThrow(/append-only/);

    expect(await ledger.counts()).toEqual(before);
    expect(await ledger.query(`SELECT md5(string_agg(e::text, '|' ORDER BY position)) AS md5 FROM events e`)).toEqual(checksum);
  });

  it('When the application connection runs a plain TRUNCATE, then it fails and nothing changes', async () => {
    const before = await ledger.counts();
    await expect(ledger.query('TRUNCATE events')).rejects.toThrow();
    expect(await ledger.counts()).toEqual(before);
  });

  it('When the Prisma client tries to update or delete an event, then the database refuses it', async () => {
    const prisma = ledger.database.prisma;
    await expect(prisma.event.update({ where: { position: 1n }, data: { recordedBy: 'x' } })).rejects.toThrow(/append-only/);
    await expect(prisma.event.deleteMany({ where: { position: { gt: 0n } } })).rejects.toThrow(/append-only/);
    expect(await prisma.event.count()).toBe(SEED_AND_AMENDMENTS.length);
    expect(await ledger.audit.verify()).toMatchObject({ ok: true });
  });
});

describe('Given a seeded ledger that a superuser tampers with behind the store', () => {
  let ledger: Ledger;
  beforeEach(async () => {
    ledger = await seededLedger();
  });
  afterEach(() => ledger.close());

  it('When one deal amount in an event body is changed, then verify() is not ok and names that position', async () => {
    const position = await positionOf(ledger, `type = 'DEAL_SIGNED' AND stream_id = 'spacex-google-compute'`);
    await tamper(
      ledger,
      `UPDATE events SET data = jsonb_set(data, '{terms,0,amount,value}', '"92000000"') WHERE position = $1::bigint`,
      position,
    );

    const verification = await ledger.audit.verify();

    expect(verification).toMatchObject({ ok: false, firstBadPosition: position, checkedEvents: Number(position) - 1 });
    expect(verification.message).toMatch(/altered/);
    // The range before it still verifies; any range including it does not.
    expect(await ledger.audit.verify('1', String(Number(position) - 1))).toMatchObject({ ok: true });
    expect(await ledger.audit.verify(position, position)).toMatchObject({ ok: false, firstBadPosition: position });
  });

  const columnTampers: [string, string, string][] = [
    ['a citation quote', `citations = jsonb_set(citations, '{0,quote}', '"a quote nobody wrote"')`, `jsonb_array_length(citations) > 0`],
    ['recorded_at by one millisecond', `recorded_at = recorded_at + interval '1 millisecond'`, `position = 10`],
    ['recorded_by', `recorded_by = 'mallory'`, `position = 8`],
    ['occurred_on by one day', `occurred_on = occurred_on + 1`, `occurred_on IS NOT NULL`],
    ['the event id', `id = gen_random_uuid()`, `position = 4`],
    ['the stream', `stream_id = 'tampered-stream'`, `type = 'COMPANY_REGISTERED' AND stream_id = 'google'`],
    ['the event type', `type = 'DEAL_TERMINATED'`, `type = 'DEAL_AMENDED'`],
  ];

  it.each(columnTampers)('When %s is changed, then verify() reports that position', async (_name, assignment, where) => {
    const position = await positionOf(ledger, where);
    await tamper(ledger, `UPDATE events SET ${assignment} WHERE position = $1::bigint`, position);

    expect(await ledger.audit.verify()).toMatchObject({ ok: false, firstBadPosition: position });
  });

  /** Values PostgreSQL stores but that no event can hash from: pg parses 'infinity' as a number, JSON.parse 1e400 as Infinity. */
  const unparseableTampers: [string, string, string][] = [
    ['recorded_at to infinity', `recorded_at = 'infinity'`, `position = 9`],
    ['recorded_at to -infinity', `recorded_at = '-infinity'`, `position = 9`],
    ['the body to hold the JSON number 1e400', `data = jsonb_set(data, '{name}', '1e400'::jsonb)`, `type = 'COMPANY_REGISTERED' AND position > 6`],
  ];

  it.each(unparseableTampers)(
    'When %s is changed (a value that cannot be parsed or hashed), then verify() reports that position as altered instead of failing',
    async (_name, assignment, where) => {
      const position = await positionOf(ledger, where);
      await tamper(ledger, `UPDATE events SET ${assignment} WHERE position = $1::bigint`, position);
      const altered = { ok: false, firstBadPosition: position, message: `Event ${position} was altered: its content does not match its hash` };

      expect(await ledger.audit.verify()).toEqual({ ...altered, checkedEvents: Number(position) - 1 });
      expect(await ledger.audit.verify(position, position)).toEqual({ ...altered, checkedEvents: 0 });
      expect(await ledger.audit.verify('1', String(Number(position) - 1))).toMatchObject({ ok: true });
    },
  );

  it('When the schema_version of an event is changed, then verify() reports that position instead of failing', async () => {
    const position = await positionOf(ledger, 'position = 6');
    await tamper(ledger, `UPDATE events SET schema_version = 2 WHERE position = $1::bigint`, position);

    expect(await ledger.audit.verify()).toMatchObject({ ok: false, firstBadPosition: position });
  });

  it('When an event and its own hash are rewritten consistently, then the next event no longer links to it', async () => {
    const position = await positionOf(ledger, `type = 'DEAL_AMENDED'`);
    const [stored] = (await ledger.reader.storedEvents(position, position).next()).value!;
    const forged = { ...stored!.event, data: { ...(stored!.event.data as object), reason: 'forged reason' } } as typeof stored.event;
    await tamper(
      ledger,
      `UPDATE events SET data = jsonb_set(data, '{reason}', '"forged reason"'), hash = $2 WHERE position = $1::bigint`,
      position,
      chainHash(stored!.previousHash, forged),
    );

    const verification = await ledger.audit.verify();

    expect(verification).toMatchObject({ ok: false, firstBadPosition: String(Number(position) + 1) });
    expect(verification.message).toMatch(/link/);
  });

  it('When the last event and its hash are rewritten consistently, then the head no longer matches', async () => {
    const head = await ledger.reader.head();
    const [stored] = (await ledger.reader.storedEvents(head.position, head.position).next()).value!;
    const forged = { ...stored!.event, recordedBy: 'mallory' };
    await tamper(
      ledger,
      `UPDATE events SET recorded_by = 'mallory', hash = $2 WHERE position = $1::bigint`,
      head.position,
      chainHash(stored!.previousHash, forged),
    );

    expect(await ledger.audit.verify()).toMatchObject({ ok: false, firstBadPosition: head.position });
  });

  it('When an event in the middle is deleted, then verify() reports the missing position', async () => {
    const position = await positionOf(ledger, `type = 'CLAIM_MADE'`);
    await tamper(ledger, 'DELETE FROM events WHERE position = $1::bigint', position);

    const verification = await ledger.audit.verify();

    expect(verification).toMatchObject({ ok: false, firstBadPosition: position, checkedEvents: Number(position) - 1 });
    expect(verification.message).toMatch(/missing/);
    expect(await ledger.audit.verify(position, String(Number(position) + 2))).toMatchObject({ ok: false, firstBadPosition: position });
  });

  it('When the last event is deleted, then verify() reports it missing', async () => {
    const head = await ledger.reader.head();
    await tamper(ledger, 'DELETE FROM events WHERE position = $1::bigint', head.position);

    expect(await ledger.audit.verify()).toMatchObject({ ok: false, firstBadPosition: head.position });
  });
});

describe('Given a seeded ledger verified by worker threads, three events a page', () => {
  let ledger: Ledger;
  let audit: LedgerAudit;
  beforeEach(async () => {
    ledger = await seededLedger();
    audit = new LedgerAudit(ledger.database.pool, ledger.reader, { verifyWorkers: 2, verifyWorkerThreshold: 1, pageSize: 3 });
  });
  afterEach(() => ledger.close());

  it('When the ledger is intact, then the workers find it ok over the whole ledger and over a sub-range', async () => {
    const total = SEED_AND_AMENDMENTS.length;
    expect(await audit.verify()).toEqual({ ok: true, checkedEvents: total, firstBadPosition: null, message: null });
    expect(await audit.verify('5', '12')).toEqual({ ok: true, checkedEvents: 8, firstBadPosition: null, message: null });
  });

  it('When two events are altered, then the workers report the first of them, exactly as the single-threaded check', async () => {
    for (const position of ['14', '8']) {
      await tamper(ledger, `UPDATE events SET recorded_by = 'mallory' WHERE position = $1::bigint`, position);
    }

    const verification = await audit.verify();

    expect(verification).toEqual({ ok: false, checkedEvents: 7, firstBadPosition: '8', message: 'Event 8 was altered: its content does not match its hash' });
    expect(await ledger.audit.verify()).toEqual(verification);
    expect(await audit.verify('9', null)).toMatchObject({ ok: false, firstBadPosition: '14', checkedEvents: 5 });
  });

  it('When an altered event comes before a missing one, then the altered one is reported; after it, the missing one', async () => {
    const altered = await positionOf(ledger, `type = 'COMPANY_REGISTERED' AND position > 6`);
    await tamper(ledger, `UPDATE events SET data = jsonb_set(data, '{name}', '"Tampered"') WHERE position = $1::bigint`, altered);
    const missing = String(Number(altered) + 4);
    await tamper(ledger, 'DELETE FROM events WHERE position = $1::bigint', missing);

    expect(await audit.verify()).toMatchObject({ ok: false, firstBadPosition: altered, checkedEvents: Number(altered) - 1 });
    expect(await audit.verify(String(Number(altered) + 1), null)).toMatchObject({
      ok: false,
      firstBadPosition: missing,
      checkedEvents: 3,
      message: `Position ${missing} is missing`,
    });
  });

  it.each([
    ['recorded_at to infinity', `recorded_at = 'infinity'`],
    ['the body to hold the JSON number 1e400', `data = jsonb_set(data, '{name}', '1e400'::jsonb)`],
  ])('When an event has %s (a value that cannot be parsed or hashed), then the workers report it as altered, exactly as the single-threaded check', async (_name, assignment) => {
    const position = await positionOf(ledger, `type = 'COMPANY_REGISTERED' AND position > 6`);
    await tamper(ledger, `UPDATE events SET ${assignment} WHERE position = $1::bigint`, position);

    const verification = await audit.verify();

    expect(verification).toEqual({
      ok: false,
      checkedEvents: Number(position) - 1,
      firstBadPosition: position,
      message: `Event ${position} was altered: its content does not match its hash`,
    });
    expect(await ledger.audit.verify()).toEqual(verification);
  });

  it('When an event and its hash are rewritten consistently, then the workers report the next event as not linking', async () => {
    const position = await positionOf(ledger, `type = 'DEAL_AMENDED'`);
    const [stored] = (await ledger.reader.storedEvents(position, position).next()).value!;
    const forged = { ...stored!.event, recordedBy: 'mallory' };
    await tamper(ledger, `UPDATE events SET recorded_by = 'mallory', hash = $2 WHERE position = $1::bigint`, position, chainHash(stored!.previousHash, forged));

    const verification = await audit.verify();

    expect(verification).toMatchObject({ ok: false, firstBadPosition: String(Number(position) + 1), checkedEvents: Number(position) });
    expect(verification).toEqual(await ledger.audit.verify());
  });
});

describe("Given a database whose default DateStyle is 'German, DMY' (dates as 01.01.2026)", () => {
  let ledger: Ledger;
  beforeAll(async () => {
    ledger = await openLedger();
    // Before the store's first session: every session it opens starts with the database's defaults.
    await withSuperuser(ledger.db.url, (client) =>
      client.query(`ALTER DATABASE ${client.escapeIdentifier(ledger.db.name)} SET DateStyle = 'German, DMY'`),
    );
    await ledger.appendAll(SEED_AND_AMENDMENTS);
  });
  afterAll(() => ledger.close());

  it('When the ledger is written and read through the store, then it verifies ok and the head carries its recordedAt as an ISO instant', async () => {
    const dateStyle = await withSuperuser(ledger.db.url, (client) => client.query<{ DateStyle: string }>('SHOW DateStyle'));
    expect(dateStyle.rows[0]!.DateStyle).toBe('German, DMY');

    expect(await ledger.audit.verify()).toEqual({ ok: true, checkedEvents: SEED_AND_AMENDMENTS.length, firstBadPosition: null, message: null });
    const head = await ledger.reader.head();
    expect(head.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const [stored] = (await ledger.reader.storedEvents(head.position, head.position).next()).value!;
    expect(stored!.event.recordedAt).toBe(head.recordedAt);
    const withDates = await ledger.query<{ position: string }>(`SELECT position::text AS position FROM events WHERE occurred_on IS NOT NULL ORDER BY position LIMIT 1`);
    const [dated] = (await ledger.reader.storedEvents(withDates[0]!.position, withDates[0]!.position).next()).value!;
    expect(dated!.event.occurredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
