import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { threadStatistics } from '@ledger/domain/claims/derived';
import { Allow } from '../auth/allow.decorator';
import { CompanyModel } from '../companies/models/company.model';
import { CommandService } from '../ledger/command.service';
import { IdArgs } from '../ledger/dto/pagination.args';
import { ArgumentStatus } from '../ledger/enums';
import {
  argumentStatusOf,
  claimAt,
  companyAt,
  eventModels,
  isClaimContested,
  readAfterAppend,
  threadOf,
} from '../ledger/entity-reads';
import type { LedgerContext } from '../ledger/ledger-context';
import { LedgerEventModel } from '../ledger/models/ledger-event.model';
import { claimsPage, directRebuttals } from './claims.reads';
import { toArgumentThreadModel, toClaimValuationCommand, toMakeClaimCommand } from './claims.mappers';
import { ClaimValuationInput } from './dto/claim-valuation.input';
import { ClaimsArgs } from './dto/claims.args';
import { MakeClaimInput } from './dto/make-claim.input';
import { ArgumentThreadModel } from './models/argument-thread.model';
import { ClaimPayloadModel } from './models/claim-payload.model';
import { ClaimConnectionModel, ClaimModel } from './models/claim.model';
import { RebuttalModel } from './models/rebuttal.model';

@Resolver(() => ClaimModel)
export class ClaimsResolver {
  constructor(private readonly commands: CommandService) {}

  @Allow('reader')
  @Query(() => ClaimModel, { nullable: true })
  async claim(@Args() { id }: IdArgs, @Context() context: LedgerContext): Promise<ClaimModel | null> {
    return claimAt(context, id, await context.headPosition());
  }

  @Allow('reader')
  @Query(() => ClaimConnectionModel)
  async claims(@Args() args: ClaimsArgs, @Context() context: LedgerContext): Promise<ClaimConnectionModel> {
    return claimsPage(context, await context.headPosition(), args);
  }

  @ResolveField('subjects', () => [CompanyModel])
  async subjects(@Parent() claim: ClaimModel, @Context() context: LedgerContext): Promise<CompanyModel[]> {
    const companies = await Promise.all(claim.row.subjectIds.map((id) => companyAt(context, id, claim.viewPosition)));
    return companies.filter((company): company is CompanyModel => company !== null);
  }

  @ResolveField('status', () => ArgumentStatus)
  async status(@Parent() claim: ClaimModel, @Context() context: LedgerContext): Promise<ArgumentStatus> {
    return (await argumentStatusOf(context, claim.row, claim.viewPosition)) as ArgumentStatus;
  }

  @ResolveField('contested', () => Boolean, {
    description: 'True when at least one REFUTES rebuttal, at any depth below, is not retracted.',
  })
  async contested(@Parent() claim: ClaimModel, @Context() context: LedgerContext): Promise<boolean> {
    return isClaimContested(context, claim.row, claim.viewPosition);
  }

  @ResolveField('rebuttals', () => [RebuttalModel])
  async rebuttals(@Parent() claim: ClaimModel, @Context() context: LedgerContext): Promise<RebuttalModel[]> {
    return directRebuttals(context, claim.id, claim.id, claim.viewPosition);
  }

  @ResolveField('thread', () => ArgumentThreadModel)
  async thread(@Parent() claim: ClaimModel, @Context() context: LedgerContext): Promise<ArgumentThreadModel> {
    return toArgumentThreadModel(threadStatistics(claim.row, await threadOf(context, claim.id, claim.viewPosition)));
  }

  @ResolveField('history', () => [LedgerEventModel])
  async history(@Parent() claim: ClaimModel, @Context() context: LedgerContext): Promise<LedgerEventModel[]> {
    return eventModels(await context.loaders.events('stream', claim.id, claim.viewPosition), claim.viewPosition);
  }

  @Allow('journalist')
  @Mutation(() => ClaimPayloadModel)
  async claimValuation(
    @Args('input', { type: () => ClaimValuationInput }) input: ClaimValuationInput,
    @Context() context: LedgerContext,
  ): Promise<ClaimPayloadModel> {
    const command = toClaimValuationCommand(input, (hint) => this.commands.newId(hint));
    const result = await this.commands.execute('claimValuation', input, command, context);
    const { entity, event } = await readAfterAppend(context, result, claimAt);
    return Object.assign(new ClaimPayloadModel(), { claim: entity, event });
  }

  @Allow('journalist')
  @Mutation(() => ClaimPayloadModel)
  async makeClaim(@Args('input', { type: () => MakeClaimInput }) input: MakeClaimInput, @Context() context: LedgerContext): Promise<ClaimPayloadModel> {
    const command = toMakeClaimCommand(input, (hint) => this.commands.newId(hint));
    const result = await this.commands.execute('makeClaim', input, command, context);
    const { entity, event } = await readAfterAppend(context, result, claimAt);
    return Object.assign(new ClaimPayloadModel(), { claim: entity, event });
  }
}
