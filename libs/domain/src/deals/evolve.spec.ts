import type { DealAmended, DealSigned, DealTerminated } from './events';
import { evolveDeal } from './evolve';
import type { DealRow } from './read-model';
import type { DomainEvent } from '../ledger/events';
import { givenEvents, recorded } from '../ledger/testing/decider-spec';
import { amount, cite, dateTerm, daysTerm, paymentTerm, textTerm } from '../ledger/testing/fixtures';
import { ProjectionError } from '../ledger/row-meta';

const primary = cite('techmeme-260520-p49', { quote: 'Anthropic is paying SpaceX $1.25B/mo.', role: 'PRIMARY' });
const podcast = cite('dispatch-008', { locator: '00:01:20' });
const thread = cite('thread-spacex-compute-deals', { quote: 'both contracts can be cancelled with 90 days notice.' });

const signed: DomainEvent<DealSigned> = {
  type: 'DEAL_SIGNED',
  streamId: 'deal',
  data: {
    dealId: 'deal',
    title: 'SpaceX compute lease to Anthropic',
    kind: 'COMPUTE_LEASE',
    parties: [
      { companyId: 'spacex', role: 'PROVIDER' },
      { companyId: 'anthropic', role: 'CUSTOMER' },
    ],
    signedOn: '2026-05-01',
    terms: [paymentTerm(amount('1250000000', 'USD', 'MONTH')), textTerm('capacity', 'Colossus')],
  },
  citations: [primary, podcast],
  occurredOn: '2026-05-01',
};

const amended: DomainEvent<DealAmended> = {
  type: 'DEAL_AMENDED',
  streamId: 'deal',
  data: {
    dealId: 'deal',
    terms: [textTerm('capacity', 'Colossus; Colossus 2'), daysTerm('notice_period', 90)],
    effectiveOn: '2026-05-20',
    reason: 'Expanded',
  },
  citations: [thread, primary],
  occurredOn: '2026-05-20',
};

const terminated: DomainEvent<DealTerminated> = {
  type: 'DEAL_TERMINATED',
  streamId: 'deal',
  data: { dealId: 'deal', terminatedOn: '2027-02-01', reason: 'Cancelled' },
  citations: [thread],
  occurredOn: '2027-02-01',
};

const at1 = { position: 1, version: 1, recordedAt: '2026-06-06T10:00:00.000Z', id: 'event-1' };
const at5 = { position: 5, version: 2, recordedAt: '2026-06-06T10:05:00.000Z', id: 'event-5' };
const at9 = { position: 9, version: 3, recordedAt: '2026-06-06T10:09:00.000Z', id: 'event-9' };

describe('evolveDeal', () => {
  it('Given DEAL_SIGNED, Then the deal row with one revision per term, effective on signedOn', () => {
    givenEvents(recorded(signed, at1)).thenRow('deals', 'deal', {
      id: 'deal',
      version: 1,
      position: '1',
      createdPosition: '1',
      recordedAt: '2026-06-06T10:00:00.000Z',
      updatedAt: '2026-06-06T10:00:00.000Z',
      title: 'SpaceX compute lease to Anthropic',
      kind: 'COMPUTE_LEASE',
      parties: [
        { companyId: 'spacex', role: 'PROVIDER' },
        { companyId: 'anthropic', role: 'CUSTOMER' },
      ],
      signedOn: '2026-05-01',
      terms: [
        {
          key: 'payment',
          revisions: [
            {
              amount: amount('1250000000', 'USD', 'MONTH'),
              date: null,
              days: null,
              text: null,
              effectiveOn: '2026-05-01',
              eventId: 'event-1',
              position: '1',
              citations: [primary, podcast],
            },
          ],
        },
        {
          key: 'capacity',
          revisions: [
            {
              amount: null,
              date: null,
              days: null,
              text: 'Colossus',
              effectiveOn: '2026-05-01',
              eventId: 'event-1',
              position: '1',
              citations: [primary, podcast],
            },
          ],
        },
      ],
      terminatedOn: null,
      terminationReason: null,
      citations: [primary, podcast],
    });
  });

  it('Given DEAL_AMENDED, Then a revision per amended key, new keys appended, citations merged without repeats', () => {
    const deal = givenEvents(recorded(signed, at1), recorded(amended, at5)).row('deals', 'deal');
    expect(deal).toMatchObject({ version: 2, position: '5', recordedAt: '2026-06-06T10:00:00.000Z', updatedAt: '2026-06-06T10:05:00.000Z' });
    expect(deal.terms.map((term) => term.key)).toEqual(['payment', 'capacity', 'notice_period']);
    expect(deal.terms[0].revisions).toHaveLength(1);
    expect(deal.terms[1].revisions).toEqual([
      expect.objectContaining({ text: 'Colossus', effectiveOn: '2026-05-01', position: '1' }),
      {
        amount: null,
        date: null,
        days: null,
        text: 'Colossus; Colossus 2',
        effectiveOn: '2026-05-20',
        eventId: 'event-5',
        position: '5',
        citations: [thread, primary],
      },
    ]);
    expect(deal.terms[2].revisions).toEqual([expect.objectContaining({ days: 90, effectiveOn: '2026-05-20', eventId: 'event-5' })]);
    expect(deal.citations).toEqual([primary, podcast, thread]);
  });

  it('Given DEAL_TERMINATED, Then terminatedOn and the reason are set and the version moves', () => {
    const deal = givenEvents(recorded(signed, at1), recorded(amended, at5), recorded(terminated, at9)).row('deals', 'deal');
    expect(deal).toMatchObject({
      version: 3,
      position: '9',
      updatedAt: '2026-06-06T10:09:00.000Z',
      terminatedOn: '2027-02-01',
      terminationReason: 'Cancelled',
      citations: [primary, podcast, thread],
    });
  });

  it('Given an amendment without effectiveOn, Then its revisions have a null effectiveOn', () => {
    const deal = givenEvents(
      recorded(signed, at1),
      recorded({ ...amended, data: { ...amended.data, effectiveOn: null }, occurredOn: null }, at5),
    ).row('deals', 'deal');
    expect(deal.terms[1].revisions[1].effectiveOn).toBeNull();
  });

  it('is deterministic and never mutates its input row', () => {
    const row = evolveDeal(null, recorded(signed, at1));
    const snapshot = JSON.stringify(row);
    const first = evolveDeal(row, recorded(amended, at5));
    const second = evolveDeal(row, recorded(amended, at5));
    expect(first).toEqual(second);
    expect(JSON.stringify(row)).toBe(snapshot);
    expect(first.terms[1]).not.toBe(row.terms[1]);
  });

  it('refuses an amendment without a deal, a second signing, and events of another deal', () => {
    expect(() => evolveDeal(null, recorded(amended, at5))).toThrow(ProjectionError);
    const row: DealRow = evolveDeal(null, recorded(signed, at1));
    expect(() => evolveDeal(row, recorded(signed, at5))).toThrow(ProjectionError);
    expect(() => evolveDeal(row, recorded({ ...amended, data: { ...amended.data, dealId: 'other' } }, at5))).toThrow(ProjectionError);
  });

  it('keeps date terms as dates', () => {
    const deal = evolveDeal(null, recorded({ ...signed, data: { ...signed.data, terms: [dateTerm('ends_on', '2029-05-31')] } }, at1));
    expect(deal.terms[0].revisions[0].date).toBe('2029-05-31');
  });
});
