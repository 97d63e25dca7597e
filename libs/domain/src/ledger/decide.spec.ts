import type { LedgerCommand } from './commands';
import { decide, isCreation, referencedIds, streamIdOf, targetIdOf } from './decide';
import { knownEntities } from './decision-state';
import { given } from './testing/decider-spec';
import { SEED_COMMANDS } from './testing/seed-commands';
import { cite } from './testing/fixtures';

const departure: LedgerCommand = {
  type: 'recordTalentDeparture',
  id: 'move',
  personId: 'clive-chan',
  personName: 'Clive Chan',
  fromCompanyId: 'openai',
  toCompanyId: 'anthropic',
  role: null,
  announcedOn: null,
  citations: [cite('src-a'), cite('src-b'), cite('src-a')],
};

describe('referencedIds', () => {
  it('lists the new id, person, companies and cited sources once each, in order of mention', () => {
    expect(referencedIds(departure)).toEqual(['move', 'clive-chan', 'openai', 'anthropic', 'src-a', 'src-b']);
  });

  it('leaves out a null destination', () => {
    expect(referencedIds({ ...departure, toCompanyId: null, citations: [] })).toEqual(['move', 'clive-chan', 'openai']);
  });

  it('lists parties of a signing, subjects of a claim, targets of rebuttals, amendments and retractions', () => {
    const byType = Object.fromEntries(SEED_COMMANDS.map((command) => [command.type, referencedIds(command)]));
    expect(byType['signDeal']).toEqual(['spacex-google-compute', 'spacex', 'google', 'reckoning-2026-06-06']);
    expect(byType['amendDeal']).toEqual(['spacex-anthropic-compute', 'thread-spacex-compute-deals']);
    expect(byType['makeClaim']).toEqual(['circular-compute-deals', 'spacex', 'google', 'anthropic', 'xai', 'reckoning-2026-06-06']);
    expect(byType['claimValuation']).toEqual(['spacex-ipo-valuation', 'spacex', 'reckoning-2026-06-06']);
    expect(byType['postRebuttal']).toEqual(['r-conflict-not-circular', 'r-ponzi-style', 'thread-spacex-compute-deals']);
    expect(byType['registerCompany']).toEqual(['openai']);
    expect(referencedIds({ type: 'retract', targetId: 'claim', reason: 'r', expectedVersion: null })).toEqual(['claim']);
    expect(
      referencedIds({ type: 'terminateDeal', dealId: 'deal', terminatedOn: '2026-01-01', reason: 'r', citations: [cite('s')], expectedVersion: 1 }),
    ).toEqual(['deal', 's']);
  });
});

describe('streamIdOf, targetIdOf and isCreation', () => {
  it('streams creations by their new id, deal changes by the deal, retractions by the target', () => {
    const streams = SEED_COMMANDS.map((command) => [command.type, streamIdOf(command), isCreation(command), targetIdOf(command)]);
    expect(streams).toContainEqual(['registerSource', 'reckoning-2026-06-06', true, null]);
    expect(streams).toContainEqual(['registerCompany', 'spacex', true, null]);
    expect(streams).toContainEqual(['signDeal', 'spacex-anthropic-compute', true, null]);
    expect(streams).toContainEqual(['amendDeal', 'spacex-google-compute', false, 'spacex-google-compute']);
    expect(streams).toContainEqual(['claimValuation', 'xai-revenue-fy2025', true, null]);
    expect(streams).toContainEqual(['makeClaim', 'circular-compute-deals', true, null]);
    expect(streams).toContainEqual(['recordTalentDeparture', 'clive-chan-openai-anthropic', true, null]);
    expect(streams).toContainEqual(['postRebuttal', 'r-selling-spare-capacity', true, 'r-no-related-party-smell']);
    const retract: LedgerCommand = { type: 'retract', targetId: 'claim', reason: 'r', expectedVersion: null };
    expect([streamIdOf(retract), isCreation(retract), targetIdOf(retract)]).toEqual(['claim', false, 'claim']);
    const terminate: LedgerCommand = {
      type: 'terminateDeal',
      dealId: 'deal',
      terminatedOn: '2026-01-01',
      reason: 'r',
      citations: [],
      expectedVersion: null,
    };
    expect([streamIdOf(terminate), isCreation(terminate)]).toEqual(['deal', false]);
  });
});

describe('decide', () => {
  it('dispatches each command to its area and returns one event of the matching type', () => {
    given({ known: { 'spacex-anthropic-compute': 'DEAL' } })
      .when({ type: 'registerCompany', id: 'openai', name: 'OpenAI', aliases: [] })
      .then({
        type: 'COMPANY_REGISTERED',
        streamId: 'openai',
        data: { companyId: 'openai', name: 'OpenAI', aliases: [] },
        citations: [],
        occurredOn: null,
      });
  });

  it('is pure: the same command and state decide deep-equal events, and the command is not mutated', () => {
    const command = SEED_COMMANDS.find((candidate) => candidate.type === 'signDeal');
    if (command === undefined) throw new Error('seed has a signing');
    const frozen = JSON.stringify(command);
    const state = { known: knownEntities({ spacex: 'COMPANY', anthropic: 'COMPANY', 'techmeme-260520-p49': 'SOURCE', 'dispatch-008': 'SOURCE' }), target: null };
    expect(decide(command, state)).toEqual(decide(command, state));
    expect(JSON.stringify(command)).toBe(frozen);
  });
});

describe('the Given/When/Then helper', () => {
  const command: LedgerCommand = { type: 'registerCompany', id: 'openai', name: 'OpenAI', aliases: [] };

  it('fails then() on a different event', () => {
    expect(() =>
      given().when(command).then({
        type: 'COMPANY_REGISTERED',
        streamId: 'openai',
        data: { companyId: 'openai', name: 'Open AI', aliases: [] },
        citations: [],
        occurredOn: null,
      }),
    ).toThrow(/differs/);
  });

  it('fails thenThrows() when decide succeeds, throws another code or other fields', () => {
    expect(() => given().when(command).thenThrows('ALREADY_EXISTS')).toThrow(/but it decided/);
    expect(() => given({ known: { openai: 'COMPANY' } }).when(command).thenThrows('NOT_FOUND')).toThrow(/failed ALREADY_EXISTS/);
    expect(() => given().when({ ...command, name: '' }).thenThrows('BAD_USER_INPUT', ['input.id'])).toThrow(/fields at fault/);
  });
});
