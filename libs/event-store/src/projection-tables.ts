import { dealSummary } from '@ledger/domain/deals/derived';
import { assembleDealRow, dealHeaderOf, dealRevisionOf, type DealHeader, type DealRevisionDoc } from './deal-revisions';
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
  /** Where the rest of the row is kept, once, when `storedDoc` holds only part of it. */
  readonly parts?: ProjectionParts<P>;
}

/**
 * A table keeping, once, what each version of a projection's rows adds to the one before (deals: their
 * term revisions and citations, see deal-revisions.ts): columns (owner, position, doc json), the owner
 * being the row's id and the position the version's valid_from. Append-only, written beside the row
 * versions by the append path and the rebuild; readers fold a row's parts up to its version back in.
 */
export interface ProjectionParts<P extends ProjectionName> {
  readonly table: string;
  /** The column holding the row's id. */
  readonly owner: string;
  /** What `next` adds to `previous` (null for the row's first version). */
  readonly added: (previous: ProjectionRows[P] | null, next: ProjectionRows[P]) => object;
  /** The row from its stored doc and its parts up to the version, oldest first. */
  readonly assemble: (doc: object, parts: readonly object[]) => ProjectionRows[P];
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
    parts: {
      table: 'deal_revisions',
      owner: 'deal_id',
      added: dealRevisionOf,
      assemble: (doc, parts) => assembleDealRow(doc as DealHeader, parts as readonly DealRevisionDoc[]),
    },
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

/** The parts table of a projection (see ProjectionParts), if it has one. */
export function partsOf<P extends ProjectionName>(projection: P): ProjectionParts<P> | undefined {
  return PROJECTION_TABLES[projection].parts as ProjectionParts<P> | undefined;
}

/** Every parts table, with its projection, its columns (COPY and insert order, SQL types) and its key. */
export const PART_TABLES = PROJECTION_NAMES.flatMap((projection) => {
  const parts = partsOf(projection);
  if (!parts) return [];
  const columns: readonly (readonly [name: string, type: string])[] = [
    [parts.owner, 'text'],
    ['position', 'bigint'],
    ['doc', 'json'],
  ];
  return [{ projection, parts, table: parts.table, columns, key: [parts.owner, 'position'] }];
});

/**
 * For a projection whose doc holds only part of its rows, the select-list entry that brings the rest
 * along with each row version: its parts up to the version, in order, as one json array named `parts`
 * (an index range scan of the parts table's primary key); '' for the others. `table` names the
 * projection table in the query. rowFromStored puts the row together again.
 */
export function partsColumn(projection: ProjectionName, table: string): string {
  const parts = partsOf(projection);
  return parts
    ? `, (SELECT json_agg(p.doc ORDER BY p.position) FROM ${parts.table} AS p WHERE p.${parts.owner} = ${table}.id AND p.position <= ${table}.valid_from) AS parts`
    : '';
}

/** A row as read from its table: its doc, and its parts up to the version (a json array, or null) where it has parts. */
export function rowFromStored<P extends ProjectionName>(projection: P, doc: object, parts: unknown): ProjectionRows[P] {
  const definition = partsOf(projection);
  return definition ? definition.assemble(doc, (parts as object[] | null) ?? []) : (doc as ProjectionRows[P]);
}

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
    ['doc', 'json'],
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
