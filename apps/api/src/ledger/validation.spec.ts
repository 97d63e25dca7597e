import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { IsString } from 'class-validator';
import { DomainError } from '@ledger/domain/shared/errors';
import { SignDealInput } from '../deals/dto/sign-deal.input';
import { DealsArgs } from '../deals/dto/deals.args';
import { RecordTalentDepartureInput } from '../people/dto/record-talent-departure.input';
import { RegisterSourceInput } from '../sources/dto/register-source.input';
import { AsOfArgs } from './dto/as-of.args';
import { EventsArgs } from './dto/events.args';
import { PaginationArgs } from './dto/pagination.args';
import { flattenValidationErrors, ledgerValidationPipe } from './validation';

const pipe = ledgerValidationPipe();
const asInput = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype, data: 'input' });
const asArgs = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype, data: undefined });

async function failure(value: unknown, metadata: ArgumentMetadata): Promise<DomainError> {
  try {
    await pipe.transform(value, metadata);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('BAD_USER_INPUT');
    return error as DomainError;
  }
  throw new Error('expected validation to fail');
}

const citation = { sourceId: 'techmeme-260520-p49', quote: 'a quote', locator: null, role: 'PRIMARY' };
const validDeal = () => ({
  id: 'spacex-anthropic-compute-2026',
  title: 'Compute lease',
  kind: 'COMPUTE_LEASE',
  parties: [
    { companyId: 'spacex', role: 'PROVIDER' },
    { companyId: 'anthropic', role: 'CUSTOMER' },
  ],
  signedOn: '2026-05-20',
  terms: [
    { key: 'payment', amount: { value: '1250000000', unit: 'USD', per: 'MONTH' } },
    { key: 'starts_on', date: '2026-06-01' },
  ],
  citations: [citation],
});

describe('ledgerValidationPipe', () => {
  it('passes a valid input through as an instance of its class', async () => {
    const result = await pipe.transform(validDeal(), asInput(SignDealInput));
    expect(result).toBeInstanceOf(SignDealInput);
    expect((result as SignDealInput).terms[0]!.amount!.unit).toBe('USD');
  });

  it('reports nested paths prefixed by the argument name', async () => {
    const deal = validDeal();
    deal.terms[0]!.amount!.unit = '1 dollar';
    (deal.terms[1] as { key: string }).key = 'Starts On';
    deal.parties[1]!.companyId = 'Anthropic!';
    const error = await failure(deal, asInput(SignDealInput));
    expect(error.details.fields).toEqual(
      expect.arrayContaining(['input.terms.0.amount.unit', 'input.terms.1.key', 'input.parties.1.companyId']),
    );
    expect(error.details.fields).toHaveLength(3);
    expect(error.message).toMatch(/^Invalid input: /);
    expect(error.message).toContain('input.terms.0.amount.unit must be a unit');
    expect(error.message).toContain('input.parties.1.companyId must be a slug');
  });

  it('checks list sizes, required text, ids and nested citations', async () => {
    const deal = { ...validDeal(), id: 'X'.repeat(101), title: '   ', parties: [{ companyId: 'spacex', role: 'PROVIDER' }], citations: [] };
    const error = await failure(deal, asInput(SignDealInput));
    expect(error.details.fields).toEqual(expect.arrayContaining(['input.id', 'input.title', 'input.parties', 'input.citations']));

    const quote = 'q'.repeat(10_001);
    const withLongQuote = { ...validDeal(), citations: [{ ...citation, quote }] };
    expect((await failure(withLongQuote, asInput(SignDealInput))).details.fields).toEqual(['input.citations.0.quote']);
  });

  it('validates deeper nesting (person) and optional slugs', async () => {
    const error = await failure(
      { person: { id: 'Clive Chan', name: '' }, fromCompanyId: 'openai', citations: [citation] },
      asInput(RecordTalentDepartureInput),
    );
    expect(error.details.fields).toEqual(['input.person.id', 'input.person.name']);
  });

  it('accepts only http(s) URLs', async () => {
    const base = { id: 'src-1', title: 'A title', kind: 'ARTICLE' };
    await expect(pipe.transform({ ...base, url: 'https://techmeme.com/260520/p49' }, asInput(RegisterSourceInput))).resolves.toBeDefined();
    await expect(pipe.transform({ ...base, url: 'http://localhost:8080/x' }, asInput(RegisterSourceInput))).resolves.toBeDefined();
    expect((await failure({ ...base, url: 'javascript:alert(1)' }, asInput(RegisterSourceInput))).details.fields).toEqual(['input.url']);
    expect((await failure({ ...base, url: 'ftp://example.com/x' }, asInput(RegisterSourceInput))).details.fields).toEqual(['input.url']);
  });

  it('rejects unknown properties', async () => {
    const error = await failure({ ...validDeal(), extra: 1 }, asInput(SignDealInput));
    expect(error.details.fields).toEqual(['input.extra']);
  });

  it('uses bare argument names for Args classes', async () => {
    expect((await failure({ first: 0 }, asArgs(PaginationArgs))).details.fields).toEqual(['first']);
    expect((await failure({ first: 101, after: null }, asArgs(PaginationArgs))).details.fields).toEqual(['first']);
    expect((await failure({ first: 10, filter: { on: 5 } }, asArgs(DealsArgs))).details.fields).toEqual(['filter.on']);
    expect((await failure({ filter: { afterPosition: '-1' } }, asArgs(EventsArgs))).details.fields).toEqual(['filter.afterPosition']);
  });

  it('applies the page-size defaults', async () => {
    expect(await pipe.transform({}, asArgs(PaginationArgs))).toMatchObject({ first: 50 });
    expect(await pipe.transform({ first: null }, asArgs(PaginationArgs))).toMatchObject({ first: 50 });
    expect(await pipe.transform({}, asArgs(EventsArgs))).toMatchObject({ first: 100 });
  });

  it('requires exactly one of asOf(recordedAt, position)', async () => {
    await expect(pipe.transform({ position: '42' }, asArgs(AsOfArgs))).resolves.toBeDefined();
    await expect(pipe.transform({ recordedAt: new Date() }, asArgs(AsOfArgs))).resolves.toBeDefined();
    expect((await failure({}, asArgs(AsOfArgs))).details.fields).toEqual(['recordedAt']);
    expect((await failure({ position: '1', recordedAt: new Date() }, asArgs(AsOfArgs))).details.fields).toEqual(['recordedAt']);
    expect((await failure({ position: '01' }, asArgs(AsOfArgs))).details.fields).toEqual(['position']);
    expect((await failure({ position: '1.5' }, asArgs(AsOfArgs))).details.fields).toEqual(['position']);
  });
});

describe('flattenValidationErrors', () => {
  it('joins nested properties and array indexes with dots', () => {
    const problems = flattenValidationErrors([
      {
        property: 'terms',
        children: [
          { property: '0', children: [{ property: 'amount', children: [{ property: 'unit', constraints: { matches: 'unit must match' }, children: [] }] }] },
        ],
      },
    ]);
    expect(problems).toEqual([{ field: 'terms.0.amount.unit', messages: ['must match'] }]);
  });
});

describe('Given the memoised class-validator rules', () => {
  it('When a class gains a rule after it was validated, then the next validation applies the new rule too', async () => {
    class LateRules {
      declare name?: unknown;
      declare title?: unknown;
    }
    IsString()(LateRules.prototype, 'name');
    await expect(pipe.transform({ name: 'ok' }, asInput(LateRules))).resolves.toBeInstanceOf(LateRules);
    // Not a known property yet: refused by the whitelist.
    expect((await failure({ name: 'ok', title: 1 }, asInput(LateRules))).details).toEqual({ fields: ['input.title'] });
    IsString()(LateRules.prototype, 'title');
    const error = await failure({ name: 'ok', title: 1 }, asInput(LateRules));
    expect(error.message).toBe('Invalid input: input.title must be a string');
    await expect(pipe.transform({ name: 'ok', title: 'yes' }, asInput(LateRules))).resolves.toMatchObject({ name: 'ok', title: 'yes' });
  });
});
