/**
 * Property (issue 4): reading the position-versioned projections as of any position gives exactly
 * the state a full replay of the events from zero up to that position gives.
 */
import fc from 'fast-check';
import type { LedgerCommand } from '@ledger/domain/ledger/commands';
import { PROJECTION_NAMES, projectEvents, type ProjectionName } from '@ledger/domain/ledger/projections';
import type { RecordedEvent } from '@ledger/domain/ledger/events';
import { dealSummary } from '@ledger/domain/deals/derived';
import { amendDeal, openLedger, registerCompany, SEED_SOURCES_AND_COMPANIES, signDeal, type Ledger } from './ledger-harness';

/** A deterministic mixed workload: companies, deals, amendments, terminations, claims, rebuttals, moves, retractions. */
function workload(seed: number, size: number): LedgerCommand[] {
  let state = seed >>> 0;
  const random = (n: number) => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state % n;
  };
  const commands: LedgerCommand[] = [...SEED_SOURCES_AND_COMPANIES];
  const companies = ['spacex', 'xai', 'anthropic', 'google', 'openai'];
  const deals: string[] = [];
  const claims: string[] = [];
  const rebuttals: { id: string; root: string }[] = [];
  const cite = [{ sourceId: 'dispatch-008', quote: null, locator: null, role: 'SUPPORTING' as const }];
  for (let i = 0; commands.length < size; i += 1) {
    const pick = random(10);
    if (pick === 0 || companies.length < 6) {
      const id = `prop-co-${i}`;
      commands.push(registerCompany(id));
      companies.push(id);
    } else if (pick <= 2 || deals.length === 0) {
      const id = `prop-deal-${i}`;
      const a = companies[random(companies.length)]!;
      let b = companies[random(companies.length)]!;
      if (b === a) b = companies.find((company) => company !== a)!;
      commands.push(signDeal(id, a, b));
      deals.push(id);
    } else if (pick <= 4) {
      commands.push(amendDeal(deals[random(deals.length)]!, null, `capacity ${i}`));
    } else if (pick === 5) {
      const id = `prop-claim-${i}`;
      commands.push({
        type: 'makeClaim',
        id,
        statement: `Thesis ${i}`,
        author: `author ${random(4)}`,
        subjectIds: [companies[random(companies.length)]!],
        occurredOn: null,
        citations: cite,
      });
      claims.push(id);
    } else if (pick <= 7 && claims.length > 0) {
      const id = `prop-rebuttal-${i}`;
      const onRebuttal = rebuttals.length > 0 && random(2) === 0;
      const target = onRebuttal ? rebuttals[random(rebuttals.length)]! : null;
      const root = target ? target.root : claims[random(claims.length)]!;
      commands.push({
        type: 'postRebuttal',
        id,
        targetId: target ? target.id : root,
        stance: (['REFUTES', 'SUPPORTS', 'QUALIFIES'] as const)[random(3)]!,
        author: `author ${random(4)}`,
        text: `Rebuttal ${i}`,
        occurredOn: null,
        citations: cite,
      });
      rebuttals.push({ id, root });
    } else if (pick === 8) {
      commands.push({
        type: 'recordTalentDeparture',
        id: `prop-move-${i}`,
        personId: `prop-person-${random(5)}`,
        personName: `Person ${i}`,
        fromCompanyId: 'openai',
        toCompanyId: 'anthropic',
        role: null,
        announcedOn: null,
        citations: cite,
      });
    } else if (rebuttals.length > 0) {
      commands.push({ type: 'retract', targetId: rebuttals[random(rebuttals.length)]!.id, reason: 'withdrawn', expectedVersion: null });
    }
  }
  return commands;
}

describe('Given a ledger of a few hundred mixed events', () => {
  let ledger: Ledger;
  let events: RecordedEvent[];

  beforeAll(async () => {
    ledger = await openLedger();
    // In waves of 8 issued together: row versions chain both inside a group commit and across commits.
    const commands = workload(7, 320);
    events = [];
    for (let start = 0; start < commands.length; start += 8) {
      const settled = await Promise.allSettled(commands.slice(start, start + 8).map((command) => ledger.append(command)));
      for (const outcome of settled) if (outcome.status === 'fulfilled' && !outcome.value.replayed) events.push(outcome.value.event);
    }
    events.sort((a, b) => Number(BigInt(a.position) - BigInt(b.position)));
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('When any position is read as of, then every projection equals a replay of the events up to it', async () => {
    const head = Number((await ledger.reader.head()).position);
    expect(head).toBe(events.length);
    expect(head).toBeGreaterThan(250);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: head }), async (position) => {
        const replayed = projectEvents(events.slice(0, position));
        for (const projection of PROJECTION_NAMES as readonly ProjectionName[]) {
          const read = await ledger.reader.listRows(projection, String(position), { limit: 10_000 });
          const expected = [...replayed[projection].values()].sort((a, b) => (a.id < b.id ? -1 : 1));
          expect({ projection, position, rows: read }).toEqual({ projection, position, rows: expected });
        }
      }),
      { numRuns: 40, seed: 20261122 },
    );
  });

  it('When a company’s deals are read as of any position (through deal_parties), then whole rows and summaries equal a replay’s', async () => {
    const head = Number((await ledger.reader.head()).position);
    const companyIds = [...projectEvents(events).companies.keys()].sort();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: head }), async (position) => {
        const replayed = [...projectEvents(events.slice(0, position)).deals.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
        const rows = await ledger.reader.rowsByKeys('deals', 'party_ids', companyIds, String(position));
        const summaries = await ledger.reader.summariesByKeys('deals', 'party_ids', companyIds, String(position));
        for (const companyId of companyIds) {
          const expected = replayed.filter((deal) => deal.parties.some((party) => party.companyId === companyId));
          expect({ companyId, position, rows: rows.get(companyId) }).toEqual({ companyId, position, rows: expected });
          expect({ companyId, position, summaries: summaries.get(companyId) }).toEqual({ companyId, position, summaries: expected.map(dealSummary) });
        }
      }),
      { numRuns: 30, seed: 20261124 },
    );
  });
});
