import type { AmendDeal, SignDeal, TerminateDeal } from './commands';
import { evolveDeal } from './evolve';
import type { DealRow } from './read-model';
import { given, recorded } from '../ledger/testing/decider-spec';
import { amount, cite, dateTerm, daysTerm, paymentTerm, textTerm } from '../ledger/testing/fixtures';
import type { EntityKind } from '../ledger/entities';
import { decide } from '../ledger/decide';
import { knownEntities } from '../ledger/decision-state';
import { MAX_LONG_TEXT } from '../shared/values';

const companies: Record<string, EntityKind> = { spacex: 'COMPANY', anthropic: 'COMPANY', 'techmeme-260520-p49': 'SOURCE' };

const signDeal = (overrides: Partial<SignDeal> = {}): SignDeal => ({
  type: 'signDeal',
  id: 'spacex-anthropic-compute',
  title: 'SpaceX compute lease to Anthropic',
  kind: 'COMPUTE_LEASE',
  parties: [
    { companyId: 'spacex', role: 'PROVIDER' },
    { companyId: 'anthropic', role: 'CUSTOMER' },
  ],
  signedOn: '2026-05-01',
  terms: [paymentTerm(amount('1250000000', 'USD', 'MONTH')), dateTerm('ends_on', '2029-05-31'), textTerm('capacity', 'Colossus')],
  citations: [cite('techmeme-260520-p49', { quote: 'Anthropic is paying SpaceX $1.25B/mo.', role: 'PRIMARY' })],
  ...overrides,
});

/** The deal row after signing `command` (version 1, position 1). */
function signedRow(command: SignDeal = signDeal()): DealRow {
  const event = decide(command, { known: knownEntities(companies), target: null });
  return evolveDeal(null, recorded(event, { position: 1, version: 1, recordedAt: '2026-06-06T00:00:01.000Z' }));
}

const dealKnown = { ...companies, 'spacex-anthropic-compute': 'DEAL' as const };

describe('signDeal', () => {
  it('Given the companies and the source, When signing, Then DEAL_SIGNED dated by signedOn', () => {
    given({ known: companies })
      .when(signDeal())
      .then({
        type: 'DEAL_SIGNED',
        streamId: 'spacex-anthropic-compute',
        data: {
          dealId: 'spacex-anthropic-compute',
          title: 'SpaceX compute lease to Anthropic',
          kind: 'COMPUTE_LEASE',
          parties: [
            { companyId: 'spacex', role: 'PROVIDER' },
            { companyId: 'anthropic', role: 'CUSTOMER' },
          ],
          signedOn: '2026-05-01',
          terms: [
            paymentTerm(amount('1250000000', 'USD', 'MONTH')),
            dateTerm('ends_on', '2029-05-31'),
            textTerm('capacity', 'Colossus'),
          ],
        },
        citations: [cite('techmeme-260520-p49', { quote: 'Anthropic is paying SpaceX $1.25B/mo.', role: 'PRIMARY' })],
        occurredOn: '2026-05-01',
      });
  });

  it('Given no terms at all, Then the deal is signed (terms may be empty)', () => {
    const event = given({ known: companies }).when(signDeal({ terms: [] })).thenEvent();
    expect(event.type).toBe('DEAL_SIGNED');
  });

  it('Given free keys such as "exclusivity", Then any single value kind is accepted', () => {
    const event = given({ known: companies })
      .when(signDeal({ terms: [textTerm('exclusivity', 'none'), daysTerm('grace_days', 0), paymentTerm(amount('5'))] }))
      .thenEvent();
    expect(event.type).toBe('DEAL_SIGNED');
  });

  it('Given the deal id is taken, Then ALREADY_EXISTS', () => {
    given({ known: { ...companies, 'spacex-anthropic-compute': 'CLAIM' } })
      .when(signDeal())
      .thenThrows('ALREADY_EXISTS');
  });

  it('Given an unknown party, Then NOT_FOUND on input.parties.1.companyId', () => {
    const error = given({ known: { spacex: 'COMPANY', 'techmeme-260520-p49': 'SOURCE' } })
      .when(signDeal())
      .thenThrows('NOT_FOUND', ['input.parties.1.companyId']);
    expect(error.details['id']).toBe('anthropic');
  });

  it('Given a party id that is a source, Then NOT_FOUND (wrong kind)', () => {
    given({ known: { ...companies, anthropic: 'SOURCE' } })
      .when(signDeal())
      .thenThrows('NOT_FOUND', ['input.parties.1.companyId']);
  });

  it('Given an unknown cited source, Then NOT_FOUND on input.citations.0.sourceId', () => {
    given({ known: { spacex: 'COMPANY', anthropic: 'COMPANY' } })
      .when(signDeal())
      .thenThrows('NOT_FOUND', ['input.citations.0.sourceId']);
  });

  it('When there is one party, Then BAD_USER_INPUT on input.parties', () => {
    given({ known: companies })
      .when(signDeal({ parties: [{ companyId: 'spacex', role: 'PROVIDER' }] }))
      .thenThrows('BAD_USER_INPUT', ['input.parties']);
  });

  it('When the same company is named twice, Then BAD_USER_INPUT on input.parties', () => {
    given({ known: companies })
      .when(
        signDeal({
          parties: [
            { companyId: 'spacex', role: 'PROVIDER' },
            { companyId: 'spacex', role: 'CUSTOMER' },
          ],
        }),
      )
      .thenThrows('BAD_USER_INPUT', ['input.parties']);
  });

  it('When there is no citation, Then BAD_USER_INPUT on input.citations', () => {
    given({ known: companies }).when(signDeal({ citations: [] })).thenThrows('BAD_USER_INPUT', ['input.citations']);
  });

  it('When a quote is over the long text limit, Then BAD_USER_INPUT on its path', () => {
    given({ known: companies })
      .when(signDeal({ citations: [cite('techmeme-260520-p49', { quote: 'q'.repeat(MAX_LONG_TEXT + 1), locator: 'l'.repeat(1001) })] }))
      .thenThrows('BAD_USER_INPUT', ['input.citations.0.quote', 'input.citations.0.locator']);
  });

  it('When the title is blank, Then BAD_USER_INPUT on input.title', () => {
    given({ known: companies }).when(signDeal({ title: ' ' })).thenThrows('BAD_USER_INPUT', ['input.title']);
  });

  it('When a term sets two values or none, Then BAD_USER_INPUT on input.terms.N', () => {
    given({ known: companies })
      .when(
        signDeal({
          terms: [
            { key: 'payment', amount: amount('1'), date: '2026-01-01', days: null, text: null },
            { key: 'misc', amount: null, date: null, days: null, text: null },
          ],
        }),
      )
      .thenThrows('BAD_USER_INPUT', ['input.terms.0', 'input.terms.1']);
  });

  it('When days are negative or fractional, Then BAD_USER_INPUT on input.terms.N.days', () => {
    given({ known: companies })
      .when(signDeal({ terms: [textTerm('capacity', 'x'), daysTerm('notice_period', -1), daysTerm('grace', 1.5)] }))
      .thenThrows('BAD_USER_INPUT', ['input.terms.1.days', 'input.terms.2.days']);
  });

  it('When a key repeats or is not an identifier, Then BAD_USER_INPUT on input.terms.N.key', () => {
    given({ known: companies })
      .when(
        signDeal({
          terms: [textTerm('capacity', 'a'), textTerm('capacity', 'b'), textTerm('Bad-Key', 'c'), textTerm(`k${'x'.repeat(64)}`, 'd')],
        }),
      )
      .thenThrows('BAD_USER_INPUT', ['input.terms.1.key', 'input.terms.2.key', 'input.terms.3.key']);
  });

  it('When conventional keys hold the wrong kind, Then BAD_USER_INPUT on each term', () => {
    given({ known: companies })
      .when(
        signDeal({
          terms: [
            textTerm('payment', 'a lot'),
            daysTerm('starts_on', 3),
            textTerm('ends_on', 'May 2029'),
            textTerm('notice_period', '90 days'),
            daysTerm('capacity', 5),
          ],
        }),
      )
      .thenThrows('BAD_USER_INPUT', ['input.terms.0', 'input.terms.1', 'input.terms.2', 'input.terms.3', 'input.terms.4']);
  });

  it('When an amount unit or value is malformed, Then BAD_USER_INPUT on input.terms.N.amount.*', () => {
    given({ known: companies })
      .when(signDeal({ terms: [paymentTerm({ value: '1e9', unit: '$', per: 'MONTH' })] }))
      .thenThrows('BAD_USER_INPUT', ['input.terms.0.amount.value', 'input.terms.0.amount.unit']);
  });

  it('When ends_on falls before starts_on, Then BAD_USER_INPUT on the ends_on date', () => {
    given({ known: companies })
      .when(signDeal({ terms: [dateTerm('starts_on', '2026-06-01'), dateTerm('ends_on', '2026-05-31')] }))
      .thenThrows('BAD_USER_INPUT', ['input.terms.1.date']);
  });

  it('When ends_on equals starts_on, Then the deal is signed', () => {
    const event = given({ known: companies })
      .when(signDeal({ terms: [dateTerm('starts_on', '2026-06-01'), dateTerm('ends_on', '2026-06-01')] }))
      .thenEvent();
    expect(event.type).toBe('DEAL_SIGNED');
  });
});

const amendDeal = (overrides: Partial<AmendDeal> = {}): AmendDeal => ({
  type: 'amendDeal',
  dealId: 'spacex-anthropic-compute',
  terms: [textTerm('capacity', 'Colossus; Colossus 2')],
  effectiveOn: '2026-05-20',
  reason: 'Anthropic says the deal expands to include Colossus 2 capacity',
  citations: [cite('techmeme-260520-p49')],
  expectedVersion: 1,
  ...overrides,
});

describe('amendDeal', () => {
  it('Given a signed deal, When amending a term, Then DEAL_AMENDED dated by effectiveOn on the deal stream', () => {
    given({ known: dealKnown, target: signedRow() })
      .when(amendDeal())
      .then({
        type: 'DEAL_AMENDED',
        streamId: 'spacex-anthropic-compute',
        data: {
          dealId: 'spacex-anthropic-compute',
          terms: [textTerm('capacity', 'Colossus; Colossus 2')],
          effectiveOn: '2026-05-20',
          reason: 'Anthropic says the deal expands to include Colossus 2 capacity',
        },
        citations: [cite('techmeme-260520-p49')],
        occurredOn: '2026-05-20',
      });
  });

  it('Given an unknown deal, Then NOT_FOUND on input.dealId', () => {
    given({ known: companies }).when(amendDeal()).thenThrows('NOT_FOUND', ['input.dealId']);
  });

  it('Given the id names a claim, Then NOT_FOUND on input.dealId', () => {
    given({ known: { ...companies, 'spacex-anthropic-compute': 'CLAIM' } })
      .when(amendDeal())
      .thenThrows('NOT_FOUND', ['input.dealId']);
  });

  it('When no term is given, Then BAD_USER_INPUT on input.terms', () => {
    given({ known: dealKnown, target: signedRow() }).when(amendDeal({ terms: [] })).thenThrows('BAD_USER_INPUT', ['input.terms']);
  });

  it('When the reason is blank and citations are missing, Then BAD_USER_INPUT lists both', () => {
    given({ known: dealKnown, target: signedRow() })
      .when(amendDeal({ reason: '', citations: [] }))
      .thenThrows('BAD_USER_INPUT', ['input.reason', 'input.citations']);
  });

  it('When a term is malformed, Then BAD_USER_INPUT on input.terms.N.days', () => {
    given({ known: dealKnown, target: signedRow() })
      .when(amendDeal({ terms: [textTerm('capacity', 'x'), daysTerm('notice_period', -90)] }))
      .thenThrows('BAD_USER_INPUT', ['input.terms.1.days']);
  });

  it('Given ends_on 2029-05-31, When starts_on is moved after it, Then BAD_USER_INPUT (merged terms)', () => {
    given({ known: dealKnown, target: signedRow() })
      .when(amendDeal({ terms: [dateTerm('starts_on', '2029-06-01')] }))
      .thenThrows('BAD_USER_INPUT', ['input.terms.0.date']);
  });

  it('Given starts_on 2026-06-01, When ends_on is set before it, Then BAD_USER_INPUT', () => {
    const row = signedRow(signDeal({ terms: [dateTerm('starts_on', '2026-06-01')] }));
    given({ known: dealKnown, target: row })
      .when(amendDeal({ terms: [dateTerm('ends_on', '2026-05-01')] }))
      .thenThrows('BAD_USER_INPUT', ['input.terms.0.date']);
  });

  it('Given ends_on 2029-05-31, When both dates are replaced consistently, Then DEAL_AMENDED', () => {
    const event = given({ known: dealKnown, target: signedRow() })
      .when(amendDeal({ terms: [dateTerm('starts_on', '2030-01-01'), dateTerm('ends_on', '2031-01-01')] }))
      .thenEvent();
    expect(event.type).toBe('DEAL_AMENDED');
  });

  it('Given the deal is at version 1, When expecting version 3, Then CONCURRENCY_CONFLICT', () => {
    const error = given({ known: dealKnown, target: signedRow() })
      .when(amendDeal({ expectedVersion: 3 }))
      .thenThrows('CONCURRENCY_CONFLICT');
    expect(error.details).toEqual({ streamId: 'spacex-anthropic-compute', expectedVersion: 3, actualVersion: 1 });
  });

  it('Given no expected version, Then the amendment is decided whatever the version', () => {
    const event = given({ known: dealKnown, target: signedRow() }).when(amendDeal({ expectedVersion: null })).thenEvent();
    expect(event.type).toBe('DEAL_AMENDED');
  });
});

const terminateDeal = (overrides: Partial<TerminateDeal> = {}): TerminateDeal => ({
  type: 'terminateDeal',
  dealId: 'spacex-anthropic-compute',
  terminatedOn: '2027-01-31',
  reason: 'Cancelled with 90 days notice',
  citations: [cite('techmeme-260520-p49')],
  expectedVersion: null,
  ...overrides,
});

describe('terminateDeal', () => {
  it('Given a running deal, When terminating, Then DEAL_TERMINATED dated by terminatedOn', () => {
    given({ known: dealKnown, target: signedRow() })
      .when(terminateDeal())
      .then({
        type: 'DEAL_TERMINATED',
        streamId: 'spacex-anthropic-compute',
        data: { dealId: 'spacex-anthropic-compute', terminatedOn: '2027-01-31', reason: 'Cancelled with 90 days notice' },
        citations: [cite('techmeme-260520-p49')],
        occurredOn: '2027-01-31',
      });
  });

  it('Given the deal is already terminated, Then BAD_USER_INPUT on input.dealId', () => {
    const terminated: DealRow = { ...signedRow(), terminatedOn: '2026-12-31', terminationReason: 'ended' };
    given({ known: dealKnown, target: terminated }).when(terminateDeal()).thenThrows('BAD_USER_INPUT', ['input.dealId']);
  });

  it('Given an unknown deal, Then NOT_FOUND on input.dealId', () => {
    given({ known: companies }).when(terminateDeal()).thenThrows('NOT_FOUND', ['input.dealId']);
  });

  it('When the citations are empty, Then BAD_USER_INPUT on input.citations', () => {
    given({ known: dealKnown, target: signedRow() })
      .when(terminateDeal({ citations: [] }))
      .thenThrows('BAD_USER_INPUT', ['input.citations']);
  });

  it('When the reason is over 10,000 characters, Then BAD_USER_INPUT on input.reason', () => {
    given({ known: dealKnown, target: signedRow() })
      .when(terminateDeal({ reason: 'r'.repeat(MAX_LONG_TEXT + 1) }))
      .thenThrows('BAD_USER_INPUT', ['input.reason']);
  });

  it('Given an unknown cited source, Then NOT_FOUND on input.citations.0.sourceId', () => {
    given({ known: { 'spacex-anthropic-compute': 'DEAL' }, target: signedRow() })
      .when(terminateDeal())
      .thenThrows('NOT_FOUND', ['input.citations.0.sourceId']);
  });
});
