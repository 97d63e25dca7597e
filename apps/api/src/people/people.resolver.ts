import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { comparePositions } from '@ledger/domain/shared/positions';
import { Allow } from '../auth/allow.decorator';
import { CompanyModel } from '../companies/models/company.model';
import { CommandService } from '../ledger/command.service';
import { IdArgs } from '../ledger/dto/pagination.args';
import { companyAt, personAt, readAfterAppend, talentMoveAt } from '../ledger/entity-reads';
import type { LedgerContext } from '../ledger/ledger-context';
import { RecordTalentDepartureInput } from './dto/record-talent-departure.input';
import { PersonModel } from './models/person.model';
import { TalentMovePayloadModel } from './models/talent-move-payload.model';
import { TalentMoveModel } from './models/talent-move.model';
import { toRecordTalentDepartureCommand, toTalentMoveModel } from './people.mappers';

@Resolver(() => PersonModel)
export class PeopleResolver {
  @Allow('reader')
  @Query(() => PersonModel, { nullable: true })
  async person(@Args() { id }: IdArgs, @Context() context: LedgerContext): Promise<PersonModel | null> {
    return personAt(context, id, await context.headPosition());
  }

  @ResolveField('moves', () => [TalentMoveModel])
  async moves(@Parent() person: PersonModel, @Context() context: LedgerContext): Promise<TalentMoveModel[]> {
    const rows = await context.loaders.rowsBy('talent_moves', 'person_id', person.id, person.viewPosition);
    return rows
      .sort((left, right) => comparePositions(left.createdPosition, right.createdPosition))
      .map((row) => toTalentMoveModel(row, person.viewPosition));
  }
}

@Resolver(() => TalentMoveModel)
export class TalentMovesResolver {
  constructor(private readonly commands: CommandService) {}

  @ResolveField('person', () => PersonModel)
  async person(@Parent() move: TalentMoveModel, @Context() context: LedgerContext): Promise<PersonModel> {
    const person = await personAt(context, move.personId, move.viewPosition);
    if (!person) throw new Error(`Person ${move.personId} missing at ${move.viewPosition}`);
    return person;
  }

  @ResolveField('from', () => CompanyModel)
  async from(@Parent() move: TalentMoveModel, @Context() context: LedgerContext): Promise<CompanyModel> {
    const company = await companyAt(context, move.fromCompanyId, move.viewPosition);
    if (!company) throw new Error(`Company ${move.fromCompanyId} missing at ${move.viewPosition}`);
    return company;
  }

  @ResolveField('to', () => CompanyModel, { nullable: true })
  async to(@Parent() move: TalentMoveModel, @Context() context: LedgerContext): Promise<CompanyModel | null> {
    return move.toCompanyId === null ? null : companyAt(context, move.toCompanyId, move.viewPosition);
  }

  @Allow('journalist')
  @Mutation(() => TalentMovePayloadModel)
  async recordTalentDeparture(
    @Args('input', { type: () => RecordTalentDepartureInput }) input: RecordTalentDepartureInput,
    @Context() context: LedgerContext,
  ): Promise<TalentMovePayloadModel> {
    const command = toRecordTalentDepartureCommand(input, (hint) => this.commands.newId(hint));
    const result = await this.commands.execute('recordTalentDeparture', input, command, context);
    const { entity, event } = await readAfterAppend(context, result, talentMoveAt);
    return Object.assign(new TalentMovePayloadModel(), { move: entity, event });
  }
}
