/**
 * deal-revisions.ts: a deal version is stored as its header plus what each deal event added. Folding
 * the revisions up to a version must give that version back exactly, for every version of every deal
 * of the seed ledger (amended terms, new keys, repeated and new citations, a termination).
 */
import { evolveDeal } from '@ledger/domain/deals/evolve';
import type { DealRow } from '@ledger/domain/deals/read-model';
import { InMemoryLedger } from '@ledger/domain/ledger/testing/in-memory-ledger';
import { SEED_COMMANDS } from '@ledger/domain/ledger/testing/seed-commands';
import { assembleDealRow, dealHeaderOf, dealRevisionOf, type DealRevisionDoc } from './deal-revisions';

function dealVersions(): Map<string, DealRow[]> {
  const ledger = new InMemoryLedger();
  ledger.executeAll(SEED_COMMANDS);
  // Then the Google lease is amended once more (a known key, a new one, a citation already on the deal) and terminated.
  const repeated = { sourceId: 'thread-spacex-compute-deals', quote: 'both contracts can be cancelled with 90 days notice.', locator: null, role: 'SUPPORTING' as const };
  ledger.execute({
    type: 'amendDeal',
    dealId: 'spacex-google-compute',
    terms: [
      { key: 'payment', amount: { value: '950000000', unit: 'USD', per: 'MONTH' }, date: null, days: null, text: null },
      { key: 'ends_on', amount: null, date: '2029-05-31', days: null, text: null },
    ],
    effectiveOn: '2026-07-01',
    reason: 'Repriced',
    citations: [repeated],
    expectedVersion: null,
  });
  ledger.execute({ type: 'terminateDeal', dealId: 'spacex-google-compute', terminatedOn: '2026-09-01', reason: 'Cancelled with notice', citations: [repeated], expectedVersion: null });
  const versions = new Map<string, DealRow[]>();
  for (const event of ledger.events) {
    if (event.type !== 'DEAL_SIGNED' && event.type !== 'DEAL_AMENDED' && event.type !== 'DEAL_TERMINATED') continue;
    const list = versions.get(event.data.dealId) ?? [];
    list.push(evolveDeal(list.at(-1) ?? null, event));
    versions.set(event.data.dealId, list);
  }
  return versions;
}

describe('Deal revisions stored once', () => {
  const versions = dealVersions();

  it('Given the seed ledger, When it is replayed, Then it has deals amended and terminated (the cases the fold must cover)', () => {
    const all = [...versions.values()];
    expect(all.some((list) => list.length >= 3)).toBe(true);
    expect(all.some((list) => list.at(-1)!.terminatedOn !== null)).toBe(true);
    expect(all.some((list) => list.some((row) => row.terms.some((term) => term.revisions.length > 1)))).toBe(true);
  });

  it('Given every version of every deal, When each is stored as its header and the revisions up to it, Then folding them gives the version back exactly', () => {
    for (const [, list] of versions) {
      const revisions: DealRevisionDoc[] = [];
      list.forEach((row, index) => {
        revisions.push(JSON.parse(JSON.stringify(dealRevisionOf(list[index - 1] ?? null, row))) as DealRevisionDoc);
        const header = JSON.parse(JSON.stringify(dealHeaderOf(row))) as ReturnType<typeof dealHeaderOf>;
        expect(Object.keys(header)).not.toContain('terms');
        expect(Object.keys(header)).not.toContain('citations');
        expect(assembleDealRow(header, revisions)).toEqual(row);
      });
    }
  });

  it('Given a version, When it is stored, Then a revision holds only what its event added', () => {
    const amended = [...versions.values()].find((list) => list.length >= 2 && list[1]!.terms.length > 0)!;
    const [first, second] = amended;
    const added = dealRevisionOf(first!, second!);
    const revisionCount = (row: DealRow) => row.terms.reduce((sum, term) => sum + term.revisions.length, 0);
    expect(added.terms.reduce((sum, term) => sum + term.revisions.length, 0)).toBe(revisionCount(second!) - revisionCount(first!));
    expect(added.citations).toEqual(second!.citations.slice(first!.citations.length));
  });

  it('Given a row that does not extend the previous one at the end, When its revision is taken, Then it is refused', () => {
    const list = [...versions.values()].find((rows) => rows.length >= 2 && rows[0]!.terms.length > 0)!;
    const [first, second] = list;
    const lostRevision: DealRow = { ...second!, terms: second!.terms.map((term) => ({ ...term, revisions: [] })) };
    expect(() => dealRevisionOf(first!, lostRevision)).toThrow(/lost revisions/);
    const lostKey: DealRow = { ...second!, terms: second!.terms.slice(1) };
    expect(() => dealRevisionOf(first!, lostKey)).toThrow();
    const lostCitation: DealRow = { ...second!, citations: [] };
    expect(() => dealRevisionOf(first!, lostCitation)).toThrow(/dropped/);
  });

  it('Given a doc written whole (before projection version 5), When it is assembled, Then it is used as it is', () => {
    const row = [...versions.values()][0]!.at(-1)!;
    expect(assembleDealRow(row, [])).toBe(row);
  });
});
