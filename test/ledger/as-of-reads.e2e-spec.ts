/**
 * Ledger-time reads (DESIGN.md §4): projection rows are versioned by position, so a read as of an
 * old position returns the row version valid then, and entities created later do not exist yet.
 */
import type { ClaimRow } from '@ledger/domain/claims/read-model';
import type { DealRow } from '@ledger/domain/deals/read-model';
import type { AppendResult } from '@ledger/event-store';
import { amendDeal, openLedger, registerCompany, SEED_SOURCES_AND_COMPANIES, signDeal, type Ledger } from './ledger-harness';

const capacityOf = (deal: DealRow | undefined) => deal?.terms.find((term) => term.key === 'capacity')?.revisions.at(-1)?.text ?? null;

describe('Given a deal signed, amended twice, a company registered after it, and a claim retracted', () => {
  let ledger: Ledger;
  let beforeDeal: string;
  let signed: AppendResult;
  let firstAmendment: AppendResult;
  let secondAmendment: AppendResult;
  let lateCompany: AppendResult;
  let claim: AppendResult;
  let retraction: AppendResult;
  let move: AppendResult;

  beforeAll(async () => {
    ledger = await openLedger();
    await ledger.appendAll(SEED_SOURCES_AND_COMPANIES);
    beforeDeal = (await ledger.reader.head()).position;
    signed = await ledger.append({ ...signDeal('asof-deal'), terms: [{ key: 'capacity', amount: null, date: null, days: null, text: 'v1' }] });
    firstAmendment = await ledger.append(amendDeal('asof-deal', 1, 'v2'));
    lateCompany = await ledger.append(registerCompany('late-co', 'Late Company'));
    secondAmendment = await ledger.append(amendDeal('asof-deal', 2, 'v3'));
    claim = await ledger.append({
      type: 'makeClaim',
      id: 'asof-claim',
      statement: 'A claim about the late company',
      author: 'someone',
      subjectIds: ['late-co'],
      occurredOn: null,
      citations: [{ sourceId: 'dispatch-008', quote: 'q', locator: null, role: 'SUPPORTING' }],
    });
    retraction = await ledger.append({ type: 'retract', targetId: 'asof-claim', reason: 'wrong', expectedVersion: 1 });
    move = await ledger.append({
      type: 'recordTalentDeparture',
      id: 'asof-move',
      personId: 'asof-person',
      personName: 'As Of',
      fromCompanyId: 'openai',
      toCompanyId: 'late-co',
      role: null,
      announcedOn: null,
      citations: [{ sourceId: 'dispatch-008', quote: 'q', locator: null, role: 'SUPPORTING' }],
    });
  });
  afterAll(() => ledger.close());

  it('When the deal is read by id at each position, then each read returns the version valid then', async () => {
    const at = async (position: string) => (await ledger.reader.rowsById('deals', ['asof-deal'], position)).get('asof-deal');

    expect(await at(beforeDeal)).toBeUndefined();
    const v1 = await at(signed.event.position);
    expect(v1).toMatchObject({ version: 1, position: signed.event.position });
    expect(capacityOf(v1)).toBe('v1');
    const v2 = await at(firstAmendment.event.position);
    expect(v2).toMatchObject({ version: 2, position: firstAmendment.event.position });
    expect(capacityOf(v2)).toBe('v2');
    // Between the two amendments (the late company's position), still version 2.
    expect(await at(lateCompany.event.position)).toEqual(v2);
    const v3 = await at(secondAmendment.event.position);
    expect(v3).toMatchObject({ version: 3 });
    expect(capacityOf(v3)).toBe('v3');
    expect(await at((await ledger.reader.head()).position)).toEqual(v3);
  });

  it('When deals are listed as of a position, then the list holds the row version valid then, and nothing before the deal existed', async () => {
    expect(await ledger.reader.listRows('deals', beforeDeal, { limit: 50 })).toEqual([]);
    const asOfFirst = await ledger.reader.listRows('deals', firstAmendment.event.position, { limit: 50 });
    expect(asOfFirst.map((deal) => [deal.id, deal.version, capacityOf(deal)])).toEqual([['asof-deal', 2, 'v2']]);
    const byParty = await ledger.reader.rowsByKeys('deals', 'party_ids', ['spacex', 'late-co'], signed.event.position);
    expect(byParty.get('spacex')!.map((deal) => deal.version)).toEqual([1]);
    expect(byParty.get('late-co')).toEqual([]);
  });

  it('When companies are listed as of a position before a registration, then the later company is absent, and present from its position on', async () => {
    const ids = async (position: string) => (await ledger.reader.listRows('companies', position, { limit: 50 })).map((row) => row.id);
    expect(await ids(secondAmendment.event.position)).toContain('late-co');
    expect(await ids(firstAmendment.event.position)).not.toContain('late-co');
    expect(await ids(lateCompany.event.position)).toContain('late-co');
    expect(await ledger.reader.listRows('companies', firstAmendment.event.position, { limit: 50, filter: { nameContains: 'late' } })).toEqual([]);
  });

  it('When kindsOf is asked as of a position, then entities created after it are hidden', async () => {
    const ids = ['asof-deal', 'late-co', 'asof-claim', 'asof-move', 'asof-person', 'spacex', 'no-such-id'];
    const kinds = async (position: string) => Object.fromEntries(await ledger.reader.kindsOf(ids, position));

    expect(await kinds(beforeDeal)).toEqual({ spacex: 'COMPANY' });
    expect(await kinds(firstAmendment.event.position)).toEqual({ spacex: 'COMPANY', 'asof-deal': 'DEAL' });
    expect(await kinds(lateCompany.event.position)).toEqual({ spacex: 'COMPANY', 'asof-deal': 'DEAL', 'late-co': 'COMPANY' });
    expect(await kinds(retraction.event.position)).toEqual({
      spacex: 'COMPANY',
      'asof-deal': 'DEAL',
      'late-co': 'COMPANY',
      'asof-claim': 'CLAIM',
    });
    expect(await kinds(move.event.position)).toEqual({
      spacex: 'COMPANY',
      'asof-deal': 'DEAL',
      'late-co': 'COMPANY',
      'asof-claim': 'CLAIM',
      'asof-move': 'TALENT_MOVE',
      'asof-person': 'PERSON',
    });
  });

  it('When a retracted claim is read before and after its retraction, then only the later read shows it retracted', async () => {
    const at = async (position: string) => (await ledger.reader.rowsById('claims', ['asof-claim'], position)).get('asof-claim') as ClaimRow | undefined;
    expect(await at(secondAmendment.event.position)).toBeUndefined();
    expect(await at(claim.event.position)).toMatchObject({ retracted: false, version: 1 });
    expect(await at(retraction.event.position)).toMatchObject({ retracted: true, retractionReason: 'wrong', version: 2 });
  });

  it('When events are read as of a position, then later events are cut off', async () => {
    const grouped = await ledger.reader.eventsGroupedBy('stream', ['asof-deal'], firstAmendment.event.position);
    expect(grouped.get('asof-deal')!.map((stored) => stored.event.version)).toEqual([1, 2]);
    const mentions = await ledger.reader.eventsGroupedBy('mention', ['late-co'], claim.event.position);
    expect(mentions.get('late-co')!.map((stored) => stored.event.type)).toEqual(['COMPANY_REGISTERED', 'CLAIM_MADE']);
    const page = await ledger.reader.events({ streamId: 'asof-deal' }, lateCompany.event.position, null, 10);
    expect(page.map((stored) => stored.event.position)).toEqual([signed.event.position, firstAmendment.event.position]);
    const byId = await ledger.reader.eventsByIds([secondAmendment.event.id, signed.event.id], firstAmendment.event.position);
    expect([...byId.keys()]).toEqual([signed.event.id]);
  });

  it('When an instant between two events is resolved, then it maps to the last position recorded at or before it', async () => {
    const instant = new Date(new Date(firstAmendment.event.recordedAt).getTime() + 1);
    expect(await ledger.reader.positionAt(instant)).toBe(firstAmendment.event.position);
    expect(await ledger.reader.positionAt(new Date('2000-01-01T00:00:00.000Z'))).toBe('0');
  });
});
