import type { ProjectionName, ProjectionRows } from '@ledger/domain/ledger/projections';
import type { PoolClient } from 'pg';
import type { DealRow } from '@ledger/domain/deals/read-model';
import { DEAL_REVISION_COLUMNS, DEAL_REVISIONS_TABLE, dealRevisionOf } from './deal-revisions';
import { PROJECTION_TABLES, projectionColumns, storedDocOf } from './projection-tables';

/**
 * INSERT … SELECT from one parameter: `records`, a JSON array of objects, which PostgreSQL turns into
 * typed columns with jsonb_to_recordset (a JSON array becomes a text[], an object a jsonb). Values
 * travel once as plain JSON, never escaped again into array literals.
 */
export async function insertJsonRecords(
  tx: PoolClient,
  table: string,
  columns: readonly (readonly [name: string, type: string])[],
  records: string,
  orderBy?: string,
): Promise<void> {
  const names = columns.map(([name]) => name).join(', ');
  await tx.query(
    `INSERT INTO ${table} (${names})
     SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS r(${columns.map(([name, type]) => `${name} ${type}`).join(', ')})` +
      (orderBy ? ` ORDER BY ${orderBy}` : ''),
    [records],
  );
}

/**
 * A projection row version ready to write, all text: its doc as JSON, and its other fields (id,
 * version, typed columns) as the members of a JSON object, without the braces. The append path's
 * batches are written this way (a rebuild writes with COPY: projection-copy.ts).
 */
export interface SerializedRowVersion {
  readonly doc: string;
  readonly fields: string;
  readonly validFrom: string;
  readonly validTo: string | null;
}

export function serializeRowVersion(
  projection: ProjectionName,
  row: ProjectionRows[ProjectionName],
  validFrom: string,
  validTo: string | null,
): SerializedRowVersion {
  const definition = PROJECTION_TABLES[projection];
  const values = (definition.valuesOf as (row: ProjectionRows[ProjectionName]) => readonly unknown[])(row);
  const fields: Record<string, unknown> = { id: row.id, version: row.version };
  definition.columns.forEach((column, index) => {
    fields[column] = values[index];
  });
  return { doc: JSON.stringify(storedDocOf(projection, row)), fields: JSON.stringify(fields).slice(1, -1), validFrom, validTo };
}

/** One element of insertRowVersions' JSON array (positions are digit strings: spliced as JSON strings). */
function rowVersionRecord(version: SerializedRowVersion): string {
  const validTo = version.validTo === null ? 'null' : `"${version.validTo}"`;
  return `{"doc":${version.doc},"valid_from":"${version.validFrom}","valid_to":${validTo},${version.fields}}`;
}

/**
 * Inserts row versions of one projection in one statement (the append path's batches). Each doc
 * and field list is spliced into the JSON as the text it already is.
 */
export async function insertRowVersions(tx: PoolClient, projection: ProjectionName, versions: readonly SerializedRowVersion[]): Promise<void> {
  if (versions.length === 0) return;
  await insertJsonRecords(tx, PROJECTION_TABLES[projection].table, projectionColumns(projection), `[${versions.map(rowVersionRecord).join(',')}]`);
}

/** Inserts what each new deal row version adds to its previous one (see deal-revisions.ts), in one statement. */
export async function insertDealRevisions(
  tx: PoolClient,
  versions: readonly { readonly previous: DealRow | null; readonly row: DealRow; readonly validFrom: string }[],
): Promise<void> {
  if (versions.length === 0) return;
  const records = versions.map((version) => ({ deal_id: version.row.id, position: version.validFrom, doc: dealRevisionOf(version.previous, version.row) }));
  await insertJsonRecords(tx, DEAL_REVISIONS_TABLE, DEAL_REVISION_COLUMNS, JSON.stringify(records));
}
