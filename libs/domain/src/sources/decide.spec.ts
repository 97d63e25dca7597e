import type { RegisterSource } from './commands';
import { given } from '../ledger/testing/decider-spec';
import { MAX_SHORT_TEXT } from '../shared/values';

const registerSource = (overrides: Partial<RegisterSource> = {}): RegisterSource => ({
  type: 'registerSource',
  id: 'techmeme-260520-p49',
  url: 'https://www.techmeme.com/260520/p49',
  title: 'SpaceX S-1: Anthropic is paying SpaceX $1.25B/mo.',
  publisher: 'Techmeme',
  author: 'Ina Fried',
  kind: 'ARTICLE',
  publishedOn: '2026-05-20',
  ...overrides,
});

describe('registerSource', () => {
  it('Given a new id, When registering a source, Then SOURCE_REGISTERED dated by its publication', () => {
    given()
      .when(registerSource())
      .then({
        type: 'SOURCE_REGISTERED',
        streamId: 'techmeme-260520-p49',
        data: {
          sourceId: 'techmeme-260520-p49',
          url: 'https://www.techmeme.com/260520/p49',
          title: 'SpaceX S-1: Anthropic is paying SpaceX $1.25B/mo.',
          publisher: 'Techmeme',
          author: 'Ina Fried',
          kind: 'ARTICLE',
          publishedOn: '2026-05-20',
        },
        citations: [],
        occurredOn: '2026-05-20',
      });
  });

  it('Given no publication date, Then occurredOn is null', () => {
    const event = given().when(registerSource({ publishedOn: null })).thenEvent();
    expect(event.occurredOn).toBeNull();
  });

  it('Given the id is taken by a company, Then ALREADY_EXISTS', () => {
    const error = given({ known: { 'techmeme-260520-p49': 'COMPANY' } })
      .when(registerSource())
      .thenThrows('ALREADY_EXISTS');
    expect(error.details).toEqual({ id: 'techmeme-260520-p49', existingKind: 'company' });
  });

  it('When the id is not a slug, Then BAD_USER_INPUT on input.id', () => {
    given().when(registerSource({ id: 'Not A Slug' })).thenThrows('BAD_USER_INPUT', ['input.id']);
    given().when(registerSource({ id: 'a'.repeat(101) })).thenThrows('BAD_USER_INPUT', ['input.id']);
  });

  it('When the title is blank and the url too long, Then BAD_USER_INPUT lists both fields', () => {
    given()
      .when(registerSource({ title: '   ', url: `https://x.com/${'a'.repeat(MAX_SHORT_TEXT)}` }))
      .thenThrows('BAD_USER_INPUT', ['input.title', 'input.url']);
  });

  it('When publisher or author exceed the short text limit, Then BAD_USER_INPUT', () => {
    const long = 'x'.repeat(MAX_SHORT_TEXT + 1);
    given()
      .when(registerSource({ publisher: long, author: long }))
      .thenThrows('BAD_USER_INPUT', ['input.publisher', 'input.author']);
  });

  it('When publishedOn is not a calendar date, Then BAD_USER_INPUT on input.publishedOn', () => {
    given().when(registerSource({ publishedOn: '2026-02-30' })).thenThrows('BAD_USER_INPUT', ['input.publishedOn']);
  });
});
