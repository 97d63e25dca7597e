import {
  annualizedValue,
  currentTermValue,
  dealFlows,
  dealStatusOn,
  dealSummary,
  monthlyValue,
  termValueOn,
  totalValue,
  wholePeriodsBetween,
} from './derived';
import type { Party } from './events';
import type { DealRow, DealTermRow } from './read-model';
import { amount, dealRow, revision } from '../ledger/testing/fixtures';
import type { Amount, Period } from '../shared/values';

const provider: Party[] = [
  { companyId: 'spacex', role: 'PROVIDER' },
  { companyId: 'anthropic', role: 'CUSTOMER' },
];

const payment = (value: Amount, effectiveOn: string | null = null, position = '1'): DealTermRow => ({
  key: 'payment',
  revisions: [revision({ amount: value, effectiveOn, position })],
});
const dateTermRow = (key: string, date: string, effectiveOn: string | null = null): DealTermRow => ({
  key,
  revisions: [revision({ date, effectiveOn, position: '1' })],
});

/** The Anthropic lease as the seed leaves it: no signing date, payment 1.25B per month, ends 2029-05-31. */
const anthropicLease = dealRow('spacex-anthropic-compute', provider, [
  payment(amount('1250000000', 'USD', 'MONTH')),
  dateTermRow('ends_on', '2029-05-31'),
  { key: 'capacity', revisions: [revision({ text: 'Colossus', position: '12' }), revision({ text: 'Colossus; Colossus 2', effectiveOn: '2026-05-20', position: '13' })] },
]);
const googleLease = dealRow('spacex-google-compute', [
  { companyId: 'spacex', role: 'PROVIDER' },
  { companyId: 'google', role: 'CUSTOMER' },
], [payment(amount('920000000', 'USD', 'MONTH'))]);

describe('currentTermValue', () => {
  it('is the last revision', () => {
    expect(currentTermValue(anthropicLease.terms[2]).text).toBe('Colossus; Colossus 2');
  });
});

describe('termValueOn', () => {
  const term: DealTermRow = {
    key: 'payment',
    revisions: [
      revision({ amount: amount('100'), effectiveOn: null, position: '1' }),
      revision({ amount: amount('300'), effectiveOn: '2026-09-01', position: '5' }),
      revision({ amount: amount('200'), effectiveOn: '2026-06-01', position: '7' }),
      revision({ amount: amount('250'), effectiveOn: '2026-06-01', position: '9' }),
    ],
  };

  it('Given revisions out of ledger order, Then the one with the greatest effectiveOn not after the date holds', () => {
    expect(termValueOn(term, '2026-05-31')?.amount?.value).toBe('100');
    expect(termValueOn(term, '2026-06-01')?.amount?.value).toBe('250');
    expect(termValueOn(term, '2026-08-31')?.amount?.value).toBe('250');
    expect(termValueOn(term, '2026-09-01')?.amount?.value).toBe('300');
  });

  it('Given only future revisions, Then null', () => {
    expect(termValueOn({ key: 'k', revisions: [revision({ text: 'x', effectiveOn: '2027-01-01', position: '1' })] }, '2026-12-31')).toBeNull();
  });

  it('Given two undated revisions, Then the later in the ledger holds', () => {
    const undated: DealTermRow = {
      key: 'k',
      revisions: [revision({ text: 'first', position: '10' }), revision({ text: 'second', position: '9' })],
    };
    expect(termValueOn(undated, '2000-01-01')?.text).toBe('first');
  });
});

describe('dealStatusOn', () => {
  const dated = dealRow('d', provider, [dateTermRow('starts_on', '2026-07-01'), dateTermRow('ends_on', '2026-12-31')], {
    signedOn: '2026-05-01',
  });

  it('Given start and end terms, Then PENDING before the start, ACTIVE within, EXPIRED after the end', () => {
    expect(dealStatusOn(dated, '2026-06-30')).toBe('PENDING');
    expect(dealStatusOn(dated, '2026-07-01')).toBe('ACTIVE');
    expect(dealStatusOn(dated, '2026-12-31')).toBe('ACTIVE');
    expect(dealStatusOn(dated, '2027-01-01')).toBe('EXPIRED');
  });

  it('Given a termination, Then TERMINATED from terminatedOn on, even before the end', () => {
    const terminated: DealRow = { ...dated, terminatedOn: '2026-09-15', terminationReason: 'cancelled' };
    expect(dealStatusOn(terminated, '2026-09-14')).toBe('ACTIVE');
    expect(dealStatusOn(terminated, '2026-09-15')).toBe('TERMINATED');
    expect(dealStatusOn(terminated, '2030-01-01')).toBe('TERMINATED');
  });

  it('Given no starts_on, Then signedOn decides PENDING', () => {
    const signed = dealRow('d', provider, [], { signedOn: '2026-05-01' });
    expect(dealStatusOn(signed, '2026-04-30')).toBe('PENDING');
    expect(dealStatusOn(signed, '2026-05-01')).toBe('ACTIVE');
  });

  it('Given no dates at all, Then ACTIVE on any date (unknown dates never make PENDING or EXPIRED)', () => {
    expect(dealStatusOn(dealRow('d', provider, []), '1900-01-01')).toBe('ACTIVE');
    expect(dealStatusOn(dealRow('d', provider, []), '2999-01-01')).toBe('ACTIVE');
  });

  it('Given ends_on extended by an amendment effective later, Then the end as on the date is used', () => {
    const extended = dealRow('d', provider, [
      { key: 'ends_on', revisions: [revision({ date: '2026-12-31', position: '1' }), revision({ date: '2027-12-31', effectiveOn: '2027-06-01', position: '5' })] },
    ]);
    expect(dealStatusOn(extended, '2027-01-15')).toBe('EXPIRED');
    expect(dealStatusOn(extended, '2027-06-01')).toBe('ACTIVE');
  });

  it('Given the seed Anthropic lease on 2026-11-21, Then ACTIVE; after 2029-05-31, EXPIRED', () => {
    expect(dealStatusOn(anthropicLease, '2026-11-21')).toBe('ACTIVE');
    expect(dealStatusOn(anthropicLease, '2029-05-31')).toBe('ACTIVE');
    expect(dealStatusOn(anthropicLease, '2029-06-01')).toBe('EXPIRED');
  });
});

describe('dealSummary', () => {
  const amended = dealRow(
    'd',
    provider,
    [
      payment(amount('1250000000', 'USD', 'MONTH')),
      dateTermRow('starts_on', '2026-07-01'),
      { key: 'ends_on', revisions: [revision({ date: '2026-12-31', position: '1' }), revision({ date: '2027-12-31', effectiveOn: '2027-06-01', position: '5' })] },
      { key: 'capacity', revisions: [revision({ text: '110,000 GPUs', position: '1' })] },
    ],
    { signedOn: '2026-05-01' },
  );

  it('Given a deal with payment, date and text terms, Then its summary keeps only starts_on and ends_on, their revisions’ dates, and no citations or row timestamps', () => {
    const summary = dealSummary(amended);
    expect(summary.terms.map((term) => term.key)).toEqual(['starts_on', 'ends_on']);
    expect(summary.terms[1]).toEqual({
      key: 'ends_on',
      revisions: [
        { date: '2026-12-31', effectiveOn: null, position: '1' },
        { date: '2027-12-31', effectiveOn: '2027-06-01', position: '5' },
      ],
    });
    expect(Object.keys(summary).sort()).toEqual(['id', 'kind', 'parties', 'signedOn', 'terminatedOn', 'terms', 'title', 'version']);
    expect(summary).toMatchObject({ id: 'd', title: amended.title, kind: amended.kind, parties: provider, signedOn: '2026-05-01', version: amended.version });
  });

  it('Given any world date, Then the summary has the status of the whole row', () => {
    const terminated: DealRow = { ...amended, terminatedOn: '2027-09-15', terminationReason: 'cancelled' };
    for (const deal of [amended, terminated, anthropicLease, dealRow('d', provider, [])]) {
      for (let day = 0; day < 365 * 4; day += 7) {
        const on = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
        expect([on, dealStatusOn(dealSummary(deal), on)]).toEqual([on, dealStatusOn(deal, on)]);
      }
    }
  });
});

describe('annualizedValue', () => {
  it('Given the Anthropic lease, Then 15000000000 USD per YEAR', () => {
    expect(annualizedValue(anthropicLease)).toEqual({ value: '15000000000', unit: 'USD', per: 'YEAR' });
  });

  it.each<[Period, string, string]>([
    ['MONTH', '0.5', '6'],
    ['QUARTER', '2.5', '10'],
    ['YEAR', '7.25', '7.25'],
  ])('Given a payment per %s of %s, Then %s per YEAR', (per, value, yearly) => {
    expect(annualizedValue(dealRow('d', provider, [payment(amount(value, 'EUR', per))]))).toEqual({ value: yearly, unit: 'EUR', per: 'YEAR' });
  });

  it('Given a one-off payment or none, Then null', () => {
    expect(annualizedValue(dealRow('d', provider, [payment(amount('1000'))]))).toBeNull();
    expect(annualizedValue(dealRow('d', provider, []))).toBeNull();
  });

  it('Given a 40-digit payment, Then the result is exact (no 20-digit rounding)', () => {
    const huge = '1234567890123456789012345678901234567891';
    expect(annualizedValue(dealRow('d', provider, [payment(amount(huge, 'USD', 'MONTH'))]))?.value).toBe('14814814681481481468148148146814814814692');
  });

  it('Given an amended payment, Then the current one counts', () => {
    const amended = dealRow('d', provider, [
      { key: 'payment', revisions: [revision({ amount: amount('1', 'USD', 'MONTH'), position: '1' }), revision({ amount: amount('2', 'USD', 'MONTH'), effectiveOn: '2030-01-01', position: '2' })] },
    ]);
    expect(annualizedValue(amended)?.value).toBe('24');
  });
});

describe('totalValue', () => {
  const monthly = (startsOn: string, endsOn: string, per: Period = 'MONTH'): DealRow =>
    dealRow('d', provider, [payment(amount('100', 'USD', per)), dateTermRow('starts_on', startsOn), dateTermRow('ends_on', endsOn)]);

  it('Given 2026-01-15 to 2026-04-14, Then 3 whole months', () => {
    expect(totalValue(monthly('2026-01-15', '2026-04-14'))).toEqual({ value: '300', unit: 'USD', per: null });
  });

  it('Given 2026-01-15 to 2026-04-13, Then 2 whole months', () => {
    expect(totalValue(monthly('2026-01-15', '2026-04-13'))).toEqual({ value: '200', unit: 'USD', per: null });
  });

  it('Given quarterly and yearly payments, Then whole quarters and years', () => {
    expect(totalValue(monthly('2026-01-01', '2026-12-31', 'QUARTER'))?.value).toBe('400');
    expect(totalValue(monthly('2026-01-01', '2026-12-30', 'QUARTER'))?.value).toBe('300');
    expect(totalValue(monthly('2026-01-01', '2028-12-31', 'YEAR'))?.value).toBe('300');
  });

  it('Given a start on the 31st, Then months clamp to the end of shorter months', () => {
    expect(wholePeriodsBetween('2026-01-31', '2026-03-01', 1)).toBe(1);
    expect(wholePeriodsBetween('2026-01-31', '2026-02-28', 1)).toBe(1);
    expect(wholePeriodsBetween('2026-01-31', '2026-02-27', 1)).toBe(0);
    expect(wholePeriodsBetween('2026-05-01', '2026-04-01', 1)).toBe(0);
  });

  it('Given an end in the last months of year 9999 (an open-ended deal), Then the periods run up to it like any other', () => {
    // 2027-01 to 9999-12 inclusive: 7,973 years of 12 months.
    expect(totalValue(monthly('2027-01-01', '9999-12-31'))?.value).toBe('9567600');
    expect(totalValue(monthly('2027-01-01', '9999-12-30'))?.value).toBe('9567500');
    expect(totalValue(monthly('2027-01-01', '9999-06-30', 'YEAR'))?.value).toBe('797200');
    expect(totalValue(monthly('2027-01-01', '9998-06-30', 'YEAR'))?.value).toBe('797100');
  });

  it('Given no starts_on, Then it counts from signedOn', () => {
    const deal = dealRow('d', provider, [payment(amount('1250000000', 'USD', 'MONTH')), dateTermRow('ends_on', '2029-05-31')], {
      signedOn: '2026-06-01',
    });
    expect(totalValue(deal)).toEqual({ value: '45000000000', unit: 'USD', per: null });
  });

  it('Given the seed Anthropic lease (no start, no signing date), Then null', () => {
    expect(totalValue(anthropicLease)).toBeNull();
  });

  it('Given a one-off payment, Then the payment itself; without a payment term, null', () => {
    expect(totalValue(dealRow('d', provider, [payment(amount('2500000000'))]))).toEqual({ value: '2500000000', unit: 'USD', per: null });
    expect(totalValue(dealRow('d', provider, [dateTermRow('ends_on', '2029-05-31')]))).toBeNull();
  });

  it('Given a start but no end, Then null', () => {
    expect(totalValue(dealRow('d', provider, [payment(amount('1', 'USD', 'MONTH')), dateTermRow('starts_on', '2026-01-01')]))).toBeNull();
  });
});

describe('dealFlows', () => {
  it('Given the seed leases, Then SpaceX receives 2170000000 USD per month on 2026-11-21', () => {
    expect(dealFlows('spacex', [anthropicLease, googleLease], '2026-11-21')).toEqual({
      inboundPerMonth: [{ value: '2170000000', unit: 'USD', per: 'MONTH' }],
      outboundPerMonth: [],
    });
  });

  it('Given the seed leases, Then Anthropic pays 1250000000 USD per month', () => {
    expect(dealFlows('anthropic', [anthropicLease, googleLease], '2026-11-21')).toEqual({
      inboundPerMonth: [],
      outboundPerMonth: [{ value: '1250000000', unit: 'USD', per: 'MONTH' }],
    });
  });

  it('Given the Anthropic lease has expired by 2029-06-01, Then only Google pays', () => {
    expect(dealFlows('spacex', [anthropicLease, googleLease], '2029-06-01').inboundPerMonth).toEqual([
      { value: '920000000', unit: 'USD', per: 'MONTH' },
    ]);
  });

  it.each<[Period, string, string]>([
    ['YEAR', '100', '8.33'],
    ['YEAR', '1', '0.08'],
    ['QUARTER', '0.05', '0.02'],
    ['YEAR', '1.5', '0.12'], // 0.125: half-even keeps 0.12 where half-up would give 0.13
    ['YEAR', '0.3', '0.02'], // 0.025 -> 0.02 (half-up: 0.03)
    ['QUARTER', '0.375', '0.12'], // 0.125 -> 0.12
    ['YEAR', '1.62', '0.14'], // 0.135 -> 0.14 (to even)
    ['MONTH', '0.125', '0.125'], // MONTH is taken as is: only divisions are rounded
  ])('Given a payment per %s of %s, Then %s per month (half-even)', (per, value, perMonth) => {
    const deal = dealRow('d', provider, [payment(amount(value, 'USD', per))]);
    expect(dealFlows('spacex', [deal], '2026-11-21').inboundPerMonth).toEqual([{ value: perMonth, unit: 'USD', per: 'MONTH' }]);
    expect(monthlyValue(value, per).toFixed()).toBe(perMonth);
  });

  it('Given each rounded before the sum, Then two YEAR payments of 1.5 make 0.24, not 0.25', () => {
    const deals = [1, 2].map((n) => dealRow(`d${n}`, provider, [payment(amount('1.5', 'USD', 'YEAR'))]));
    expect(dealFlows('spacex', deals, '2026-11-21').inboundPerMonth).toEqual([{ value: '0.24', unit: 'USD', per: 'MONTH' }]);
  });

  it('Given 40-digit payments, Then sums stay exact', () => {
    const huge = '1234567890123456789012345678901234567891';
    const deals = [1, 2].map((n) => dealRow(`d${n}`, provider, [payment(amount(huge, 'USD', 'MONTH'))]));
    expect(dealFlows('spacex', deals, '2026-11-21').inboundPerMonth[0].value).toBe('2469135780246913578024691357802469135782');
    const yearly = dealRow('y', provider, [payment(amount(huge, 'USD', 'YEAR'))]);
    expect(dealFlows('spacex', [yearly], '2026-11-21').inboundPerMonth[0].value).toBe('102880657510288065751028806575102880657.58');
  });

  it('Given several units and roles, Then sums per unit sorted by unit; licensors receive, licensees pay; others ignored', () => {
    const deals = [
      dealRow('a', [{ companyId: 'x', role: 'LICENSOR' }, { companyId: 'y', role: 'LICENSEE' }], [payment(amount('12', 'USD', 'YEAR'))]),
      dealRow('b', [{ companyId: 'x', role: 'PROVIDER' }, { companyId: 'z', role: 'CUSTOMER' }], [payment(amount('3', 'EUR', 'QUARTER'))]),
      dealRow('c', [{ companyId: 'x', role: 'LICENSEE' }, { companyId: 'y', role: 'LICENSOR' }], [payment(amount('5', 'USD', 'MONTH'))]),
      dealRow('d', [{ companyId: 'x', role: 'INVESTOR' }, { companyId: 'y', role: 'INVESTEE' }], [payment(amount('1000', 'USD', 'MONTH'))]),
      dealRow('e', [{ companyId: 'x', role: 'PROVIDER' }, { companyId: 'y', role: 'CUSTOMER' }], [payment(amount('1000', 'USD'))]),
    ];
    expect(dealFlows('x', deals, '2026-11-21')).toEqual({
      inboundPerMonth: [
        { value: '1', unit: 'EUR', per: 'MONTH' },
        { value: '1', unit: 'USD', per: 'MONTH' },
      ],
      outboundPerMonth: [{ value: '5', unit: 'USD', per: 'MONTH' }],
    });
  });

  it('Given pending, expired or terminated deals, Then they do not flow; the payment in force on the date counts', () => {
    const pending = dealRow('p', provider, [payment(amount('1', 'USD', 'MONTH'))], { signedOn: '2027-01-01' });
    const terminated = dealRow('t', provider, [payment(amount('1', 'USD', 'MONTH'))], { terminatedOn: '2026-01-01' });
    const raised = dealRow('r', provider, [
      { key: 'payment', revisions: [revision({ amount: amount('10', 'USD', 'MONTH'), position: '1' }), revision({ amount: amount('20', 'USD', 'MONTH'), effectiveOn: '2027-01-01', position: '2' })] },
    ]);
    expect(dealFlows('spacex', [pending, terminated, raised], '2026-11-21').inboundPerMonth).toEqual([{ value: '10', unit: 'USD', per: 'MONTH' }]);
    expect(dealFlows('spacex', [pending, terminated, raised], '2027-01-01').inboundPerMonth).toEqual([{ value: '21', unit: 'USD', per: 'MONTH' }]);
  });
});
