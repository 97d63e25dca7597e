import type { RecordedEvent } from '../ledger/events';
import { copyCitation, createdRow, mergeCitations, ProjectionError, updatedRowMeta } from '../ledger/row-meta';
import type { IsoDate } from '../shared/values';
import type { TermValue } from './events';
import type { DealRow, DealTermRow, TermRevisionRow } from './read-model';

function revisionOf(term: TermValue, effectiveOn: IsoDate | null, event: RecordedEvent): TermRevisionRow {
  return {
    amount: term.amount === null ? null : { value: term.amount.value, unit: term.amount.unit, per: term.amount.per },
    date: term.date,
    days: term.days,
    text: term.text,
    effectiveOn,
    eventId: event.id,
    position: event.position,
    citations: event.citations.map(copyCitation),
  };
}

/** Appends a revision per amended key; keys seen for the first time are appended in order. */
function withRevisions(terms: readonly DealTermRow[], amended: readonly TermValue[], effectiveOn: IsoDate | null, event: RecordedEvent): DealTermRow[] {
  const result = [...terms];
  for (const term of amended) {
    const revision = revisionOf(term, effectiveOn, event);
    const index = result.findIndex((existing) => existing.key === term.key);
    if (index < 0) result.push({ key: term.key, revisions: [revision] });
    else result[index] = { key: term.key, revisions: [...result[index].revisions, revision] };
  }
  return result;
}

/**
 * DEAL_SIGNED creates the deal, each term with one revision effective on signedOn; DEAL_AMENDED
 * adds revisions effective on the amendment's effectiveOn; DEAL_TERMINATED records the end.
 * Citations accumulate in ledger order without exact duplicates.
 */
export function evolveDeal(row: DealRow | null, event: RecordedEvent): DealRow {
  if (row === null) {
    if (event.type !== 'DEAL_SIGNED') throw new ProjectionError('deals', null, event);
    const { data } = event;
    return createdRow(data.dealId, event, {
      title: data.title,
      kind: data.kind,
      parties: data.parties.map((party) => ({ companyId: party.companyId, role: party.role })),
      signedOn: data.signedOn,
      terms: withRevisions([], data.terms, data.signedOn, event),
      terminatedOn: null,
      terminationReason: null,
      citations: mergeCitations([], event.citations),
    });
  }
  switch (event.type) {
    case 'DEAL_AMENDED':
      if (event.data.dealId !== row.id) break;
      return {
        ...row,
        ...updatedRowMeta(row, event),
        terms: withRevisions(row.terms, event.data.terms, event.data.effectiveOn, event),
        citations: mergeCitations(row.citations, event.citations),
      };
    case 'DEAL_TERMINATED':
      if (event.data.dealId !== row.id) break;
      return {
        ...row,
        ...updatedRowMeta(row, event),
        terminatedOn: event.data.terminatedOn,
        terminationReason: event.data.reason,
        citations: mergeCitations(row.citations, event.citations),
      };
    default:
      break;
  }
  throw new ProjectionError('deals', row.id, event);
}
