import type { RecordedEvent } from '../ledger/events';
import { createdRow, ProjectionError } from '../ledger/row-meta';
import type { CompanyRow } from './read-model';

/** Companies are registered once and never change. */
export function evolveCompany(row: CompanyRow | null, event: RecordedEvent): CompanyRow {
  if (event.type !== 'COMPANY_REGISTERED' || row !== null) throw new ProjectionError('companies', row?.id ?? null, event);
  const { data } = event;
  return createdRow(data.companyId, event, { name: data.name, aliases: [...data.aliases] });
}
