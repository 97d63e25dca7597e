import type { LedgerContext } from '../ledger/ledger-context';
import { connectionFrom, decodeAfter } from '../ledger/pagination';
import { toCompanyModel } from './companies.mappers';
import type { CompaniesArgs } from './dto/companies.args';
import { CompanyConnectionModel } from './models/company.model';

/** A page of companies as of `at`, ordered by id, optionally by a case-insensitive part of the name. */
export async function companiesPage(context: LedgerContext, at: string, args: CompaniesArgs): Promise<CompanyConnectionModel> {
  const rows = await context.reader.listRows('companies', at, {
    afterId: decodeAfter(args.after, 'id'),
    limit: args.first + 1,
    filter: args.nameContains ? { nameContains: args.nameContains } : undefined,
  });
  const connection = connectionFrom(rows.map((row) => toCompanyModel(row, at)), args.first, (company) => company.id);
  return Object.assign(new CompanyConnectionModel(), connection);
}
