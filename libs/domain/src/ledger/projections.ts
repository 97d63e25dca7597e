import type { TargetRow } from './decision-state';
import { evolveClaim, evolveRebuttal } from '../claims/evolve';
import type { ClaimRow, RebuttalRow } from '../claims/read-model';
import { evolveCompany } from '../companies/evolve';
import type { CompanyRow } from '../companies/read-model';
import { evolveDeal } from '../deals/evolve';
import type { DealRow, DealSummaryRow } from '../deals/read-model';
import { evolvePerson, evolveTalentMove } from '../people/evolve';
import type { PersonRow, TalentMoveRow } from '../people/read-model';
import { evolveSource } from '../sources/evolve';
import type { SourceRow } from '../sources/read-model';
import type { DomainEvent, RecordedEvent, RetractableKind } from './events';

/** The inline read models, by table name. */
export type ProjectionName = 'sources' | 'companies' | 'deals' | 'claims' | 'rebuttals' | 'people' | 'talent_moves';

export const PROJECTION_NAMES: readonly ProjectionName[] = [
  'sources',
  'companies',
  'deals',
  'claims',
  'rebuttals',
  'people',
  'talent_moves',
];

export interface ProjectionRows {
  sources: SourceRow;
  companies: CompanyRow;
  deals: DealRow;
  claims: ClaimRow;
  rebuttals: RebuttalRow;
  people: PersonRow;
  talent_moves: TalentMoveRow;
}

/** The projections that also keep a smaller list shape of each row, and that shape. */
export interface ProjectionSummaries {
  deals: DealSummaryRow;
}
export type SummarizedProjection = keyof ProjectionSummaries;

/** One row an event changes (or creates). */
export interface RowTouch {
  readonly projection: ProjectionName;
  readonly id: string;
}

export type RowEvolver<P extends ProjectionName> = (row: ProjectionRows[P] | null, event: RecordedEvent) => ProjectionRows[P];

const EVOLVERS: { readonly [P in ProjectionName]: RowEvolver<P> } = {
  sources: evolveSource,
  companies: evolveCompany,
  deals: evolveDeal,
  claims: evolveClaim,
  rebuttals: evolveRebuttal,
  people: evolvePerson,
  talent_moves: evolveTalentMove,
};

const RETRACTED_PROJECTION: Readonly<Record<RetractableKind, ProjectionName>> = {
  CLAIM: 'claims',
  REBUTTAL: 'rebuttals',
  TALENT_MOVE: 'talent_moves',
};

/**
 * The rows an event changes, in the order to apply it: its own entity; TALENT_DEPARTED also the
 * person it names; ENTRY_RETRACTED the claim, rebuttal or move it withdraws.
 */
export function rowsTouchedBy(event: RecordedEvent | DomainEvent): RowTouch[] {
  switch (event.type) {
    case 'SOURCE_REGISTERED':
      return [{ projection: 'sources', id: event.data.sourceId }];
    case 'COMPANY_REGISTERED':
      return [{ projection: 'companies', id: event.data.companyId }];
    case 'DEAL_SIGNED':
    case 'DEAL_AMENDED':
    case 'DEAL_TERMINATED':
      return [{ projection: 'deals', id: event.data.dealId }];
    case 'VALUATION_CLAIMED':
    case 'CLAIM_MADE':
      return [{ projection: 'claims', id: event.data.claimId }];
    case 'REBUTTAL_POSTED':
      return [{ projection: 'rebuttals', id: event.data.rebuttalId }];
    case 'TALENT_DEPARTED':
      return [
        { projection: 'talent_moves', id: event.data.moveId },
        { projection: 'people', id: event.data.personId },
      ];
    case 'ENTRY_RETRACTED':
      return [{ projection: RETRACTED_PROJECTION[event.data.targetKind], id: event.data.targetId }];
  }
}

/** Applies `event` to a row of `projection` (null: the row does not exist yet). Pure: never mutates `row`. */
export function evolveRow<P extends ProjectionName>(projection: P, row: ProjectionRows[P] | null, event: RecordedEvent): ProjectionRows[P] {
  const evolve: RowEvolver<P> = EVOLVERS[projection];
  return evolve(row, event);
}

/**
 * Every entity id the event concerns (stream, parties, subjects, companies, person, target, root
 * claim, cited sources): distinct, sorted. `target` is the row the command acted on (the deal of an
 * amendment or termination, the claim, rebuttal or move of a retraction): its parties, subjects and
 * people are concerned too, so a company's history shows the amendments and termination of its
 * deals and the retraction of its claims and talent moves.
 */
export function mentionedEntityIds(event: RecordedEvent | DomainEvent, target: TargetRow | null = null): string[] {
  const concernsTarget = event.type === 'DEAL_AMENDED' || event.type === 'DEAL_TERMINATED' || event.type === 'ENTRY_RETRACTED';
  const ids = new Set<string>([event.streamId, ...(concernsTarget ? relatedEntityIds(target) : [])]);
  switch (event.type) {
    case 'SOURCE_REGISTERED':
      ids.add(event.data.sourceId);
      break;
    case 'COMPANY_REGISTERED':
      ids.add(event.data.companyId);
      break;
    case 'DEAL_SIGNED':
      ids.add(event.data.dealId);
      for (const party of event.data.parties) ids.add(party.companyId);
      break;
    case 'DEAL_AMENDED':
    case 'DEAL_TERMINATED':
      ids.add(event.data.dealId);
      break;
    case 'VALUATION_CLAIMED':
      ids.add(event.data.claimId);
      ids.add(event.data.companyId);
      break;
    case 'CLAIM_MADE':
      ids.add(event.data.claimId);
      for (const subjectId of event.data.subjectIds) ids.add(subjectId);
      break;
    case 'REBUTTAL_POSTED':
      ids.add(event.data.rebuttalId);
      ids.add(event.data.targetId);
      ids.add(event.data.rootClaimId);
      break;
    case 'TALENT_DEPARTED':
      ids.add(event.data.moveId);
      ids.add(event.data.personId);
      ids.add(event.data.fromCompanyId);
      if (event.data.toCompanyId !== null) ids.add(event.data.toCompanyId);
      break;
    case 'ENTRY_RETRACTED':
      ids.add(event.data.targetId);
      break;
  }
  for (const citation of event.citations) ids.add(citation.sourceId);
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function relatedEntityIds(target: TargetRow | null): string[] {
  if (target === null) return [];
  if ('parties' in target) return target.parties.map((party) => party.companyId);
  if ('subjectIds' in target) return [...target.subjectIds];
  if ('rootClaimId' in target) return [target.rootClaimId, target.targetId];
  return [target.personId, target.fromCompanyId, ...(target.toCompanyId === null ? [] : [target.toCompanyId])];
}

/** Every projection's rows by id: what replaying events yields (for rebuilds and tests). */
export type ProjectionTables = { readonly [P in ProjectionName]: ReadonlyMap<string, ProjectionRows[P]> };

export function emptyProjectionTables(): ProjectionTables {
  return {
    sources: new Map(),
    companies: new Map(),
    deals: new Map(),
    claims: new Map(),
    rebuttals: new Map(),
    people: new Map(),
    talent_moves: new Map(),
  };
}

/** Applies one event to the tables, returning new tables (the input is not mutated). */
export function applyToTables(tables: ProjectionTables, event: RecordedEvent): ProjectionTables {
  let result = tables;
  for (const touch of rowsTouchedBy(event)) result = applyTouch(result, touch.projection, touch.id, event);
  return result;
}

function applyTouch<P extends ProjectionName>(tables: ProjectionTables, projection: P, id: string, event: RecordedEvent): ProjectionTables {
  const table: ReadonlyMap<string, ProjectionRows[P]> = tables[projection];
  const next = new Map(table);
  next.set(id, evolveRow(projection, table.get(id) ?? null, event));
  return { ...tables, [projection]: next };
}

type MutableProjectionTables = { [P in ProjectionName]: Map<string, ProjectionRows[P]> };

/** Replays events (in ledger order) into fresh tables; linear in the number of events. */
export function projectEvents(events: Iterable<RecordedEvent>): ProjectionTables {
  const tables: MutableProjectionTables = {
    sources: new Map(),
    companies: new Map(),
    deals: new Map(),
    claims: new Map(),
    rebuttals: new Map(),
    people: new Map(),
    talent_moves: new Map(),
  };
  for (const event of events) {
    for (const touch of rowsTouchedBy(event)) applyInPlace(tables, touch.projection, touch.id, event);
  }
  return tables;
}

function applyInPlace<P extends ProjectionName>(tables: MutableProjectionTables, projection: P, id: string, event: RecordedEvent): void {
  const table: Map<string, ProjectionRows[P]> = tables[projection];
  table.set(id, evolveRow(projection, table.get(id) ?? null, event));
}
