import type { KnownEntities } from './entities';
import type { Citation } from './citations';
import { requireExisting } from './decision-state';
import { MAX_LONG_TEXT, MAX_SHORT_TEXT } from '../shared/values';
import type { InputProblems } from '../shared/validation';

const CITATION_ROLES: readonly string[] = ['PRIMARY', 'SUPPORTING'];

/** Fact-bearing commands need at least one citation; quotes and locators have length limits. */
export function checkCitations(citations: readonly Citation[], problems: InputProblems): void {
  if (citations.length === 0) problems.add('input.citations', 'must contain at least one citation');
  citations.forEach((citation, index) => {
    const field = `input.citations.${index}`;
    problems.optionalText(citation.quote, `${field}.quote`, MAX_LONG_TEXT);
    problems.optionalText(citation.locator, `${field}.locator`, MAX_SHORT_TEXT);
    if (!CITATION_ROLES.includes(citation.role)) problems.add(`${field}.role`, 'must be PRIMARY or SUPPORTING');
  });
}

/** NOT_FOUND unless every cited source is registered. */
export function requireCitedSources(citations: readonly Citation[], known: KnownEntities): void {
  citations.forEach((citation, index) => {
    requireExisting(known, citation.sourceId, 'SOURCE', `input.citations.${index}.sourceId`);
  });
}
