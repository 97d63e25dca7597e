import { argumentStatuses, isContested, threadStatistics } from '../claims/derived';
import { annualizedValue, dealFlows, dealStatusOn } from '../deals/derived';
import type { RecordedEvent } from './events';
import { evolveRow, mentionedEntityIds, projectEvents, rowsTouchedBy } from './projections';
import { canonicalJson, recorded } from './testing/decider-spec';
import { InMemoryLedger } from './testing/in-memory-ledger';
import { SEED_COMMANDS } from './testing/seed-commands';

function seedLedger(): InMemoryLedger {
  const ledger = new InMemoryLedger();
  ledger.executeAll(SEED_COMMANDS);
  return ledger;
}

function eventOf(ledger: InMemoryLedger, type: RecordedEvent['type'], streamId?: string): RecordedEvent {
  const event = ledger.events.find((candidate) => candidate.type === type && (streamId === undefined || candidate.streamId === streamId));
  if (event === undefined) throw new Error(`No ${type} in the seed`);
  return event;
}

describe('rowsTouchedBy', () => {
  const ledger = seedLedger();

  it('Given TALENT_DEPARTED, Then the move and the person', () => {
    expect(rowsTouchedBy(eventOf(ledger, 'TALENT_DEPARTED'))).toEqual([
      { projection: 'talent_moves', id: 'clive-chan-openai-anthropic' },
      { projection: 'people', id: 'clive-chan' },
    ]);
  });

  it('Given the other events, Then their own entity', () => {
    expect(rowsTouchedBy(eventOf(ledger, 'SOURCE_REGISTERED', 'dispatch-008'))).toEqual([{ projection: 'sources', id: 'dispatch-008' }]);
    expect(rowsTouchedBy(eventOf(ledger, 'COMPANY_REGISTERED', 'xai'))).toEqual([{ projection: 'companies', id: 'xai' }]);
    expect(rowsTouchedBy(eventOf(ledger, 'DEAL_AMENDED', 'spacex-google-compute'))).toEqual([{ projection: 'deals', id: 'spacex-google-compute' }]);
    expect(rowsTouchedBy(eventOf(ledger, 'VALUATION_CLAIMED', 'xai-revenue-fy2025'))).toEqual([{ projection: 'claims', id: 'xai-revenue-fy2025' }]);
    expect(rowsTouchedBy(eventOf(ledger, 'CLAIM_MADE'))).toEqual([{ projection: 'claims', id: 'circular-compute-deals' }]);
    expect(rowsTouchedBy(eventOf(ledger, 'REBUTTAL_POSTED', 'r-ponzi-style'))).toEqual([{ projection: 'rebuttals', id: 'r-ponzi-style' }]);
  });

  it('Given ENTRY_RETRACTED, Then the claims, rebuttals or talent_moves row by targetKind', () => {
    const retraction = (targetId: string, targetKind: 'CLAIM' | 'REBUTTAL' | 'TALENT_MOVE') =>
      recorded(
        { type: 'ENTRY_RETRACTED', streamId: targetId, data: { targetId, targetKind, reason: 'r' }, citations: [], occurredOn: null },
        { position: 99, version: 2, recordedAt: '2026-06-07T00:00:00.000Z' },
      );
    expect(rowsTouchedBy(retraction('c', 'CLAIM'))).toEqual([{ projection: 'claims', id: 'c' }]);
    expect(rowsTouchedBy(retraction('r', 'REBUTTAL'))).toEqual([{ projection: 'rebuttals', id: 'r' }]);
    expect(rowsTouchedBy(retraction('m', 'TALENT_MOVE'))).toEqual([{ projection: 'talent_moves', id: 'm' }]);
  });
});

describe('mentionedEntityIds', () => {
  const ledger = seedLedger();

  it('Given a signing, Then the deal, its parties and cited sources, sorted', () => {
    expect(mentionedEntityIds(eventOf(ledger, 'DEAL_SIGNED', 'spacex-anthropic-compute'))).toEqual([
      'anthropic',
      'dispatch-008',
      'spacex',
      'spacex-anthropic-compute',
      'techmeme-260520-p49',
    ]);
  });

  it('Given an amendment and the deal it amends, Then the deal, its parties and cited sources', () => {
    const amendment = eventOf(ledger, 'DEAL_AMENDED', 'spacex-google-compute');
    const deal = ledger.tables.deals.get('spacex-google-compute');
    if (!deal) throw new Error('no deal');
    expect(mentionedEntityIds(amendment, deal)).toEqual(['google', 'spacex', 'spacex-google-compute', 'thread-spacex-compute-deals']);
    expect(mentionedEntityIds(amendment)).toEqual(['spacex-google-compute', 'thread-spacex-compute-deals']);
  });

  it('Given the retraction of a talent move, Then the person and both companies are concerned', () => {
    const move = ledger.tables.talent_moves.get('clive-chan-openai-anthropic');
    if (!move) throw new Error('no move');
    const retraction = recorded(
      {
        type: 'ENTRY_RETRACTED',
        streamId: move.id,
        data: { targetId: move.id, targetKind: 'TALENT_MOVE', reason: 'r' },
        citations: [],
        occurredOn: null,
      },
      { position: 99, version: 2, recordedAt: '2026-06-07T00:00:00.000Z' },
    );
    expect(mentionedEntityIds(retraction, move)).toEqual(['anthropic', 'clive-chan', 'clive-chan-openai-anthropic', 'openai']);
  });

  it('Given a rebuttal of a rebuttal, Then it, its target, its root claim and its source', () => {
    expect(mentionedEntityIds(eventOf(ledger, 'REBUTTAL_POSTED', 'r-selling-spare-capacity'))).toEqual([
      'circular-compute-deals',
      'r-no-related-party-smell',
      'r-selling-spare-capacity',
      'thread-spacex-compute-deals',
    ]);
  });

  it('Given a departure, a claim and a valuation, Then person, companies and subjects', () => {
    expect(mentionedEntityIds(eventOf(ledger, 'TALENT_DEPARTED'))).toEqual([
      'anthropic',
      'clive-chan',
      'clive-chan-openai-anthropic',
      'openai',
      'reckoning-2026-06-06',
    ]);
    expect(mentionedEntityIds(eventOf(ledger, 'CLAIM_MADE'))).toEqual([
      'anthropic',
      'circular-compute-deals',
      'google',
      'reckoning-2026-06-06',
      'spacex',
      'xai',
    ]);
    expect(mentionedEntityIds(eventOf(ledger, 'VALUATION_CLAIMED', 'spacex-ipo-valuation'))).toEqual([
      'reckoning-2026-06-06',
      'spacex',
      'spacex-ipo-valuation',
    ]);
  });

  it('Given a registration, Then its own id only', () => {
    expect(mentionedEntityIds(eventOf(ledger, 'COMPANY_REGISTERED', 'spacex'))).toEqual(['spacex']);
  });
});

describe('evolveRow', () => {
  it('dispatches to the projection’s evolve function', () => {
    const ledger = seedLedger();
    const departure = eventOf(ledger, 'TALENT_DEPARTED');
    expect(evolveRow('people', null, departure)).toMatchObject({ id: 'clive-chan', name: 'Clive Chan', version: 0 });
    expect(evolveRow('talent_moves', null, departure)).toMatchObject({ id: 'clive-chan-openai-anthropic', toCompanyId: 'anthropic' });
  });
});

describe('the seed ledger, replayed through decide and the inline projections', () => {
  const ledger = seedLedger();
  const { tables } = ledger;

  it('records 27 events with dense positions and per-stream versions', () => {
    expect(ledger.events.map((event) => event.position)).toEqual(Array.from({ length: 27 }, (_, index) => String(index + 1)));
    expect(tables.deals.get('spacex-anthropic-compute')?.version).toBe(3);
    expect(tables.deals.get('spacex-google-compute')?.version).toBe(2);
    expect(tables.people.get('clive-chan')).toMatchObject({ version: 0, name: 'Clive Chan' });
    expect([...tables.rebuttals.values()].every((row) => row.rootClaimId === 'circular-compute-deals')).toBe(true);
  });

  it('gives the Anthropic lease its amendments as revisions and its citations without repeats', () => {
    const deal = tables.deals.get('spacex-anthropic-compute');
    if (deal === undefined) throw new Error('missing deal');
    expect(deal.terms.map((term) => [term.key, term.revisions.length])).toEqual([
      ['payment', 1],
      ['ends_on', 1],
      ['capacity', 2],
      ['notice_period', 1],
    ]);
    expect(deal.citations.map((citation) => citation.sourceId)).toEqual([
      'techmeme-260520-p49',
      'dispatch-008',
      'techmeme-260520-p49',
      'thread-spacex-compute-deals',
    ]);
    expect(annualizedValue(deal)).toEqual({ value: '15000000000', unit: 'USD', per: 'YEAR' });
    expect(dealStatusOn(deal, '2026-11-21')).toBe('ACTIVE');
  });

  it('makes SpaceX receive 2170000000 USD per month on 2026-11-21', () => {
    expect(dealFlows('spacex', [...tables.deals.values()], '2026-11-21')).toEqual({
      inboundPerMonth: [{ value: '2170000000', unit: 'USD', per: 'MONTH' }],
      outboundPerMonth: [],
    });
  });

  it('keeps the circular-finance claim contested but STANDING, thread of 6 and depth 3', () => {
    const claim = tables.claims.get('circular-compute-deals');
    if (claim === undefined) throw new Error('missing claim');
    const rebuttals = [...tables.rebuttals.values()];
    expect(argumentStatuses(claim, rebuttals).get('circular-compute-deals')).toBe('STANDING');
    expect(argumentStatuses(claim, rebuttals).get('r-no-related-party-smell')).toBe('REFUTED');
    expect(argumentStatuses(claim, rebuttals).get('r-ponzi-style')).toBe('REFUTED');
    expect(isContested(claim, rebuttals)).toBe(true);
    expect(threadStatistics(claim, rebuttals)).toMatchObject({ size: 6, depth: 3, refutations: 3, supports: 2, qualifications: 1 });
  });

  it('composes the statements of valuation claims sent without one', () => {
    expect(tables.claims.get('xai-operating-income-fy2025')?.statement).toBe('xai OPERATING_INCOME FY2025: -6400000000 USD');
    expect(tables.claims.get('spacex-ipo-valuation')?.statement).toBe('spacex VALUATION: 1750000000000 USD');
  });

  it('rebuilds to exactly the same rows from the events alone (deterministic evolve)', () => {
    expect(canonicalJson(projectEvents(ledger.events))).toBe(canonicalJson(tables));
    expect(canonicalJson(projectEvents(ledger.events))).toBe(canonicalJson(projectEvents(ledger.events)));
  });

  it('rejects replaying a command: the ids are taken, and amending with a stale version conflicts', () => {
    expect(() => ledger.execute(SEED_COMMANDS[0])).toThrow(expect.objectContaining({ code: 'ALREADY_EXISTS' }));
    const staleAmendment = SEED_COMMANDS.find((command) => command.type === 'amendDeal' && command.expectedVersion === 1);
    if (staleAmendment === undefined) throw new Error('missing amendment');
    expect(() => ledger.execute(staleAmendment)).toThrow(expect.objectContaining({ code: 'CONCURRENCY_CONFLICT' }));
  });
});
