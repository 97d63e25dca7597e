import type { ProjectionName, ProjectionRows } from '@ledger/domain/ledger/projections';
import type { PoolClient } from 'pg';
import { PART_TABLES, PROJECTION_TABLES, projectionColumns, storedDocOf } from './projection-tables';

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

/**
 * Inserts what each new row version adds to the one before into the projection's parts table (see
 * ProjectionParts), in one statement; nothing for a projection without one.
 */
export async function insertParts<P extends ProjectionName>(
  tx: PoolClient,
  projection: P,
  versions: readonly { readonly previous: ProjectionRows[P] | null; readonly row: ProjectionRows[P]; readonly validFrom: string }[],
): Promise<void> {
  const part = PART_TABLES.find((candidate) => candidate.projection === projection);
  if (!part || versions.length === 0) return;
  const added = part.parts.added as (previous: ProjectionRows[P] | null, next: ProjectionRows[P]) => object;
  const records = versions.map((version) => ({ [part.parts.owner]: version.row.id, position: version.validFrom, doc: added(version.previous, version.row) }));
  await insertJsonRecords(tx, part.table, part.columns, JSON.stringify(records));
}
