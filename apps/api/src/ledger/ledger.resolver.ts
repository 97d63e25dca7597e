import { Args, Context, Info, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { badInput } from '@ledger/domain/shared/errors';
import { LedgerAudit, MAX_POSITION, type StoredEvent } from '@ledger/event-store';
import { Allow } from '../auth/allow.decorator';
import type { Role } from '../auth/roles';
import { claimsPage } from '../claims/claims.reads';
import { ClaimsArgs } from '../claims/dto/claims.args';
import { ClaimConnectionModel, ClaimModel } from '../claims/models/claim.model';
import { RebuttalModel } from '../claims/models/rebuttal.model';
import { companiesPage } from '../companies/companies.reads';
import { CompaniesArgs } from '../companies/dto/companies.args';
import { CompanyConnectionModel, CompanyModel } from '../companies/models/company.model';
import { dealsPage } from '../deals/deals.reads';
import { DealsArgs } from '../deals/dto/deals.args';
import { DealConnectionModel, DealModel } from '../deals/models/deal.model';
import { PersonModel } from '../people/models/person.model';
import { SourceModel } from '../sources/models/source.model';
import { CommandService } from './command.service';
import { AsOfArgs } from './dto/as-of.args';
import { EventAppendedArgs, EventsArgs } from './dto/events.args';
import { EventStreamService } from './event-stream.service';
import { IdArgs } from './dto/pagination.args';
import { RetractInput } from './dto/retract.input';
import { VerifyLedgerArgs } from './dto/verify-ledger.args';
import {
  claimAt,
  companyAt,
  dealAt,
  personAt,
  readAfterAppend,
  rebuttalAt,
  sourceAt,
  talentMoveAt,
} from './entity-reads';
import type { LedgerContext } from './ledger-context';
import {
  toLedgerEventModel,
  toLedgerHeadModel,
  toLedgerViewModel,
  toRetractCommand,
  toVerificationModel,
} from './ledger.mappers';
import { CitationModel } from './models/citation.model';
import { LedgerEventConnectionModel, LedgerEventModel } from './models/ledger-event.model';
import { LedgerHeadModel } from './models/ledger-head.model';
import { LedgerViewModel } from './models/ledger-view.model';
import { NodeModel } from './models/node.model';
import { RetractPayloadModel } from './models/retract-payload.model';
import { VerificationModel } from './models/verification.model';
import { connectionFrom, decodeAfter, isBigintPosition } from './pagination';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type NodeValue = SourceModel | CompanyModel | DealModel | ClaimModel | RebuttalModel | PersonModel | LedgerEventModel | NodeModel;

/** node(id) at a position: entities by their slug, events by their UUID. */
async function nodeAt(context: LedgerContext, id: string, at: string): Promise<NodeValue | null> {
  if (UUID.test(id)) {
    const stored = await context.loaders.event(id.toLowerCase(), at);
    return stored && toLedgerEventModel(stored, at);
  }
  const kind = (await context.reader.kindsOf([id], at)).get(id);
  switch (kind) {
    case 'SOURCE':
      return sourceAt(context, id, at);
    case 'COMPANY':
      return companyAt(context, id, at);
    case 'DEAL':
      return dealAt(context, id, at);
    case 'CLAIM':
      return claimAt(context, id, at);
    case 'REBUTTAL':
      return rebuttalAt(context, id, at);
    case 'PERSON':
      return personAt(context, id, at);
    case 'TALENT_MOVE':
      return talentMoveAt(context, id, at);
    default:
      return null;
  }
}

/** node(id) applies the typed field's rule: an event UUID is Query.event's (auditor), an entity slug the reader's. */
const nodeAccessRule = (args: Readonly<Record<string, unknown>>): Role =>
  typeof args.id === 'string' && UUID.test(args.id) ? 'auditor' : 'reader';

/** Each event a subscription delivers is read on its own, at its own position (see LedgerContext.beginRead). */
export function resolveEventAppended(stored: StoredEvent, _args: unknown, context: LedgerContext): LedgerEventModel {
  context.beginRead();
  return toLedgerEventModel(stored, stored.event.position);
}

@Resolver(() => LedgerViewModel)
export class LedgerResolver {
  constructor(
    private readonly commands: CommandService,
    private readonly audit: LedgerAudit,
    private readonly stream: EventStreamService,
  ) {}

  @Allow('reader')
  @Subscription(() => LedgerEventModel, {
    description: 'Each event once committed, in position order, optionally filtered.',
    resolve: resolveEventAppended,
  })
  eventAppended(@Args() args: EventAppendedArgs): AsyncIterableIterator<StoredEvent> {
    return this.stream.subscribe(args);
  }

  @Allow(nodeAccessRule)
  @Query(() => NodeModel, { nullable: true })
  async node(@Args() { id }: IdArgs, @Context() context: LedgerContext): Promise<NodeValue | null> {
    return nodeAt(context, id, await context.headPosition());
  }

  @Allow('reader')
  @Query(() => LedgerViewModel, {
    description:
      'Time travel: the state as the ledger stood at ledger instant `recordedAt`, or right after global ' +
      '`position`. Give exactly one. Everything read inside is cut at that point.',
  })
  async asOf(@Args() args: AsOfArgs, @Context() context: LedgerContext): Promise<LedgerViewModel> {
    if (args.position !== null && args.position !== undefined) {
      const position = BigInt(args.position).toString();
      const { head, recordedAt } = await context.reader.headAndInstantOf(position);
      if (BigInt(position) > BigInt(head)) {
        throw badInput(`Position ${position} is after the ledger head (${head})`, ['position']);
      }
      return toLedgerViewModel(position, recordedAt);
    }
    const head = await context.headPosition();
    let position = await context.reader.positionAt(args.recordedAt as Date);
    if (BigInt(position) > BigInt(head)) position = head;
    const recordedAt = position === '0' ? null : await context.reader.recordedAtOf(position);
    return toLedgerViewModel(position, recordedAt);
  }

  @Allow('auditor')
  @Query(() => LedgerEventConnectionModel)
  async events(@Args() args: EventsArgs, @Context() context: LedgerContext): Promise<LedgerEventConnectionModel> {
    const at = await context.headPosition();
    // An events cursor holds a position; one from another connection (an id) or out of bigint range
    // would otherwise reach SQL as a bad ::bigint cast and fail as an internal error.
    const after = decodeAfter(args.after, 'position');
    const afterPosition = args.filter?.afterPosition;
    if (afterPosition && !isBigintPosition(afterPosition)) {
      throw badInput(`afterPosition must be a ledger position of at most ${MAX_POSITION}`, ['filter.afterPosition']);
    }
    const rows = await context.reader.events(args.filter ?? {}, at, after, args.first + 1);
    const connection = connectionFrom(
      rows.map((stored) => toLedgerEventModel(stored, at)),
      args.first,
      (event) => event.position,
    );
    return Object.assign(new LedgerEventConnectionModel(), connection);
  }

  @Allow('auditor')
  @Query(() => LedgerEventModel, { nullable: true })
  async event(@Args() { id }: IdArgs, @Context() context: LedgerContext): Promise<LedgerEventModel | null> {
    if (!UUID.test(id)) return null;
    const at = await context.headPosition();
    const stored = await context.loaders.event(id.toLowerCase(), at);
    return stored && toLedgerEventModel(stored, at);
  }

  @Allow('reader')
  @Query(() => LedgerHeadModel)
  async ledgerHead(@Context() context: LedgerContext): Promise<LedgerHeadModel> {
    return toLedgerHeadModel(await context.reader.head());
  }

  @Allow('auditor')
  @Query(() => VerificationModel, {
    description: 'Recompute every hash from `fromPosition` to `toPosition` (default: the whole ledger).',
  })
  async verifyLedger(@Args() args: VerifyLedgerArgs, @Context() context: LedgerContext): Promise<VerificationModel> {
    const head = BigInt(await context.headPosition());
    const from = args.fromPosition ? BigInt(args.fromPosition) : null;
    const to = args.toPosition ? BigInt(args.toPosition) : null;
    // An impossible range is the auditor's mistake, not a broken chain: say so as bad input.
    if (from !== null && (from < 1n || from > head)) {
      throw badInput(`fromPosition must be between 1 and the head (${head})`, ['fromPosition']);
    }
    if (to !== null && (to < 1n || to > head)) throw badInput(`toPosition must be between 1 and the head (${head})`, ['toPosition']);
    if (from !== null && to !== null && from > to) throw badInput('fromPosition is after toPosition', ['fromPosition', 'toPosition']);
    return toVerificationModel(await this.audit.verify(args.fromPosition ?? null, args.toPosition ?? null));
  }

  @Allow('journalist')
  @Mutation(() => RetractPayloadModel)
  async retract(@Args('input', { type: () => RetractInput }) input: RetractInput, @Context() context: LedgerContext): Promise<RetractPayloadModel> {
    const result = await this.commands.execute('retract', input, toRetractCommand(input), context);
    const { event } = await readAfterAppend(context, result, async () => true);
    return Object.assign(new RetractPayloadModel(), { targetId: result.entityId, event });
  }

  // ---------------------------------------------------------------- LedgerView: every read cut at the view's position

  @ResolveField('company', () => CompanyModel, { nullable: true })
  viewCompany(@Parent() view: LedgerViewModel, @Args() { id }: IdArgs, @Context() context: LedgerContext) {
    return companyAt(context, id, view.viewPosition);
  }

  @ResolveField('companies', () => CompanyConnectionModel)
  viewCompanies(@Parent() view: LedgerViewModel, @Args() args: CompaniesArgs, @Context() context: LedgerContext) {
    return companiesPage(context, view.viewPosition, args);
  }

  @ResolveField('deal', () => DealModel, { nullable: true })
  viewDeal(@Parent() view: LedgerViewModel, @Args() { id }: IdArgs, @Context() context: LedgerContext) {
    return dealAt(context, id, view.viewPosition);
  }

  @ResolveField('deals', () => DealConnectionModel)
  viewDeals(@Parent() view: LedgerViewModel, @Args() args: DealsArgs, @Context() context: LedgerContext, @Info() info: GraphQLResolveInfo) {
    return dealsPage(context, view.viewPosition, args, info);
  }

  @ResolveField('claim', () => ClaimModel, { nullable: true })
  viewClaim(@Parent() view: LedgerViewModel, @Args() { id }: IdArgs, @Context() context: LedgerContext) {
    return claimAt(context, id, view.viewPosition);
  }

  @ResolveField('claims', () => ClaimConnectionModel)
  viewClaims(@Parent() view: LedgerViewModel, @Args() args: ClaimsArgs, @Context() context: LedgerContext) {
    return claimsPage(context, view.viewPosition, args);
  }

  @ResolveField('rebuttal', () => RebuttalModel, { nullable: true })
  viewRebuttal(@Parent() view: LedgerViewModel, @Args() { id }: IdArgs, @Context() context: LedgerContext) {
    return rebuttalAt(context, id, view.viewPosition);
  }

  @ResolveField('person', () => PersonModel, { nullable: true })
  viewPerson(@Parent() view: LedgerViewModel, @Args() { id }: IdArgs, @Context() context: LedgerContext) {
    return personAt(context, id, view.viewPosition);
  }

  @ResolveField('source', () => SourceModel, { nullable: true })
  viewSource(@Parent() view: LedgerViewModel, @Args() { id }: IdArgs, @Context() context: LedgerContext) {
    return sourceAt(context, id, view.viewPosition);
  }
}

@Resolver(() => CitationModel)
export class CitationResolver {
  @ResolveField('source', () => SourceModel)
  async source(@Parent() citation: CitationModel, @Context() context: LedgerContext): Promise<SourceModel> {
    const source = await sourceAt(context, citation.sourceId, citation.viewPosition);
    if (!source) throw new Error(`Cited source ${citation.sourceId} missing at ${citation.viewPosition}`);
    return source;
  }
}
