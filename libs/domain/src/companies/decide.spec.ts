import type { RegisterCompany } from './commands';
import { given } from '../ledger/testing/decider-spec';
import { MAX_SHORT_TEXT } from '../shared/values';

const registerCompany = (overrides: Partial<RegisterCompany> = {}): RegisterCompany => ({
  type: 'registerCompany',
  id: 'spacex',
  name: 'SpaceX',
  aliases: ['Space Exploration Technologies'],
  ...overrides,
});

describe('registerCompany', () => {
  it('Given a new id, When registering, Then COMPANY_REGISTERED without citations or world date', () => {
    given()
      .when(registerCompany())
      .then({
        type: 'COMPANY_REGISTERED',
        streamId: 'spacex',
        data: { companyId: 'spacex', name: 'SpaceX', aliases: ['Space Exploration Technologies'] },
        citations: [],
        occurredOn: null,
      });
  });

  it('Given the id is taken by a source, Then ALREADY_EXISTS', () => {
    given({ known: { spacex: 'SOURCE' } }).when(registerCompany()).thenThrows('ALREADY_EXISTS');
  });

  it('Given the id is taken by a company, Then ALREADY_EXISTS', () => {
    given({ known: { spacex: 'COMPANY' } }).when(registerCompany()).thenThrows('ALREADY_EXISTS');
  });

  it('When the name is empty, Then BAD_USER_INPUT on input.name', () => {
    given().when(registerCompany({ name: '' })).thenThrows('BAD_USER_INPUT', ['input.name']);
  });

  it('When an alias is blank or too long, Then BAD_USER_INPUT on that alias', () => {
    given()
      .when(registerCompany({ aliases: ['ok', ' ', 'x'.repeat(MAX_SHORT_TEXT + 1)] }))
      .thenThrows('BAD_USER_INPUT', ['input.aliases.1', 'input.aliases.2']);
  });

  it('When the id has upper case, Then BAD_USER_INPUT on input.id', () => {
    given().when(registerCompany({ id: 'SpaceX' })).thenThrows('BAD_USER_INPUT', ['input.id']);
  });
});
