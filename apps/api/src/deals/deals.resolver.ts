import { Args, Context, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { dealStatusOn, findTerm } from '@ledger/domain/deals/derived';
import { Allow } from '../auth/allow.decorator';
import { CompanyModel } from '../companies/models/company.model';
import { CommandService } from '../ledger/command.service';
import { IdArgs } from '../ledger/dto/pagination.args';
import { DealStatus } from '../ledger/enums';
import { companyAt, dealAt, eventModels, readAfterAppend } from '../ledger/entity-reads';
import type { LedgerContext } from '../ledger/ledger-context';
import { toLedgerEventModel } from '../ledger/ledger.mappers';
import { LedgerEventModel } from '../ledger/models/ledger-event.model';
import type { PlainFieldResolvers } from '../ledger/plain-field-resolvers';
import { DateScalar } from '../ledger/scalars/date.scalar';
import { dealsPage } from './deals.reads';
import { toAmendDealCommand, toContractTermModel, toSignDealCommand, toTerminateDealCommand, wholeDealRow } from './deals.mappers';
import { AmendDealInput } from './dto/amend-deal.input';
import { DealsArgs, TermKeyArgs } from './dto/deals.args';
import { SignDealInput } from './dto/sign-deal.input';
import { TerminateDealInput } from './dto/terminate-deal.input';
import { ContractTermModel, TermRevisionModel } from './models/contract-term.model';
import { DealPayloadModel } from './models/deal-payload.model';
import { DealConnectionModel, DealModel } from './models/deal.model';
import { PartyModel } from './models/party.model';

/** Deal.status(on:) as a plain graphql-js resolver. */
export function dealStatus(deal: DealModel, args: { readonly on?: string | null }, context: Pick<LedgerContext, 'today'>): DealStatus {
  return dealStatusOn(deal.row, args.on ?? context.today()) as DealStatus;
}

/** See withPlainFieldResolvers. */
export const DEALS_PLAIN_FIELD_RESOLVERS: PlainFieldResolvers = { Deal: { status: dealStatus } };

@Resolver(() => DealModel)
export class DealsResolver {
  constructor(private readonly commands: CommandService) {}

  @Allow('reader')
  @Query(() => DealModel, { nullable: true })
  async deal(@Args() { id }: IdArgs, @Context() context: LedgerContext): Promise<DealModel | null> {
    return dealAt(context, id, await context.headPosition());
  }

  @Allow('reader')
  @Query(() => DealConnectionModel)
  async deals(@Args() args: DealsArgs, @Context() context: LedgerContext, @Info() info: GraphQLResolveInfo): Promise<DealConnectionModel> {
    return dealsPage(context, await context.headPosition(), args, info);
  }

  // Resolved once per deal of a list (a company's deals): graphql-js calls dealStatus directly
  // (DEALS_PLAIN_FIELD_RESOLVERS), without Nest's parameter pipeline; the Date scalar has already
  // checked `on`. This method declares the field and its argument.
  @ResolveField('status', () => DealStatus, { description: 'Status on world date `on` (default: today).' })
  status(
    @Parent() deal: DealModel,
    @Context() context: LedgerContext,
    @Args('on', { type: () => DateScalar, nullable: true }) on?: string | null,
  ): DealStatus {
    return dealStatus(deal, { on }, context);
  }

  @ResolveField('term', () => ContractTermModel, { nullable: true })
  term(@Parent() deal: DealModel, @Args() { key }: TermKeyArgs): ContractTermModel | null {
    const term = findTerm(wholeDealRow(deal), key);
    return term && toContractTermModel(term, deal.viewPosition);
  }

  @ResolveField('history', () => [LedgerEventModel])
  async history(@Parent() deal: DealModel, @Context() context: LedgerContext): Promise<LedgerEventModel[]> {
    return eventModels(await context.loaders.events('stream', deal.id, deal.viewPosition), deal.viewPosition);
  }

  @Allow('journalist')
  @Mutation(() => DealPayloadModel)
  async signDeal(@Args('input', { type: () => SignDealInput }) input: SignDealInput, @Context() context: LedgerContext): Promise<DealPayloadModel> {
    const result = await this.commands.execute('signDeal', input, toSignDealCommand(input), context);
    const { entity, event } = await readAfterAppend(context, result, dealAt);
    return Object.assign(new DealPayloadModel(), { deal: entity, event });
  }

  @Allow('journalist')
  @Mutation(() => DealPayloadModel)
  async amendDeal(@Args('input', { type: () => AmendDealInput }) input: AmendDealInput, @Context() context: LedgerContext): Promise<DealPayloadModel> {
    const result = await this.commands.execute('amendDeal', input, toAmendDealCommand(input), context);
    const { entity, event } = await readAfterAppend(context, result, dealAt);
    return Object.assign(new DealPayloadModel(), { deal: entity, event });
  }

  @Allow('journalist')
  @Mutation(() => DealPayloadModel)
  async terminateDeal(
    @Args('input', { type: () => TerminateDealInput }) input: TerminateDealInput,
    @Context() context: LedgerContext,
  ): Promise<DealPayloadModel> {
    const result = await this.commands.execute('terminateDeal', input, toTerminateDealCommand(input), context);
    const { entity, event } = await readAfterAppend(context, result, dealAt);
    return Object.assign(new DealPayloadModel(), { deal: entity, event });
  }
}

@Resolver(() => PartyModel)
export class PartyResolver {
  @ResolveField('company', () => CompanyModel)
  async company(@Parent() party: PartyModel, @Context() context: LedgerContext): Promise<CompanyModel> {
    const company = await companyAt(context, party.companyId, party.viewPosition);
    if (!company) throw new Error(`Party ${party.companyId} missing at ${party.viewPosition}`);
    return company;
  }
}

@Resolver(() => TermRevisionModel)
export class TermRevisionResolver {
  @ResolveField('event', () => LedgerEventModel, { description: 'The DEAL_SIGNED or DEAL_AMENDED event that set it.' })
  async event(@Parent() revision: TermRevisionModel, @Context() context: LedgerContext): Promise<LedgerEventModel> {
    const stored = await context.loaders.event(revision.eventId, revision.viewPosition);
    if (!stored) throw new Error(`Event ${revision.eventId} missing at ${revision.viewPosition}`);
    return toLedgerEventModel(stored, revision.viewPosition);
  }
}
