import type { RecordTalentDeparture } from '@ledger/domain/people/commands';
import type { PersonRow, TalentMoveRow } from '@ledger/domain/people/read-model';
import { createHash } from 'node:crypto';
import { slugify, slugOrNull } from '@ledger/domain/shared/values';
import { createModel, orNull, toCitationModels, toCitations, type NewId } from '../ledger/ledger.mappers';
import type { RecordTalentDepartureInput } from './dto/record-talent-departure.input';
import { PersonModel } from './models/person.model';
import { TalentMoveModel } from './models/talent-move.model';

export function toPersonModel(row: PersonRow, viewPosition: string): PersonModel {
  return createModel(PersonModel, { id: row.id, name: row.name, row, viewPosition });
}

export function toTalentMoveModel(row: TalentMoveRow, viewPosition: string): TalentMoveModel {
  return createModel(TalentMoveModel, {
    id: row.id,
    role: row.role,
    announcedOn: row.announcedOn,
    citations: toCitationModels(row.citations, viewPosition),
    retracted: row.retracted,
    personId: row.personId,
    fromCompanyId: row.fromCompanyId,
    toCompanyId: row.toCompanyId,
    row,
    viewPosition,
  });
}

/**
 * The person's id: the given slug, else the slug of the name ("Clive Chan" -> "clive-chan"). A name
 * with no letter a-z or digit to slug ("李明", "Иван Петров") gets "person-" and 16 hex digits of the
 * SHA-256 of its NFC form: the same name is the same person again, two such names are never one.
 */
export function personIdOf(input: RecordTalentDepartureInput): string {
  if (input.person.id) return input.person.id;
  const name = input.person.name;
  return slugOrNull(name) ?? `person-${createHash('sha256').update(name.normalize('NFC')).digest('hex').slice(0, 16)}`;
}

export function toRecordTalentDepartureCommand(input: RecordTalentDepartureInput, newId: NewId): RecordTalentDeparture {
  const personId = personIdOf(input);
  return {
    type: 'recordTalentDeparture',
    id: input.id ?? newId(slugify(`${personId} leaves ${input.fromCompanyId}`)),
    personId,
    personName: input.person.name,
    fromCompanyId: input.fromCompanyId,
    toCompanyId: orNull(input.toCompanyId),
    role: orNull(input.role),
    announcedOn: orNull(input.announcedOn),
    citations: toCitations(input.citations),
  };
}
