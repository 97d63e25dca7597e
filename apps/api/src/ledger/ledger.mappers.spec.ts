import type { DealRow } from '@ledger/domain/deals/read-model';
import type { RecordedEvent } from '@ledger/domain/ledger/events';
import { DomainError } from '@ledger/domain/shared/errors';
import { toClaimValuationCommand, toMakeClaimCommand, toPostRebuttalCommand } from '../claims/claims.mappers';
import { toDealModel, toSignDealCommand } from '../deals/deals.mappers';
import { DealModel } from '../deals/models/deal.model';
import { toRecordTalentDepartureCommand } from '../people/people.mappers';
import { toLedgerEventModel, toRetractCommand } from './ledger.mappers';

const meta = { version: 2, position: '7', createdPosition: '7', recordedAt: '2026-05-20T14:03:00.000Z', updatedAt: '2026-05-21T09:00:00.000Z' };
const cite = { sourceId: 'src-1', quote: null, locator: null, role: 'PRIMARY' as const };

describe('row -> model mappers', () => {
  const deal: DealRow = {
    id: 'spacex-anthropic-compute-2026',
    ...meta,
    title: 'Compute lease',
    kind: 'COMPUTE_LEASE',
    parties: [
      { companyId: 'spacex', role: 'PROVIDER' },
      { companyId: 'anthropic', role: 'CUSTOMER' },
    ],
    signedOn: '2026-05-20',
    terms: [
      {
        key: 'payment',
        revisions: [
          { amount: { value: '1000', unit: 'USD', per: 'MONTH' }, date: null, days: null, text: null, effectiveOn: '2026-05-20', eventId: 'e1', position: '5', citations: [cite] },
          { amount: { value: '1250', unit: 'USD', per: 'MONTH' }, date: null, days: null, text: null, effectiveOn: '2026-07-01', eventId: 'e2', position: '7', citations: [] },
        ],
      },
    ],
    terminatedOn: null,
    terminationReason: null,
    citations: [cite],
  };

  it('maps a deal: current term value last, revisions, derived values, internals', () => {
    const model = toDealModel(deal, '9');
    expect(model).toBeInstanceOf(DealModel);
    expect(model.viewPosition).toBe('9');
    expect(model.row).toBe(deal);
    expect(model.parties.map((party) => [party.companyId, party.role, party.viewPosition])).toEqual([
      ['spacex', 'PROVIDER', '9'],
      ['anthropic', 'CUSTOMER', '9'],
    ]);
    const [payment] = model.terms;
    expect(payment).toMatchObject({ key: 'payment', amount: { value: '1250', unit: 'USD', per: 'MONTH' }, effectiveOn: '2026-07-01', citations: [] });
    expect(payment!.revisions.map((revision) => [revision.eventId, revision.amount?.value])).toEqual([
      ['e1', '1000'],
      ['e2', '1250'],
    ]);
    expect(model.annualizedValue).toMatchObject({ value: '15000', unit: 'USD' });
    expect(model.citations[0]).toMatchObject({ sourceId: 'src-1', role: 'PRIMARY', viewPosition: '9' });
  });

  it('maps an event with its chain link, from either shape', () => {
    const event = {
      type: 'COMPANY_REGISTERED',
      data: { companyId: 'spacex', name: 'SpaceX', aliases: [] },
      streamId: 'spacex',
      citations: [],
      occurredOn: null,
      id: '7f1c0c36-2d4c-4a5e-9a59-5d1d0a5b5e01',
      position: '1',
      version: 1,
      schemaVersion: 1,
      recordedAt: '2026-05-20T14:03:00.000Z',
      recordedBy: 'alice',
    } as RecordedEvent;
    const fromStored = toLedgerEventModel({ event, hash: 'ab', previousHash: null }, '1');
    const fromChain = toLedgerEventModel(event, '1', { hash: 'ab', previousHash: null });
    expect(fromStored).toEqual(fromChain);
    expect(fromStored).toMatchObject({ position: '1', type: 'COMPANY_REGISTERED', data: event.data, hash: 'ab', previousHash: null });
    expect(() => toLedgerEventModel(event, '1')).toThrow(/no hash/);
  });
});

describe('input -> command mappers', () => {
  const newId = (hint: string) => `${hint}-x1`;

  it('signDeal: canonical decimals, nulls for absent fields, SUPPORTING by default', () => {
    const command = toSignDealCommand({
      id: 'd1',
      title: 'T',
      kind: 'SUPPLY',
      parties: [
        { companyId: 'a', role: 'PROVIDER' },
        { companyId: 'b', role: 'CUSTOMER' },
      ],
      terms: [{ key: 'payment', amount: { value: '10.50', unit: 'USD' } }, { key: 'notice_period', days: 30 }],
      citations: [{ sourceId: 's1' }],
    });
    expect(command).toEqual({
      type: 'signDeal',
      id: 'd1',
      title: 'T',
      kind: 'SUPPLY',
      parties: [
        { companyId: 'a', role: 'PROVIDER' },
        { companyId: 'b', role: 'CUSTOMER' },
      ],
      signedOn: null,
      terms: [
        { key: 'payment', amount: { value: '10.5', unit: 'USD', per: null }, date: null, days: null, text: null },
        { key: 'notice_period', amount: null, date: null, days: 30, text: null },
      ],
      citations: [{ sourceId: 's1', quote: null, locator: null, role: 'SUPPORTING' }],
    });
  });

  it('rejects a non-canonicalisable decimal with its input path', () => {
    let thrown: unknown;
    try {
      toSignDealCommand({ id: 'd', title: 't', kind: 'OTHER', parties: [], citations: [], terms: [{ key: 'payment', amount: { value: '1e3', unit: 'USD' } }] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).details.fields).toEqual(['input.terms.0.amount.value']);
  });

  it('generates missing ids from hints, person ids from names', () => {
    expect(toClaimValuationCommand({ companyId: 'xai', metric: 'OPERATING_INCOME', value: { value: '-6400000000', unit: 'USD' }, fiscalPeriod: 'FY2025', author: 'Reuters', citations: [] }, newId)).toMatchObject({
      id: 'xai-operating-income-fy2025-x1',
      statement: null,
      value: { value: '-6400000000', unit: 'USD', per: null },
    });
    expect(toMakeClaimCommand({ id: 'given', statement: 'S', author: 'a', citations: [] }, newId)).toMatchObject({ id: 'given', subjectIds: [] });
    expect(toPostRebuttalCommand({ targetId: 'c1', stance: 'REFUTES', author: 'a', text: 't', citations: [] }, newId).id).toBe('c1-refutes-x1');
    const move = toRecordTalentDepartureCommand({ person: { name: 'Clive Chan' }, fromCompanyId: 'openai', citations: [] }, newId);
    expect(move).toMatchObject({ personId: 'clive-chan', personName: 'Clive Chan', toCompanyId: null, role: null, announcedOn: null });
    expect(move.id).toBe('clive-chan-leaves-openai-x1');
  });

  it('retract: expectedVersion null when absent', () => {
    expect(toRetractCommand({ targetId: 'c1', reason: 'wrong' })).toEqual({ type: 'retract', targetId: 'c1', reason: 'wrong', expectedVersion: null });
    expect(toRetractCommand({ targetId: 'c1', reason: 'wrong', expectedVersion: 3 }).expectedVersion).toBe(3);
  });
});
