import type { RecordedEvent } from '../ledger/events';
import { copyCitation, createdRow, ProjectionError, retractedRow } from '../ledger/row-meta';
import type { PersonRow, TalentMoveRow } from './read-model';

/**
 * People have no stream of their own (version stays 0): the first TALENT_DEPARTED naming a person
 * creates the row with that name; later ones only move position and updatedAt (the first name is kept).
 */
export function evolvePerson(row: PersonRow | null, event: RecordedEvent): PersonRow {
  if (event.type !== 'TALENT_DEPARTED' || (row !== null && row.id !== event.data.personId)) {
    throw new ProjectionError('people', row?.id ?? null, event);
  }
  if (row === null) {
    return {
      id: event.data.personId,
      version: 0,
      position: event.position,
      createdPosition: event.position,
      recordedAt: event.recordedAt,
      updatedAt: event.recordedAt,
      name: event.data.personName,
    };
  }
  return { ...row, position: event.position, updatedAt: event.recordedAt };
}

/** TALENT_DEPARTED creates the move; ENTRY_RETRACTED of it withdraws it. */
export function evolveTalentMove(row: TalentMoveRow | null, event: RecordedEvent): TalentMoveRow {
  if (row === null) {
    if (event.type !== 'TALENT_DEPARTED') throw new ProjectionError('talent_moves', null, event);
    const { data } = event;
    return createdRow(data.moveId, event, {
      personId: data.personId,
      fromCompanyId: data.fromCompanyId,
      toCompanyId: data.toCompanyId,
      role: data.role,
      announcedOn: event.occurredOn,
      citations: event.citations.map(copyCitation),
      retracted: false,
      retractionReason: null,
    });
  }
  if (event.type === 'ENTRY_RETRACTED' && event.data.targetId === row.id) return retractedRow(row, event);
  throw new ProjectionError('talent_moves', row.id, event);
}
