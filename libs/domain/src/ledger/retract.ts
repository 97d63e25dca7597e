import { notFound } from '../shared/errors';
import { InputProblems, rejectInput } from '../shared/validation';
import { MAX_LONG_TEXT } from '../shared/values';
import type { Retract } from './commands';
import { checkExpectedVersion, entityKindName, type DecisionState } from './decision-state';
import type { DomainEvent, EntryRetracted, RetractableKind } from './events';

const RETRACTABLE_KINDS: readonly string[] = ['CLAIM', 'REBUTTAL', 'TALENT_MOVE'];

export function isRetractableKind(kind: string): kind is RetractableKind {
  return RETRACTABLE_KINDS.includes(kind);
}

/** Withdraws a claim, a rebuttal or a talent move, once. No citations, no world date. */
export function decideRetract(command: Retract, state: DecisionState): DomainEvent<EntryRetracted> {
  const problems = new InputProblems();
  problems.requireText(command.reason, 'input.reason', MAX_LONG_TEXT);
  problems.throwIfAny();

  const kind = state.known.get(command.targetId);
  if (kind === undefined) throw notFound('claim, rebuttal or talent move', command.targetId, 'input.targetId');
  if (!isRetractableKind(kind)) {
    rejectInput('input.targetId', `is a ${entityKindName(kind)}, which cannot be retracted; only claims, rebuttals and talent moves can`);
  }
  const target = state.target;
  if (target === null || target.id !== command.targetId || !('retracted' in target)) {
    throw notFound(entityKindName(kind), command.targetId, 'input.targetId');
  }
  checkExpectedVersion(command.targetId, command.expectedVersion, target);
  if (target.retracted) rejectInput('input.targetId', 'is already retracted');

  return {
    type: 'ENTRY_RETRACTED',
    streamId: command.targetId,
    data: { targetId: command.targetId, targetKind: kind, reason: command.reason },
    citations: [],
    occurredOn: null,
  };
}
