import type { RecordTalentDeparture } from './commands';
import { given } from '../ledger/testing/decider-spec';
import { cite } from '../ledger/testing/fixtures';
import type { EntityKind } from '../ledger/entities';
import { MAX_SHORT_TEXT } from '../shared/values';

const known: Record<string, EntityKind> = { openai: 'COMPANY', anthropic: 'COMPANY', reckoning: 'SOURCE' };

const recordTalentDeparture = (overrides: Partial<RecordTalentDeparture> = {}): RecordTalentDeparture => ({
  type: 'recordTalentDeparture',
  id: 'clive-chan-openai-anthropic',
  personId: 'clive-chan',
  personName: 'Clive Chan',
  fromCompanyId: 'openai',
  toCompanyId: 'anthropic',
  role: 'Hardware',
  announcedOn: '2026-06-06',
  citations: [cite('reckoning')],
  ...overrides,
});

describe('recordTalentDeparture', () => {
  it('Given both companies, When recording a departure, Then TALENT_DEPARTED dated by announcedOn', () => {
    given({ known })
      .when(recordTalentDeparture())
      .then({
        type: 'TALENT_DEPARTED',
        streamId: 'clive-chan-openai-anthropic',
        data: {
          moveId: 'clive-chan-openai-anthropic',
          personId: 'clive-chan',
          personName: 'Clive Chan',
          fromCompanyId: 'openai',
          toCompanyId: 'anthropic',
          role: 'Hardware',
        },
        citations: [cite('reckoning')],
        occurredOn: '2026-06-06',
      });
  });

  it('Given the person exists, Then they are reused', () => {
    const event = given({ known: { ...known, 'clive-chan': 'PERSON' } })
      .when(recordTalentDeparture({ id: 'clive-chan-again' }))
      .thenEvent();
    expect(event).toMatchObject({ type: 'TALENT_DEPARTED', data: { personId: 'clive-chan' } });
  });

  it('Given no destination, Then toCompanyId is null', () => {
    const event = given({ known }).when(recordTalentDeparture({ toCompanyId: null })).thenEvent();
    expect(event).toMatchObject({ data: { toCompanyId: null } });
  });

  it('Given the person id is a company, Then ALREADY_EXISTS', () => {
    const error = given({ known: { ...known, 'clive-chan': 'COMPANY' } })
      .when(recordTalentDeparture())
      .thenThrows('ALREADY_EXISTS');
    expect(error.details['id']).toBe('clive-chan');
  });

  it('Given the move id is taken, Then ALREADY_EXISTS', () => {
    given({ known: { ...known, 'clive-chan-openai-anthropic': 'TALENT_MOVE' } })
      .when(recordTalentDeparture())
      .thenThrows('ALREADY_EXISTS');
  });

  it('When from and to are the same company, Then BAD_USER_INPUT on input.toCompanyId', () => {
    given({ known })
      .when(recordTalentDeparture({ toCompanyId: 'openai' }))
      .thenThrows('BAD_USER_INPUT', ['input.toCompanyId']);
  });

  it('Given an unknown origin or destination, Then NOT_FOUND on its field', () => {
    given({ known: { anthropic: 'COMPANY', reckoning: 'SOURCE' } })
      .when(recordTalentDeparture())
      .thenThrows('NOT_FOUND', ['input.fromCompanyId']);
    given({ known: { openai: 'COMPANY', reckoning: 'SOURCE' } })
      .when(recordTalentDeparture())
      .thenThrows('NOT_FOUND', ['input.toCompanyId']);
  });

  it('When the person id is no slug, the name blank and the role too long, Then BAD_USER_INPUT lists each', () => {
    given({ known })
      .when(recordTalentDeparture({ personId: 'Clive Chan', personName: '', role: 'r'.repeat(MAX_SHORT_TEXT + 1) }))
      .thenThrows('BAD_USER_INPUT', ['input.person.id', 'input.person.name', 'input.role']);
  });

  it('When there is no citation, Then BAD_USER_INPUT on input.citations', () => {
    given({ known }).when(recordTalentDeparture({ citations: [] })).thenThrows('BAD_USER_INPUT', ['input.citations']);
  });
});
