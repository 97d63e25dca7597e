import type { RegisterCompany } from '@ledger/domain/companies/commands';
import type { CompanyRow } from '@ledger/domain/companies/read-model';
import type { Amount } from '@ledger/domain/shared/values';
import { createModel, toAmountModel } from '../ledger/ledger.mappers';
import type { RegisterCompanyInput } from './dto/register-company.input';
import { CompanyModel } from './models/company.model';
import { DealFlowsModel } from './models/deal-flows.model';

export function toCompanyModel(row: CompanyRow, viewPosition: string): CompanyModel {
  return createModel(CompanyModel, {
    id: row.id,
    name: row.name,
    aliases: [...row.aliases],
    row,
    viewPosition,
  });
}

/** From the domain's `dealFlows(companyId, deals, on)` result. */
export function toDealFlowsModel(flows: {
  readonly inboundPerMonth: readonly Amount[];
  readonly outboundPerMonth: readonly Amount[];
}): DealFlowsModel {
  return createModel(DealFlowsModel, {
    inboundPerMonth: flows.inboundPerMonth.map(toAmountModel),
    outboundPerMonth: flows.outboundPerMonth.map(toAmountModel),
  });
}

export function toRegisterCompanyCommand(input: RegisterCompanyInput): RegisterCompany {
  return { type: 'registerCompany', id: input.id, name: input.name, aliases: [...(input.aliases ?? [])] };
}
