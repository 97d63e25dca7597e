/**
 * Rebuild (DESIGN.md §3): replaying every event into fresh projection tables yields exactly the
 * rows the inline projections wrote, history (valid_from/valid_to) included; a corrupted
 * projection is detected by the checksums and repaired by a rebuild.
 */
import type { LedgerCommand } from '@ledger/domain/ledger/commands';
import { SEED_COMMANDS } from '@ledger/domain/ledger/testing/seed-commands';
import { PROJECTION_NAMES, PROJECTION_VERSION } from '@ledger/event-store';
import { amendDeal, openLedger, registerCompany, type Ledger } from './ledger-harness';

const cite = (quote: string) => [{ sourceId: 'thread-spacex-compute-deals', quote, locator: null, role: 'SUPPORTING' as const }];

/** After the seed: more amendments, a termination, a second move of the same person, retractions. */
const EXTRA_COMMANDS: readonly LedgerCommand[] = [
  amendDeal('spacex-google-compute', 2, 'Colossus; Colossus 2'),
  amendDeal('spacex-anthropic-compute', null, 'Colossus 3'),
  {
    type: 'amendDeal',
    dealId: 'spacex-anthropic-compute',
    terms: [{ key: 'payment', amount: { value: '1300000000.5', unit: 'USD', per: 'MONTH' }, date: null, days: null, text: null }],
    effectiveOn: '2026-07-01',
    reason: 'Price revised',
    citations: cite('price revised'),
    expectedVersion: null,
  },
  { type: 'terminateDeal', dealId: 'spacex-google-compute', terminatedOn: '2026-09-01', reason: 'Notice given', citations: cite('notice given'), expectedVersion: null },
  {
    type: 'recordTalentDeparture',
    id: 'clive-chan-anthropic-none',
    personId: 'clive-chan',
    personName: 'Clive Chan',
    fromCompanyId: 'anthropic',
    toCompanyId: null,
    role: null,
    announcedOn: '2026-09-02',
    citations: cite('Clive left again'),
  },
  { type: 'retract', targetId: 'clive-chan-anthropic-none', reason: 'Misreported', expectedVersion: 1 },
  { type: 'retract', targetId: 'r-ponzi-style', reason: 'Off topic', expectedVersion: null },
  { type: 'retract', targetId: 'spacex-ipo-valuation', reason: 'Unsourced number', expectedVersion: 1 },
  registerCompany('nvidia', 'Nvidia'),
  // Texts that COPY's text format must escape (the rebuild writes with COPY, the append path does not).
  registerCompany('escapes-inc', 'Tab\there, new\nline\r, back\\slash \\N, "quoted" {braces}, a,b NULL Ünïcødé ✓ 🚀'),
  amendDeal('spacex-anthropic-compute', null, '12\t"GW"\\n \\\\ {1,2}\nnext line'),
];

describe('Given the whole seed plus amendments, a termination and retractions', () => {
  let ledger: Ledger;
  let original: Record<string, string>;
  beforeAll(async () => {
    ledger = await openLedger();
    await ledger.appendAll([...SEED_COMMANDS, ...EXTRA_COMMANDS]);
    original = await ledger.audit.projectionChecksums();
  });
  afterAll(() => ledger.close());

  it('When the projections are rebuilt, then every table checksums exactly as the inline projections, none of them empty', async () => {
    const counts = await ledger.counts();
    for (const name of PROJECTION_NAMES) {
      expect({ name, rows: counts[name] }).toEqual({ name, rows: expect.any(Number) });
      expect(counts[name]).toBeGreaterThan(0);
      expect(original[name]).toMatch(/^[1-9]\d*:[0-9a-f]{32}$/);
    }
    // History rows exist: superseded versions of deals, claims, rebuttals, moves and the person.
    const superseded = await ledger.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM deals WHERE valid_to IS NOT NULL)::int + (SELECT count(*) FROM people WHERE valid_to IS NOT NULL)::int
        + (SELECT count(*) FROM talent_moves WHERE valid_to IS NOT NULL)::int + (SELECT count(*) FROM claims WHERE valid_to IS NOT NULL)::int AS n`,
    );
    expect(superseded[0]!.n).toBeGreaterThanOrEqual(9);

    const report = await ledger.audit.rebuild();

    expect(report.events).toBe(counts.events);
    expect(report.rows).toBe(PROJECTION_NAMES.reduce((sum, name) => sum + counts[name]!, 0));
    expect(await ledger.audit.projectionChecksums()).toEqual(original);
    // deal_parties, kept from deals by triggers, was truncated with it and refilled by the inserts.
    const links = await ledger.query<{ missing: number; extra: number; links: number }>(
      `WITH derived AS (SELECT DISTINCT party AS company_id, valid_from, id AS deal_id, valid_to FROM deals, unnest(party_ids) AS party),
            kept AS (SELECT company_id, valid_from, deal_id, valid_to FROM deal_parties)
       SELECT (SELECT count(*) FROM (SELECT * FROM derived EXCEPT SELECT * FROM kept) AS m)::int AS missing,
              (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM derived) AS e)::int AS extra,
              (SELECT count(*) FROM deal_parties)::int AS links`,
    );
    expect(links[0]).toEqual({ missing: 0, extra: 0, links: expect.any(Number) });
    expect(links[0]!.links).toBeGreaterThanOrEqual(2 * counts['deals']!);
  });

  it('When the projections are rebuilt, then the planner knows the new tables: each is analysed, every page all-visible, and deal_parties vacuumed (its index-only scans need the visibility map)', async () => {
    const before = await ledger.query<{ now: Date }>('SELECT now()');
    await ledger.audit.rebuild();
    const stats = await ledger.query<{ relname: string; analysed: boolean; vacuumed: boolean }>(
      `SELECT relname, coalesce(last_analyze > $1, false) AS analysed, coalesce(last_vacuum > $1, false) AS vacuumed
       FROM pg_stat_user_tables WHERE relname = ANY($2::text[]) ORDER BY relname`,
      before[0]!.now,
      [...PROJECTION_NAMES, 'deal_parties'],
    );
    expect(stats.filter((table) => !table.analysed).map((table) => table.relname)).toEqual([]);
    // Written with COPY FREEZE: every page of every rebuilt table is all-visible at once (no hint-bit
    // rewrites by the first reads, no vacuum needed for index-only scans).
    const visibility = await ledger.query<{ relname: string; relpages: number; relallvisible: number }>(
      `SELECT relname, relpages, relallvisible FROM pg_class WHERE relname = ANY($1::text[]) AND relkind = 'r' ORDER BY relname`,
      [...PROJECTION_NAMES, 'deal_revisions', 'deal_parties'],
    );
    expect(visibility.filter((table) => table.relpages > 0).map((table) => table.relname)).toEqual(
      expect.arrayContaining(['claims', 'deal_revisions', 'deals', 'rebuttals']),
    );
    expect(visibility.filter((table) => table.relallvisible !== table.relpages)).toEqual([]);
    expect(stats.find((table) => table.relname === 'deal_parties')).toMatchObject({ vacuumed: true });
    expect(stats).toHaveLength(PROJECTION_NAMES.length + 1);
  });

  /** Every index and key constraint of the tables a rebuild refills, as the catalog defines them. */
  const indexesAndKeys = () =>
    ledger.query<{ table: string; name: string; definition: string }>(
      `SELECT tablename AS table, indexname AS name, indexdef AS definition FROM pg_indexes
        WHERE schemaname = 'public' AND tablename = ANY($1::text[])
       UNION ALL
       SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
        WHERE conrelid = ANY($1::regclass[]) AND contype IN ('p', 'u')
       ORDER BY 1, 2, 3`,
      [...PROJECTION_NAMES, 'deal_revisions', 'deal_parties'],
    );

  it('When the projections are rebuilt (their indexes and keys dropped for the load), then every index and key is there again, exactly as defined', async () => {
    const before = await indexesAndKeys();
    expect(before.filter((index) => index.definition.includes('PRIMARY KEY')).map((key) => key.table)).toEqual(
      expect.arrayContaining([...PROJECTION_NAMES, 'deal_revisions', 'deal_parties']),
    );
    expect(before.some((index) => index.name === 'deals_party_ids_idx')).toBe(true);

    await ledger.audit.rebuild();

    expect(await indexesAndKeys()).toEqual(before);
    // The unique index of current rows holds again: a second current version of a deal is refused.
    await expect(
      ledger.query(`INSERT INTO deals (id, valid_from, valid_to, version, kind, party_ids, doc) SELECT id, valid_from + 100000, NULL, version, kind, party_ids, doc FROM deals WHERE valid_to IS NULL LIMIT 1`),
    ).rejects.toThrow(/deals_current_idx/);
  });

  it('When a deal row is corrupted, then the checksums differ, and a rebuild restores the original rows', async () => {
    await ledger.query(
      `UPDATE deals SET doc = jsonb_set(doc::jsonb, '{title}', '"Corrupted title"')::json WHERE id = 'spacex-anthropic-compute' AND valid_to IS NULL`,
    );
    const corrupted = await ledger.audit.projectionChecksums();
    expect(corrupted.deals).not.toBe(original.deals);
    expect({ ...corrupted, deals: original.deals }).toEqual(original);

    await ledger.audit.rebuild();

    expect(await ledger.audit.projectionChecksums()).toEqual(original);
  });

  it('When a historical row is corrupted (valid_to moved), then the checksums differ, and a rebuild restores it', async () => {
    await ledger.query(
      `UPDATE claims SET valid_to = valid_to + 1 WHERE id = 'spacex-ipo-valuation' AND valid_to IS NOT NULL`,
    );
    expect((await ledger.audit.projectionChecksums()).claims).not.toBe(original.claims);

    await ledger.audit.rebuild();

    expect(await ledger.audit.projectionChecksums()).toEqual(original);
  });

  it('When a row is deleted and a stray row is inserted, then a rebuild brings back the one and drops the other', async () => {
    await ledger.query(`DELETE FROM people WHERE id = 'clive-chan' AND valid_to IS NULL`);
    await ledger.query(
      `INSERT INTO companies (id, valid_from, valid_to, version, name, doc) VALUES ('ghost', 1, NULL, 1, 'Ghost', '{"id":"ghost"}'::json)`,
    );
    const corrupted = await ledger.audit.projectionChecksums();
    expect(corrupted.people).not.toBe(original.people);
    expect(corrupted.companies).not.toBe(original.companies);

    await ledger.audit.rebuild();

    expect(await ledger.audit.projectionChecksums()).toEqual(original);
  });

  it('When as-of reads run after a rebuild, then they return what they returned before it', async () => {
    const dealPositions = await ledger.query<{ position: string }>(
      `SELECT position::text AS position FROM events WHERE stream_id = 'spacex-anthropic-compute' ORDER BY events.position`,
    );
    const before = [];
    for (const { position } of dealPositions) {
      before.push(await ledger.reader.listRows('deals', position, { limit: 100 }));
    }

    await ledger.audit.rebuild();

    for (const [index, { position }] of dealPositions.entries()) {
      expect(await ledger.reader.listRows('deals', position, { limit: 100 })).toEqual(before[index]);
    }
  });

  it('When a write of the rebuild fails part way, then the rebuild fails with it and the projections are left as they were, indexes and keys included', async () => {
    const before = await ledger.audit.projectionChecksums();
    const indexesBefore = await indexesAndKeys();
    // Refuses the versions of a deal after its first amendment: the COPY of deals fails, after
    // sources and companies were written in the same transaction.
    await ledger.query('ALTER TABLE deals ADD CONSTRAINT rebuild_probe CHECK (version < 3) NOT VALID');
    try {
      await expect(ledger.audit.rebuild()).rejects.toThrow(/rebuild_probe/);
    } finally {
      await ledger.query('ALTER TABLE deals DROP CONSTRAINT rebuild_probe');
    }
    expect(await ledger.audit.projectionChecksums()).toEqual(before);
    expect(await indexesAndKeys()).toEqual(indexesBefore);
    expect(await ledger.query('SELECT version FROM projection_state')).toEqual([{ version: PROJECTION_VERSION }]);
  });

  it('When appends run while a rebuild is in progress, then they wait for it and the result still equals a fresh rebuild', async () => {
    const appends = Array.from({ length: 12 }, (_, i) => ledger.append(amendDeal('spacex-anthropic-compute', null, `during rebuild ${i}`)));
    const [report] = await Promise.all([ledger.audit.rebuild(), ...appends]);
    expect(report.events).toBeGreaterThanOrEqual(SEED_COMMANDS.length + EXTRA_COMMANDS.length);

    const live = await ledger.audit.projectionChecksums();
    expect(live.deals).not.toBe(original.deals);
    await ledger.audit.rebuild();
    expect(await ledger.audit.projectionChecksums()).toEqual(live);
    expect(await ledger.audit.verify()).toMatchObject({ ok: true });
  });
});

describe('Given an empty ledger', () => {
  let ledger: Ledger;
  beforeAll(async () => {
    ledger = await openLedger();
  });
  afterAll(() => ledger.close());

  it('When the projections are rebuilt, then there is nothing to replay and every table stays empty', async () => {
    const before = await ledger.audit.projectionChecksums();
    expect(await ledger.audit.rebuild()).toMatchObject({ events: 0, rows: 0 });
    expect(await ledger.audit.projectionChecksums()).toEqual(before);
    for (const name of PROJECTION_NAMES) expect(before[name]).toMatch(/^0:/);
    expect(await ledger.audit.verify()).toMatchObject({ ok: true, checkedEvents: 0 });
  });
});

describe('Given projections written by an older version of the read models', () => {
  it('When the store checks them at start, then it rebuilds once and records the current version', async () => {
    const { createTestDatabase } = await import('@ledger/testing');
    const { connectLedgerDatabase, LedgerAudit, LedgerReader, PROJECTION_VERSION } = await import('@ledger/event-store');
    const database = await createTestDatabase();
    const connection = connectLedgerDatabase(database.url);
    try {
      const audit = new LedgerAudit(connection.pool, new LedgerReader(connection.pool));
      const first = await audit.ensureProjectionsCurrent();
      expect(first).toMatchObject({ fromVersion: 0, events: 0 });
      expect(await audit.ensureProjectionsCurrent()).toBeNull();
      await connection.prisma.$executeRaw`UPDATE projection_state SET version = ${PROJECTION_VERSION - 1}`;
      expect(await audit.ensureProjectionsCurrent()).toMatchObject({ fromVersion: PROJECTION_VERSION - 1 });
      expect(await audit.ensureProjectionsCurrent()).toBeNull();
    } finally {
      await connection.close();
      await database.drop();
    }
  });
});

describe('Given a ledger whose pool has a single connection', () => {
  let ledger: Ledger;
  beforeAll(async () => {
    ledger = await openLedger({ poolSize: 1 });
    await ledger.appendAll([...SEED_COMMANDS, ...EXTRA_COMMANDS]);
  });
  afterAll(() => ledger.close());

  /** A rebuild that waits for a connection the pool cannot give fails here, instead of hanging the suite. */
  const within = <T>(promise: Promise<T>, seconds: number): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`Still running after ${seconds} s: the rebuild waits for a second connection of the pool`)), seconds * 1000);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  };

  it('When the projections are rebuilt, then the rebuild completes and every table checksums exactly as the inline projections', async () => {
    const original = await ledger.audit.projectionChecksums();

    const report = await within(ledger.audit.rebuild(), 15);

    expect(report.events).toBe(SEED_COMMANDS.length + EXTRA_COMMANDS.length);
    expect(await ledger.audit.projectionChecksums()).toEqual(original);
    expect(await ledger.audit.verify()).toMatchObject({ ok: true });
  }, 30_000);

  it('When the store finds projections of an older version, then it rebuilds them and records the current version', async () => {
    await ledger.query('UPDATE projection_state SET version = $1', PROJECTION_VERSION - 1);

    expect(await within(ledger.audit.ensureProjectionsCurrent(), 15)).toMatchObject({ fromVersion: PROJECTION_VERSION - 1 });
    expect(await ledger.query('SELECT version FROM projection_state')).toEqual([{ version: PROJECTION_VERSION }]);
  }, 30_000);
});
