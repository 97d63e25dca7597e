import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../auth/allow.decorator';
import { CommandService } from '../ledger/command.service';
import { IdArgs } from '../ledger/dto/pagination.args';
import { ArgumentStatus } from '../ledger/enums';
import { argumentStatusOf, claimAt, readAfterAppend, rebuttalAt } from '../ledger/entity-reads';
import type { LedgerContext } from '../ledger/ledger-context';
import { directRebuttals } from './claims.reads';
import { toPostRebuttalCommand } from './claims.mappers';
import { PostRebuttalInput } from './dto/post-rebuttal.input';
import { ArgumentNodeModel } from './models/argument-node.model';
import { ClaimModel } from './models/claim.model';
import { RebuttalPayloadModel } from './models/rebuttal-payload.model';
import { RebuttalModel } from './models/rebuttal.model';

@Resolver(() => RebuttalModel)
export class RebuttalsResolver {
  constructor(private readonly commands: CommandService) {}

  @Allow('reader')
  @Query(() => RebuttalModel, { nullable: true })
  async rebuttal(@Args() { id }: IdArgs, @Context() context: LedgerContext): Promise<RebuttalModel | null> {
    return rebuttalAt(context, id, await context.headPosition());
  }

  @ResolveField('target', () => ArgumentNodeModel)
  async target(@Parent() rebuttal: RebuttalModel, @Context() context: LedgerContext): Promise<ClaimModel | RebuttalModel> {
    const target =
      rebuttal.targetId === rebuttal.rootClaimId
        ? await claimAt(context, rebuttal.targetId, rebuttal.viewPosition)
        : await rebuttalAt(context, rebuttal.targetId, rebuttal.viewPosition);
    if (!target) throw new Error(`Rebuttal target ${rebuttal.targetId} missing at ${rebuttal.viewPosition}`);
    return target;
  }

  @ResolveField('root', () => ClaimModel, { description: 'The claim at the root of this thread.' })
  async root(@Parent() rebuttal: RebuttalModel, @Context() context: LedgerContext): Promise<ClaimModel> {
    const root = await claimAt(context, rebuttal.rootClaimId, rebuttal.viewPosition);
    if (!root) throw new Error(`Root claim ${rebuttal.rootClaimId} missing at ${rebuttal.viewPosition}`);
    return root;
  }

  @ResolveField('status', () => ArgumentStatus)
  async status(@Parent() rebuttal: RebuttalModel, @Context() context: LedgerContext): Promise<ArgumentStatus> {
    return (await argumentStatusOf(context, rebuttal.row, rebuttal.viewPosition)) as ArgumentStatus;
  }

  @ResolveField('rebuttals', () => [RebuttalModel])
  async rebuttals(@Parent() rebuttal: RebuttalModel, @Context() context: LedgerContext): Promise<RebuttalModel[]> {
    return directRebuttals(context, rebuttal.id, rebuttal.rootClaimId, rebuttal.viewPosition);
  }

  @Allow('journalist')
  @Mutation(() => RebuttalPayloadModel)
  async postRebuttal(
    @Args('input', { type: () => PostRebuttalInput }) input: PostRebuttalInput,
    @Context() context: LedgerContext,
  ): Promise<RebuttalPayloadModel> {
    const command = toPostRebuttalCommand(input, (hint) => this.commands.newId(hint));
    const result = await this.commands.execute('postRebuttal', input, command, context);
    const { entity, event } = await readAfterAppend(context, result, rebuttalAt);
    return Object.assign(new RebuttalPayloadModel(), { rebuttal: entity, event });
  }
}
