import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../auth/allow.decorator';
import { CommandService } from '../ledger/command.service';
import { eventModels, readAfterAppend, sourceAt } from '../ledger/entity-reads';
import type { LedgerContext } from '../ledger/ledger-context';
import { IdArgs, PaginationArgs } from '../ledger/dto/pagination.args';
import { LedgerEventModel } from '../ledger/models/ledger-event.model';
import { RegisterSourceInput } from './dto/register-source.input';
import { SourcePayloadModel } from './models/source-payload.model';
import { SourceConnectionModel, SourceModel } from './models/source.model';
import { sourcesPage } from './sources.reads';
import { toRegisterSourceCommand } from './sources.mappers';

@Resolver(() => SourceModel)
export class SourcesResolver {
  constructor(private readonly commands: CommandService) {}

  @Allow('reader')
  @Query(() => SourceModel, { nullable: true })
  async source(@Args() { id }: IdArgs, @Context() context: LedgerContext): Promise<SourceModel | null> {
    return sourceAt(context, id, await context.headPosition());
  }

  @Allow('reader')
  @Query(() => SourceConnectionModel)
  async sources(@Args() args: PaginationArgs, @Context() context: LedgerContext): Promise<SourceConnectionModel> {
    return sourcesPage(context, await context.headPosition(), args);
  }

  @ResolveField('citedBy', () => [LedgerEventModel], { description: 'Every ledger entry that cites this source.' })
  async citedBy(@Parent() source: SourceModel, @Context() context: LedgerContext): Promise<LedgerEventModel[]> {
    const mentioning = await context.loaders.events('mention', source.id, source.viewPosition);
    const citing = mentioning.filter((stored) => stored.event.citations.some((citation) => citation.sourceId === source.id));
    return eventModels(citing, source.viewPosition);
  }

  @Allow('journalist')
  @Mutation(() => SourcePayloadModel)
  async registerSource(
    @Args('input', { type: () => RegisterSourceInput }) input: RegisterSourceInput,
    @Context() context: LedgerContext,
  ): Promise<SourcePayloadModel> {
    const result = await this.commands.execute('registerSource', input, toRegisterSourceCommand(input), context);
    const { entity, event } = await readAfterAppend(context, result, sourceAt);
    return Object.assign(new SourcePayloadModel(), { source: entity, event });
  }
}
