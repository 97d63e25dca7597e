import type { RecordedEvent } from '../ledger/events';
import { copyCitation, createdRow, ProjectionError, retractedRow } from '../ledger/row-meta';
import type { ClaimRow, RebuttalRow } from './read-model';

/** VALUATION_CLAIMED or CLAIM_MADE creates the claim; ENTRY_RETRACTED of it withdraws it. */
export function evolveClaim(row: ClaimRow | null, event: RecordedEvent): ClaimRow {
  if (row === null) {
    if (event.type === 'VALUATION_CLAIMED') {
      const { data } = event;
      return createdRow(data.claimId, event, {
        kind: 'VALUATION',
        statement: data.statement,
        author: data.author,
        subjectIds: [data.companyId],
        metric: data.metric,
        value: { value: data.value.value, unit: data.value.unit, per: data.value.per },
        fiscalPeriod: data.fiscalPeriod,
        citations: event.citations.map(copyCitation),
        occurredOn: event.occurredOn,
        retracted: false,
        retractionReason: null,
      });
    }
    if (event.type === 'CLAIM_MADE') {
      const { data } = event;
      return createdRow(data.claimId, event, {
        kind: 'ASSERTION',
        statement: data.statement,
        author: data.author,
        subjectIds: [...data.subjectIds],
        metric: null,
        value: null,
        fiscalPeriod: null,
        citations: event.citations.map(copyCitation),
        occurredOn: event.occurredOn,
        retracted: false,
        retractionReason: null,
      });
    }
    throw new ProjectionError('claims', null, event);
  }
  if (event.type === 'ENTRY_RETRACTED' && event.data.targetId === row.id) return retractedRow(row, event);
  throw new ProjectionError('claims', row.id, event);
}

/** REBUTTAL_POSTED creates the rebuttal; ENTRY_RETRACTED of it withdraws it. */
export function evolveRebuttal(row: RebuttalRow | null, event: RecordedEvent): RebuttalRow {
  if (row === null) {
    if (event.type !== 'REBUTTAL_POSTED') throw new ProjectionError('rebuttals', null, event);
    const { data } = event;
    return createdRow(data.rebuttalId, event, {
      targetId: data.targetId,
      rootClaimId: data.rootClaimId,
      stance: data.stance,
      author: data.author,
      text: data.text,
      citations: event.citations.map(copyCitation),
      occurredOn: event.occurredOn,
      retracted: false,
      retractionReason: null,
    });
  }
  if (event.type === 'ENTRY_RETRACTED' && event.data.targetId === row.id) return retractedRow(row, event);
  throw new ProjectionError('rebuttals', row.id, event);
}
