import { Args, Context, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { argumentStatuses, latestStandingClaim } from '@ledger/domain/claims/derived';
import { dealFlows, dealStatusOn, type DealStatusFacts } from '@ledger/domain/deals/derived';
import type { DealRow } from '@ledger/domain/deals/read-model';
import { Allow } from '../auth/allow.decorator';
import { toClaimModel } from '../claims/claims.mappers';
import { ClaimModel } from '../claims/models/claim.model';
import { DEAL_SUMMARY_FIELDS, toDealModel, toDealSummaryModel } from '../deals/deals.mappers';
import { DealModel } from '../deals/models/deal.model';
import { CommandService } from '../ledger/command.service';
import { IdArgs } from '../ledger/dto/pagination.args';
import { OnDateArgs } from '../ledger/dto/on-date.args';
import { companyAt, eventModels, readAfterAppend, threadOf } from '../ledger/entity-reads';
import { selectsOnly } from '../ledger/field-selection';
import type { LedgerContext } from '../ledger/ledger-context';
import { LedgerEventModel } from '../ledger/models/ledger-event.model';
import { TalentMoveModel } from '../people/models/talent-move.model';
import { toTalentMoveModel } from '../people/people.mappers';
import { companiesPage } from './companies.reads';
import { toDealFlowsModel, toRegisterCompanyCommand } from './companies.mappers';
import { CompaniesArgs, CompanyClaimsArgs, CompanyDealsArgs, LatestClaimArgs } from './dto/companies.args';
import { RegisterCompanyInput } from './dto/register-company.input';
import { CompanyPayloadModel } from './models/company-payload.model';
import { DealFlowsModel } from './models/deal-flows.model';
import { CompanyConnectionModel, CompanyModel } from './models/company.model';

@Resolver(() => CompanyModel)
export class CompaniesResolver {
  constructor(private readonly commands: CommandService) {}

  @Allow('reader')
  @Query(() => CompanyModel, { nullable: true })
  async company(@Args() { id }: IdArgs, @Context() context: LedgerContext): Promise<CompanyModel | null> {
    return companyAt(context, id, await context.headPosition());
  }

  @Allow('reader')
  @Query(() => CompanyConnectionModel)
  async companies(@Args() args: CompaniesArgs, @Context() context: LedgerContext): Promise<CompanyConnectionModel> {
    return companiesPage(context, await context.headPosition(), args);
  }

  @ResolveField('deals', () => [DealModel], {
    description: 'The deals this company is a party to, seen on world date `on` (default: today).',
  })
  async deals(
    @Parent() company: CompanyModel,
    @Args() args: CompanyDealsArgs,
    @Context() context: LedgerContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<DealModel[]> {
    const on = args.on ?? context.today();
    const keep = (deal: DealStatusFacts & Pick<DealRow, 'parties'>): boolean =>
      (!args.role || deal.parties.some((party) => party.companyId === company.id && party.role === args.role)) &&
      (!args.status || dealStatusOn(deal, on) === args.status);
    // A company can be a party to hundreds of deals: when the query asks only for what a list shows,
    // each deal is read as its summary (a tenth of the JSON) instead of whole.
    if (selectsOnly(info, DEAL_SUMMARY_FIELDS)) {
      const summaries = await context.loaders.summariesBy('deals', 'party_ids', company.id, company.viewPosition);
      return summaries.filter(keep).map((deal) => toDealSummaryModel(deal, company.viewPosition));
    }
    const rows = await context.loaders.rowsBy('deals', 'party_ids', company.id, company.viewPosition);
    return rows.filter(keep).map((deal) => toDealModel(deal, company.viewPosition));
  }

  @ResolveField('claims', () => [ClaimModel])
  async claims(@Parent() company: CompanyModel, @Args() args: CompanyClaimsArgs, @Context() context: LedgerContext): Promise<ClaimModel[]> {
    const rows = await context.loaders.rowsBy('claims', 'subject_ids', company.id, company.viewPosition);
    return rows.filter((claim) => !args.metric || claim.metric === args.metric).map((claim) => toClaimModel(claim, company.viewPosition));
  }

  @ResolveField('latestClaim', () => ClaimModel, {
    nullable: true,
    description: 'The most recent standing claim for this metric, by occurredOn, then by position.',
  })
  async latestClaim(@Parent() company: CompanyModel, @Args() args: LatestClaimArgs, @Context() context: LedgerContext): Promise<ClaimModel | null> {
    const at = company.viewPosition;
    const rows = (await context.loaders.rowsBy('claims', 'subject_ids', company.id, at)).filter((claim) => claim.metric === args.metric);
    const withStatus = await Promise.all(
      rows.map(async (claim) => ({ claim, status: argumentStatuses(claim, await threadOf(context, claim.id, at)).get(claim.id)! })),
    );
    const latest = latestStandingClaim(withStatus, args.metric);
    return latest && toClaimModel(latest, at);
  }

  @ResolveField('departures', () => [TalentMoveModel])
  async departures(@Parent() company: CompanyModel, @Context() context: LedgerContext): Promise<TalentMoveModel[]> {
    const rows = await context.loaders.rowsBy('talent_moves', 'from_company_id', company.id, company.viewPosition);
    return rows.map((row) => toTalentMoveModel(row, company.viewPosition));
  }

  @ResolveField('arrivals', () => [TalentMoveModel])
  async arrivals(@Parent() company: CompanyModel, @Context() context: LedgerContext): Promise<TalentMoveModel[]> {
    const rows = await context.loaders.rowsBy('talent_moves', 'to_company_id', company.id, company.viewPosition);
    return rows.map((row) => toTalentMoveModel(row, company.viewPosition));
  }

  @ResolveField('dealFlows', () => DealFlowsModel, {
    description:
      'Recurring payments of the deals ACTIVE on world date `on`, normalised per month ' +
      '(YEAR / 12, QUARTER / 3, rounded half-even to 2 decimals) and summed per unit.',
  })
  async dealFlows(@Parent() company: CompanyModel, @Args() args: OnDateArgs, @Context() context: LedgerContext): Promise<DealFlowsModel> {
    const rows = await context.loaders.rowsBy('deals', 'party_ids', company.id, company.viewPosition);
    return toDealFlowsModel(dealFlows(company.id, rows, args.on ?? context.today()));
  }

  @ResolveField('history', () => [LedgerEventModel], { description: 'Every ledger entry that concerns this company, in ledger order.' })
  async history(@Parent() company: CompanyModel, @Context() context: LedgerContext): Promise<LedgerEventModel[]> {
    return eventModels(await context.loaders.events('mention', company.id, company.viewPosition), company.viewPosition);
  }

  @Allow('journalist')
  @Mutation(() => CompanyPayloadModel)
  async registerCompany(
    @Args('input', { type: () => RegisterCompanyInput }) input: RegisterCompanyInput,
    @Context() context: LedgerContext,
  ): Promise<CompanyPayloadModel> {
    const result = await this.commands.execute('registerCompany', input, toRegisterCompanyCommand(input), context);
    const { entity, event } = await readAfterAppend(context, result, companyAt);
    return Object.assign(new CompanyPayloadModel(), { company: entity, event });
  }
}

