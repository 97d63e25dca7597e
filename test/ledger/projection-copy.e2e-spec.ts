/**
 * The rebuild writes projection rows with COPY in PostgreSQL's text format (projection-copy.ts).
 * Any text a journalist may record (tabs, newlines, backslashes, quotes, braces, `\N`, any Unicode
 * but NUL, which input validation refuses) must arrive in its column exactly, and a row version
 * must read back as the row it was made from. A deal version's doc holds its header, and what it
 * added to the terms and citations goes to deal_revisions (deal-revisions.ts), also with COPY.
 */
import fc from 'fast-check';
import type { DealRow } from '@ledger/domain/deals/read-model';
import { assembleDealRow, dealHeaderOf, dealRevisionOf, type DealRevisionDoc } from '@ledger/event-store/deal-revisions';
import { CopyBatch, copyInto, CopyLines, copyRowVersion, copyRowVersions, copyText, rowOfCopyVersion, textArrayLiteral } from '@ledger/event-store/projection-copy';
import { openLedger, type Ledger } from './ledger-harness';

/** Any Unicode text but what input validation refuses (NUL, unpaired surrogates). */
const text = fc.string({ unit: 'binary', maxLength: 40 }).filter((value) => !value.includes('\u0000') && !/\p{Cs}/u.test(value));
const nasty = fc.constantFrom('\t', '\n', '\r', '\\', '\\N', '"', "'", '{', '}', ',', ' ', 'NULL', '\\\\t', 'é', '🚀', '\u2028');
const awkward = fc.array(fc.oneof(text, nasty), { maxLength: 6 }).map((parts) => parts.join(''));

function deal(id: string, title: string, partyIds: readonly string[], quote: string): DealRow {
  return {
    id,
    version: 1,
    position: '7',
    createdPosition: '7',
    recordedAt: '2026-06-06T09:00:00.000Z',
    updatedAt: '2026-06-06T09:00:00.000Z',
    title,
    kind: 'OTHER',
    parties: partyIds.map((companyId) => ({ companyId, role: 'OTHER' as const })),
    signedOn: '2026-01-02',
    terms: [
      {
        key: quote,
        revisions: [
          {
            amount: null,
            date: null,
            days: null,
            text: title,
            effectiveOn: null,
            eventId: '00000000-0000-4000-8000-000000000007',
            position: '7',
            citations: [{ sourceId: 'src', quote: title, locator: quote, role: 'SUPPORTING' }],
          },
        ],
      },
    ],
    terminatedOn: null,
    terminationReason: quote,
    citations: [{ sourceId: 'src', quote, locator: null, role: 'PRIMARY' }],
  } as unknown as DealRow;
}

describe('COPY text encoding', () => {
  let ledger: Ledger;
  beforeAll(async () => {
    ledger = await openLedger({ poolSize: 2 });
    await ledger.query('CREATE TABLE copy_probe (n int, t text, a text[])');
  });
  afterAll(() => ledger.close());

  it('Given any texts and text arrays, When they are copied into a table, Then each column reads back exactly as given', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(awkward, fc.array(awkward, { maxLength: 4 })), { minLength: 1, maxLength: 20 }), async (rows) => {
        const client = await ledger.database.pool.connect();
        try {
          await client.query('TRUNCATE copy_probe');
          const { from } = await import('pg-copy-streams');
          const data = rows.map(([value, values], n) => `${n}\t${copyText(value)}\t${copyText(textArrayLiteral(values))}\n`).join('');
          const stream = client.query(from('COPY copy_probe (n, t, a) FROM STDIN'));
          await new Promise<void>((resolve, reject) => stream.on('error', reject).on('finish', resolve).end(data));
          const back = await client.query<{ t: string; a: string[] }>('SELECT t, a FROM copy_probe ORDER BY n');
          expect(back.rows.map((row) => [row.t, row.a])).toEqual(rows);
        } finally {
          client.release();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('Given deal rows with awkward texts, When a batch of their versions is copied into deals and their revisions into deal_revisions, Then the tables hold them (header doc, party_ids, summary, valid_to; revision doc) and the row reads back whole', async () => {
    await fc.assert(
      fc.asyncProperty(awkward, fc.uniqueArray(awkward, { minLength: 1, maxLength: 3 }), awkward, async (title, partyIds, quote) => {
        const row = deal('deal-probe', title, partyIds, quote);
        const version = copyRowVersion('deals', row, '7');
        expect(rowOfCopyVersion(version)).toEqual(row);

        const client = await ledger.database.pool.connect();
        try {
          await client.query('BEGIN');
          await client.query('ALTER TABLE deals DISABLE TRIGGER deal_parties_insert');
          await client.query('TRUNCATE deals, deal_revisions');
          const batch = new CopyBatch();
          batch.add(version, '9');
          batch.add(copyRowVersion('deals', { ...row, version: 2 } as DealRow, '9'), null);
          await copyRowVersions(client, 'deals', batch);
          const revisions = new CopyLines();
          revisions.add([copyText(row.id), '7', copyText(JSON.stringify(dealRevisionOf(null, row)))]);
          await copyInto(client, 'deal_revisions', 'deal_id, position, doc', revisions.data());
          const stored = await client.query<{ doc: DealRevisionDoc }>('SELECT doc FROM deal_revisions');
          expect(stored.rows.map((revision) => revision.doc)).toEqual([{ terms: row.terms, citations: row.citations }]);
          expect(assembleDealRow(dealHeaderOf(row), stored.rows.map((revision) => revision.doc))).toEqual(row);
          const back = await client.query<{ valid_from: string; valid_to: string | null; doc: DealRow; party_ids: string[]; title: string }>(
            `SELECT valid_from::text, valid_to::text, doc, party_ids, summary->>'title' AS title FROM deals ORDER BY valid_from`,
          );
          expect(back.rows).toEqual([
            { valid_from: '7', valid_to: '9', doc: dealHeaderOf(row), party_ids: [...new Set(partyIds)].sort(), title },
            { valid_from: '9', valid_to: null, doc: { ...dealHeaderOf(row), version: 2 }, party_ids: [...new Set(partyIds)].sort(), title },
          ]);
        } finally {
          await client.query('ROLLBACK');
          client.release();
        }
      }),
      { numRuns: 40 },
    );
  });
});
