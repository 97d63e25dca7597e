/**
 * prisma/schema.prisma is written by hand to mirror the hand-written migrations (Prisma 7 cannot
 * diff offline). These tests run the generated client's typed model API against a migrated
 * database holding real rows, and compare every model with the catalog, so a drift between the
 * two fails here rather than in production.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SEED_COMMANDS } from '@ledger/domain/ledger/testing/seed-commands';
import type { StoredEvent } from '@ledger/event-store';
import { assembleDealRow, type DealHeader, type DealRevisionDoc } from '@ledger/event-store/deal-revisions';
import { amendDeal, openLedger, type Ledger } from './ledger-harness';

interface SchemaField {
  readonly name: string;
  readonly column: string;
  readonly type: string;
  readonly optional: boolean;
  readonly list: boolean;
  readonly nativeType: string | null;
}

interface SchemaModel {
  readonly name: string;
  readonly table: string;
  readonly fields: readonly SchemaField[];
  readonly primaryKey: readonly string[];
}

const SCALARS = new Set(['String', 'Int', 'BigInt', 'Json', 'DateTime', 'Boolean', 'Decimal', 'Float', 'Bytes']);

/** A small reader of the schema's models: enough to compare columns, types, nullability and keys. */
function readSchemaModels(): SchemaModel[] {
  const text = fs.readFileSync(path.join(__dirname, '..', '..', 'prisma', 'schema.prisma'), 'utf8');
  const models: SchemaModel[] = [];
  for (const match of text.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const [, name, body] = match;
    const fields: SchemaField[] = [];
    let table = name!;
    let primaryKey: string[] = [];
    for (const raw of body!.split('\n')) {
      const line = raw.replace(/\/\/.*$/, '').trim();
      if (line === '') continue;
      const mapped = /^@@map\("([^"]+)"\)/.exec(line);
      if (mapped) table = mapped[1]!;
      const id = /^@@id\(\[([^\]]+)\]/.exec(line);
      if (id) primaryKey = id[1]!.split(',').map((part) => part.trim());
      if (line.startsWith('@@')) continue;
      const field = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
      if (!field || !SCALARS.has(field[2]!)) continue; // relation fields have no column
      const attributes = field[5] ?? '';
      if (/@id\b/.test(attributes)) primaryKey = [field[1]!];
      fields.push({
        name: field[1]!,
        column: /@map\("([^"]+)"\)/.exec(attributes)?.[1] ?? field[1]!,
        type: field[2]!,
        list: field[3] === '[]',
        optional: field[4] === '?',
        nativeType: /@db\.(\w+(?:\(\d+\))?)/.exec(attributes)?.[1] ?? null,
      });
    }
    models.push({ name: name!, table, fields, primaryKey });
  }
  return models;
}

/** The PostgreSQL type a Prisma scalar (with its native type attribute) maps to, as format_type() prints it. */
function expectedPgType(field: SchemaField): string {
  const native: Record<string, string> = {
    SmallInt: 'smallint',
    Uuid: 'uuid',
    Date: 'date',
    'Timestamptz(3)': 'timestamp(3) with time zone',
    Json: 'json',
  };
  const byScalar: Record<string, string> = {
    String: 'text',
    Int: 'integer',
    BigInt: 'bigint',
    Json: 'jsonb',
    DateTime: 'timestamp(3) without time zone',
    Boolean: 'boolean',
  };
  const base = field.nativeType ? native[field.nativeType] : byScalar[field.type];
  if (!base) throw new Error(`No mapping for ${field.type} @db.${field.nativeType}`);
  return field.list ? `${base}[]` : base;
}

const camel = (model: string) => model[0]!.toLowerCase() + model.slice(1);

describe('Given prisma/schema.prisma and a database migrated by the hand-written migrations', () => {
  let ledger: Ledger;
  const models = readSchemaModels();

  beforeAll(async () => {
    ledger = await openLedger();
    await ledger.appendAll(SEED_COMMANDS);
    await ledger.append(amendDeal('spacex-google-compute', null, 'Colossus 2'), { idempotencyKey: 'schema-key' });
    await ledger.append({ type: 'retract', targetId: 'clive-chan-openai-anthropic', reason: 'test', expectedVersion: null });
    await ledger.query(`INSERT INTO api_tokens (name, role, hash) VALUES ('schema-token', 'reader', repeat('ab', 32))`);
  });
  afterAll(() => ledger.close());

  it('When the schema is read, then it declares every table of the migrations, and nothing else', async () => {
    const tables = await ledger.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY table_name`,
    );
    expect(models.map((model) => model.table).sort()).toEqual(tables.map((table) => table.table_name));
    expect(models.length).toBe(15);
  });

  it('When each model is compared with its table, then columns, types, nullability and primary keys match', async () => {
    for (const model of models) {
      const columns = await ledger.query<{ column: string; type: string; nullable: boolean }>(
        `SELECT a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable
           FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attname`,
        model.table,
      );
      const declared = model.fields
        .map((field) => ({ column: field.column, type: expectedPgType(field), nullable: field.optional }))
        .sort((a, b) => (a.column < b.column ? -1 : 1));
      expect({ model: model.name, columns: declared }).toEqual({ model: model.name, columns });

      const [primaryKey] = await ledger.query<{ columns: string[] }>(
        `SELECT array_agg(a.attname::text ORDER BY k.ord) AS columns
           FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
          WHERE c.conrelid = $1::regclass AND c.contype = 'p'`,
        model.table,
      );
      const columnOf = (name: string) => model.fields.find((field) => field.name === name)!.column;
      expect({ model: model.name, primaryKey: model.primaryKey.map(columnOf) }).toEqual({ model: model.name, primaryKey: primaryKey!.columns });
    }
  });

  it('When every model is queried through the typed client, then it reads the same rows raw SQL sees', async () => {
    const prisma = ledger.database.prisma;
    const counted: Record<string, number> = {};
    for (const model of models) {
      const delegate = (prisma as unknown as Record<string, { findMany(args?: object): Promise<Record<string, unknown>[]> }>)[camel(model.name)];
      expect(delegate).toBeDefined();
      const rows = await delegate!.findMany();
      const [raw] = await ledger.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${model.table}`);
      expect({ model: model.name, rows: rows.length }).toEqual({ model: model.name, rows: raw!.n });
      expect(rows.length).toBeGreaterThan(0);
      for (const field of model.fields) {
        // Every declared field is present on every row (a renamed column would fail the query or be missing).
        expect(Object.keys(rows[0]!)).toContain(field.name);
      }
      counted[model.name] = rows.length;
    }
    expect(counted.Event).toBe(SEED_COMMANDS.length + 2);
  });

  it('When events, streams, the head and idempotency keys are read through the typed API, then their values equal the store`s own reads', async () => {
    const prisma = ledger.database.prisma;
    const head = await ledger.reader.head();

    const events = await prisma.event.findMany({ orderBy: { position: 'asc' } });
    expect(events.map((event) => event.position)).toEqual(events.map((_, i) => BigInt(i + 1)));
    const stored: StoredEvent[] = [];
    for await (const batch of ledger.reader.storedEvents('1', head.position)) stored.push(...batch);
    events.forEach((event, i) => {
      const expected = stored[i]!;
      expect({
        position: event.position.toString(),
        id: event.id,
        streamId: event.streamId,
        version: event.version,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        citations: event.citations,
        occurredOn: event.occurredOn?.toISOString().slice(0, 10) ?? null,
        recordedAt: event.recordedAt.toISOString(),
        recordedBy: event.recordedBy,
        previousHash: event.previousHash,
        hash: event.hash,
      }).toEqual({
        position: expected.event.position,
        id: expected.event.id,
        streamId: expected.event.streamId,
        version: expected.event.version,
        type: expected.event.type,
        schemaVersion: expected.event.schemaVersion,
        data: expected.event.data,
        citations: expected.event.citations,
        occurredOn: expected.event.occurredOn,
        recordedAt: expected.event.recordedAt,
        recordedBy: expected.event.recordedBy,
        previousHash: expected.previousHash,
        hash: expected.hash,
      });
      expect(Array.isArray(event.entityIds)).toBe(true);
      expect(event.entityIds).toContain(event.streamId);
    });
    const withKey = events.filter((event) => event.idempotencyKey !== null);
    expect(withKey.map((event) => event.idempotencyKey)).toEqual(['schema-key']);

    const ledgerHead = await prisma.ledgerHead.findUnique({ where: { id: 1 } });
    expect(ledgerHead).toEqual({
      id: 1,
      position: BigInt(head.position),
      hash: head.hash,
      recordedAt: new Date(head.recordedAt!),
    });

    expect(await prisma.projectionState.findUnique({ where: { id: 1 } })).toMatchObject({ id: 1, version: expect.any(Number) });

    const stream = await prisma.stream.findUnique({ where: { id: 'spacex-google-compute' } });
    expect(stream).toEqual({ id: 'spacex-google-compute', kind: 'DEAL', version: 3, createdPosition: expect.any(BigInt) });
    const person = await prisma.stream.findUnique({ where: { id: 'clive-chan' } });
    expect(person).toMatchObject({ kind: 'PERSON' });
    expect(person!.createdPosition).toBeGreaterThan(0n);

    const keys = await prisma.idempotencyKey.findMany({ include: { event: true } });
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ principal: 'journalist-a', key: 'schema-key', eventPosition: expect.any(BigInt) });
    expect(keys[0]!.event.idempotencyKey).toBe('schema-key');
    expect(keys[0]!.result).toEqual({ entityId: 'spacex-google-compute', eventPosition: keys[0]!.eventPosition.toString() });
    const eventWithKeys = await prisma.event.findUnique({ where: { position: keys[0]!.eventPosition }, include: { idempotencyKeys: true } });
    expect(eventWithKeys!.idempotencyKeys).toHaveLength(1);
    expect(await prisma.event.findUnique({ where: { streamId_version: { streamId: 'spacex-google-compute', version: 3 } } })).toMatchObject({
      position: keys[0]!.eventPosition,
    });
  });

  it('When projection rows are read through the typed API, then typed columns and docs equal the reader`s rows', async () => {
    const prisma = ledger.database.prisma;
    const at = (await ledger.reader.head()).position;

    const deals = await prisma.dealRow.findMany({ where: { validTo: null }, orderBy: { id: 'asc' } });
    const readerDeals = await ledger.reader.listRows('deals', at, { limit: 100 });
    // A deal version's doc is its header; what each deal event added to terms and citations is in deal_revisions.
    const revisions = await prisma.dealRevisionRow.findMany({ orderBy: [{ dealId: 'asc' }, { position: 'asc' }] });
    expect(
      deals.map((row) =>
        assembleDealRow(
          row.doc as unknown as DealHeader,
          revisions.filter((revision) => revision.dealId === row.id).map((revision) => revision.doc as unknown as DealRevisionDoc),
        ),
      ),
    ).toEqual(readerDeals);
    expect(deals.map((row) => Object.keys(row.doc as object))).not.toContainEqual(expect.arrayContaining(['terms']));
    expect(deals.find((row) => row.id === 'spacex-google-compute')).toMatchObject({ kind: 'COMPUTE_LEASE', partyIds: ['google', 'spacex'], version: 3 });
    expect(await prisma.dealRow.count({ where: { id: 'spacex-google-compute' } })).toBe(3);

    const claims = await prisma.claimRow.findMany({ where: { validTo: null, subjectIds: { has: 'xai' } }, orderBy: { id: 'asc' } });
    expect(claims.map((row) => row.id)).toEqual(['circular-compute-deals', 'xai-operating-income-fy2025', 'xai-revenue-fy2025']);
    expect(claims.find((row) => row.id === 'circular-compute-deals')!.metric).toBeNull();
    expect(claims.find((row) => row.id === 'xai-revenue-fy2025')!.metric).toBe('REVENUE');

    const rebuttals = await prisma.rebuttalRow.findMany({ where: { rootClaimId: 'circular-compute-deals', validTo: null } });
    expect(rebuttals).toHaveLength(6);
    const companies = await prisma.companyRow.findMany({ where: { validTo: null }, orderBy: { id: 'asc' } });
    expect(companies.map((row) => [row.id, row.name])).toEqual([
      ['anthropic', 'Anthropic'],
      ['google', 'Google'],
      ['openai', 'OpenAI'],
      ['spacex', 'SpaceX'],
      ['xai', 'xAI'],
    ]);
    expect(await prisma.sourceRow.count({ where: { validTo: null } })).toBe(6);

    const moves = await prisma.talentMoveRow.findMany({ orderBy: { validFrom: 'asc' } });
    expect(moves.map((row) => [row.personId, row.fromCompanyId, row.toCompanyId, row.validTo === null])).toEqual([
      ['clive-chan', 'openai', 'anthropic', false],
      ['clive-chan', 'openai', 'anthropic', true],
    ]);
    expect((moves[1]!.doc as { retracted: boolean }).retracted).toBe(true);
    const people = await prisma.personRow.findMany();
    expect(people).toEqual([expect.objectContaining({ id: 'clive-chan', validTo: null, doc: expect.objectContaining({ name: 'Clive Chan' }) })]);
  });
});
