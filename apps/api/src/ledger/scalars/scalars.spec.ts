import { GraphQLError, graphql, GraphQLObjectType, GraphQLSchema, GraphQLString, parseValue } from 'graphql';
import { DateScalar, DateTimeScalar, DecimalScalar, isScalarError, JSONScalar, ScalarInputError, ScalarLiteralError } from './index';

/** parseValue throws a ScalarInputError (a GraphQLError); parseLiteral a ScalarLiteralError (see its comment). */
function rejects(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    expect(isScalarError(error)).toBe(true);
    if (error instanceof GraphQLError) expect(error).toBeInstanceOf(ScalarInputError);
    else expect(error).toBeInstanceOf(ScalarLiteralError);
    expect((error as { extensions: { code: string } }).extensions.code).toBe('BAD_USER_INPUT');
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('Decimal', () => {
  it.each([
    ['1250000000', '1250000000'],
    ['-0.25', '-0.25'],
    ['1.50', '1.5'],
    ['0', '0'],
    ['-0', '0'],
    ['0.000', '0'],
    ['1234567890123456789012345678901234567890', '1234567890123456789012345678901234567890'],
  ])('accepts the string %p as %p', (input, canonical) => {
    expect(DecimalScalar.parseValue(input)).toBe(canonical);
    expect(DecimalScalar.parseLiteral(parseValue(JSON.stringify(input)), undefined)).toBe(canonical);
  });

  it('rejects bad string literals too', () => {
    rejects(() => DecimalScalar.parseLiteral(parseValue('"1.25e9"'), undefined));
    rejects(() => DateScalar.parseLiteral(parseValue('"2026-02-30"'), undefined));
    rejects(() => DateTimeScalar.parseLiteral(parseValue('"2026-02-30T00:00:00Z"'), undefined));
  });

  it.each([1.5, 1250000000, 0, Number.NaN, Infinity, null, true, {}, []])('rejects the non-string %p', (input) => {
    const error = rejects(() => DecimalScalar.parseValue(input));
    expect(error.message).toMatch(/Decimal must be/);
  });

  it.each(['1.25e9', '1E3', 'NaN', 'Infinity', '-Infinity', '+1', '01', '00.5', '.5', '5.', '', ' 1', '1 ', '1,000', '0x10', '12345678901234567890123456789012345678901'])(
    'rejects the string %p',
    (input) => {
      rejects(() => DecimalScalar.parseValue(input));
    },
  );

  it('rejects number literals, even integers', () => {
    rejects(() => DecimalScalar.parseLiteral(parseValue('1.25e9'), undefined));
    rejects(() => DecimalScalar.parseLiteral(parseValue('1250000000'), undefined));
    rejects(() => DecimalScalar.parseLiteral(parseValue('1.5'), undefined));
  });

  it('serialises canonically', () => {
    expect(DecimalScalar.serialize('1250000000.00')).toBe('1250000000');
    expect(DecimalScalar.serialize('-0')).toBe('0');
    expect(DecimalScalar.serialize(12n)).toBe('12');
    expect(() => DecimalScalar.serialize(1.5)).toThrow();
    expect(() => DecimalScalar.serialize('abc')).toThrow();
  });
});

describe('Date', () => {
  it.each(['2026-05-20', '2024-02-29', '0001-01-01', '9999-12-31'])('accepts %p', (input) => {
    expect(DateScalar.parseValue(input)).toBe(input);
    expect(DateScalar.parseLiteral(parseValue(JSON.stringify(input)), undefined)).toBe(input);
  });

  it.each(['2026-02-30', '2026-13-01', '2025-02-29', '2026-00-10', '2026-01-00', '2026-1-5', '20260520', '2026-05-20T00:00:00Z', '', 'today'])(
    'rejects %p',
    (input) => {
      const error = rejects(() => DateScalar.parseValue(input));
      expect(error.message).toMatch(/real calendar date/);
    },
  );

  it('rejects non-strings', () => {
    rejects(() => DateScalar.parseValue(20260520));
    rejects(() => DateScalar.parseLiteral(parseValue('20260520'), undefined));
  });

  it('serialises strings and Dates', () => {
    expect(DateScalar.serialize('2026-05-20')).toBe('2026-05-20');
    expect(DateScalar.serialize(new Date('2026-05-20T23:00:00.000Z'))).toBe('2026-05-20');
    expect(() => DateScalar.serialize('2026-02-30')).toThrow();
  });
});

describe('DateTime', () => {
  it.each([
    ['2026-05-20T14:03:00.000Z', '2026-05-20T14:03:00.000Z'],
    ['2026-05-20T14:03:00Z', '2026-05-20T14:03:00.000Z'],
    ['2026-05-20T16:03:00.000+02:00', '2026-05-20T14:03:00.000Z'],
    ['2026-05-20T10:03:00-04:00', '2026-05-20T14:03:00.000Z'],
    ['2026-05-20t14:03:00.5z', '2026-05-20T14:03:00.500Z'],
    ['2026-05-20T14:03:00.123456789Z', '2026-05-20T14:03:00.123Z'],
  ])('parses %p to a Date', (input, iso) => {
    const parsed = DateTimeScalar.parseValue(input);
    expect(parsed).toBeInstanceOf(Date);
    expect(parsed.toISOString()).toBe(iso);
    expect(DateTimeScalar.serialize(input)).toBe(iso);
  });

  it.each([
    '2026-05-20T14:03:00', // no offset
    '2026-05-20 14:03:00Z',
    '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-05-20T24:00:00Z',
    '2026-05-20T14:60:00Z',
    '2026-05-20T14:03:00+2:00',
    '2026-05-20',
    'yesterday',
    '',
  ])('rejects %p', (input) => {
    const error = rejects(() => DateTimeScalar.parseValue(input));
    expect(error.message).toMatch(/RFC 3339/);
  });

  it('rejects numbers (epoch millis) and number literals', () => {
    rejects(() => DateTimeScalar.parseValue(1_780_000_000_000));
    rejects(() => DateTimeScalar.parseLiteral(parseValue('1780000000000'), undefined));
  });

  it('serialises Dates and strings in UTC with milliseconds', () => {
    expect(DateTimeScalar.serialize(new Date(Date.UTC(2026, 4, 20, 14, 3)))).toBe('2026-05-20T14:03:00.000Z');
    expect(() => DateTimeScalar.serialize(new Date('nope'))).toThrow();
    expect(() => DateTimeScalar.serialize(42)).toThrow();
  });
});

describe('JSON', () => {
  it('passes any JSON value through, literals included', () => {
    expect(JSONScalar.serialize({ a: [1, 'x', null, true] })).toEqual({ a: [1, 'x', null, true] });
    expect(JSONScalar.parseValue([1, { b: 2 }])).toEqual([1, { b: 2 }]);
    expect(JSONScalar.parseLiteral(parseValue('{ a: [1, 2.5, "x", null, true], b: { c: $v } }'), { v: 7 })).toEqual({
      a: [1, 2.5, 'x', null, true],
      b: { c: 7 },
    });
  });
});

describe('in a schema', () => {
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        echo: {
          type: GraphQLString,
          args: { value: { type: DecimalScalar }, on: { type: DateScalar }, at: { type: DateTimeScalar } },
          resolve: (_root, args: { value?: string; on?: string; at?: Date }) =>
            JSON.stringify([args.value ?? null, args.on ?? null, args.at?.toISOString() ?? null]),
        },
      },
    }),
  });

  it('gives resolvers canonical values', async () => {
    const result = await graphql({
      schema,
      source: 'query($v: Decimal, $at: DateTime) { echo(value: $v, on: "2026-05-20", at: $at) }',
      variableValues: { v: '10.50', at: '2026-05-20T16:03:00+02:00' },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.echo).toBe('["10.5","2026-05-20","2026-05-20T14:03:00.000Z"]');
  });

  it('reports a float variable with BAD_USER_INPUT and our error as the original', async () => {
    const result = await graphql({ schema, source: 'query($v: Decimal) { echo(value: $v) }', variableValues: { v: 1.25e9 } });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.originalError).toBeInstanceOf(ScalarInputError);
  });
});
