import type { DecisionState } from '../ledger/decision-state';
import { requireNewId } from '../ledger/decision-state';
import type { DomainEvent } from '../ledger/events';
import { InputProblems } from '../shared/validation';
import { MAX_SHORT_TEXT } from '../shared/values';
import type { RegisterSource } from './commands';
import type { SourceRegistered } from './events';

const SOURCE_KINDS: readonly string[] = [
  'ARTICLE',
  'FILING',
  'THREAD',
  'COMMENT',
  'VIDEO',
  'PODCAST',
  'BLOG',
  'PRESS_RELEASE',
  'OTHER',
];

/** Registers a source; its world date is its publication date. Sources carry no citations. */
export function decideRegisterSource(command: RegisterSource, state: DecisionState): DomainEvent<SourceRegistered> {
  const problems = new InputProblems();
  problems.requireSlug(command.id, 'input.id');
  problems.requireText(command.title, 'input.title', MAX_SHORT_TEXT);
  problems.optionalText(command.url, 'input.url', MAX_SHORT_TEXT);
  problems.optionalText(command.publisher, 'input.publisher', MAX_SHORT_TEXT);
  problems.optionalText(command.author, 'input.author', MAX_SHORT_TEXT);
  if (!SOURCE_KINDS.includes(command.kind)) problems.add('input.kind', `must be one of ${SOURCE_KINDS.join(', ')}`);
  problems.optionalDate(command.publishedOn, 'input.publishedOn');
  problems.throwIfAny();

  requireNewId(state.known, command.id);

  return {
    type: 'SOURCE_REGISTERED',
    streamId: command.id,
    data: {
      sourceId: command.id,
      url: command.url,
      title: command.title,
      publisher: command.publisher,
      author: command.author,
      kind: command.kind,
      publishedOn: command.publishedOn,
    },
    citations: [],
    occurredOn: command.publishedOn,
  };
}
