import { dealSummary } from '@ledger/domain/deals/derived';
import { DEAL_REVISION_COLUMNS, DEAL_REVISIONS_TABLE, dealHeaderOf } from './deal-revisions';
import type { ProjectionName, ProjectionRows, SummarizedProjection } from '@ledger/domain/ledger/projections';

/**
 * The typed columns each projection table keeps beside its `doc`, for filtering and indexes, and
 * for a table with a list shape (deals), the summary doc (an object, stored as json: see its migration).
 */
type ColumnValue = string | readonly string[] | object | null;

interface ProjectionTable<P extends ProjectionName> {
  readonly table: P;
  readonly columns: readonly string[];
  readonly valuesOf: (row: ProjectionRows[P]) => readonly ColumnValue[];
  /** SQL type casts of the typed columns, in order. */
  readonly casts: readonly string[];
  /** The part of the row its `doc` column holds, when not the whole row (deals: see deal-revisions.ts). */
  readonly storedDoc?: (row: ProjectionRows[P]) => object;
}

function table<P extends ProjectionName>(definition: ProjectionTable<P>): ProjectionTable<P> {
  return definition;
}

export const PROJECTION_TABLES: { readonly [P in ProjectionName]: ProjectionTable<P> } = {
  sources: table({ table: 'sources', columns: [], casts: [], valuesOf: () => [] }),
  companies: table({ table: 'companies', columns: ['name'], casts: ['text'], valuesOf: (row) => [row.name] }),
  deals: table({
    table: 'deals',
    columns: ['kind', 'party_ids', 'summary'],
    casts: ['text', 'text[]', 'json'],
    valuesOf: (row) => [row.kind, [...new Set(row.parties.map((party) => party.companyId))].sort(), dealSummary(row)],
    storedDoc: dealHeaderOf,
  }),
  claims: table({
    table: 'claims',
    columns: ['kind', 'metric', 'subject_ids'],
    casts: ['text', 'text', 'text[]'],
    valuesOf: (row) => [row.kind, row.metric, [...row.subjectIds]],
  }),
  rebuttals: table({
    table: 'rebuttals',
    columns: ['target_id', 'root_claim_id'],
    casts: ['text', 'text'],
    valuesOf: (row) => [row.targetId, row.rootClaimId],
  }),
  people: table({ table: 'people', columns: [], casts: [], valuesOf: () => [] }),
  talent_moves: table({
    table: 'talent_moves',
    columns: ['person_id', 'from_company_id', 'to_company_id'],
    casts: ['text', 'text', 'text'],
    valuesOf: (row) => [row.personId, row.fromCompanyId, row.toCompanyId],
  }),
};

/** The column (among a table's `columns`) holding each row version's list shape. */
export const SUMMARY_COLUMNS: { readonly [P in SummarizedProjection]: string } = { deals: 'summary' };

/**
 * Tables kept from a projection table by its triggers (see the deal_parties migration). A rebuild
 * inserts that table's rows with the insert trigger disabled and calls `refill` once at the end,
 * set-based, instead of maintaining the derived table statement by statement.
 */
export const DERIVED_TABLES: readonly { readonly table: string; readonly from: string; readonly insertTrigger: string; readonly refill: string }[] = [
  { table: 'deal_parties', from: 'deals', insertTrigger: 'deal_parties_insert', refill: 'deal_parties_refill' },
];

export const PROJECTION_NAMES = Object.keys(PROJECTION_TABLES) as ProjectionName[];

/** What a row version's `doc` column holds: the row, or the part of it its table stores there. */
export function storedDocOf<P extends ProjectionName>(projection: P, row: ProjectionRows[P]): object {
  const storedDoc = PROJECTION_TABLES[projection].storedDoc as ((row: ProjectionRows[P]) => object) | undefined;
  return storedDoc ? storedDoc(row) : row;
}

/**
 * Tables that keep part of a projection's rows once rather than in every row version (append-only,
 * written beside the row versions by the append path and the rebuild), with their key and columns.
 */
export const PART_TABLES: readonly { readonly table: string; readonly of: ProjectionName; readonly key: readonly string[]; readonly columns: readonly (readonly [string, string])[] }[] = [
  { table: DEAL_REVISIONS_TABLE, of: 'deals', key: ['deal_id', 'position'], columns: DEAL_REVISION_COLUMNS },
];

/**
 * Every column of a projection table with its SQL type, in the order COPY lines carry them: the
 * row's meta, its typed columns, its doc.
 */
export function projectionColumns(projection: ProjectionName): readonly (readonly [name: string, type: string])[] {
  const definition = PROJECTION_TABLES[projection];
  return [
    ['id', 'text'],
    ['valid_from', 'bigint'],
    ['valid_to', 'bigint'],
    ['version', 'int'],
    ...definition.columns.map((column, index) => [column, definition.casts[index]!] as const),
    ['doc', 'jsonb'],
  ];
}

/**
 * Advisory lock (two-int4 key space) that orders appends and rebuilds: every append batch holds it
 * shared from its first statement, a rebuild takes it exclusively before anything else. Both also
 * lock the ledger head before touching a projection table, so today it is a second guard; it keeps
 * any future reader of projection tables that runs before the head lock (a deadlock seen with the
 * former per-request path) out of a rebuild's way.
 */
export const PROJECTION_LOCK = { classId: 0x6c656467, objectId: 1 } as const;
