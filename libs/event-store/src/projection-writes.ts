import type { ProjectionName, ProjectionRows } from '@ledger/domain/ledger/projections';
import type { PoolClient } from 'pg';
import { PROJECTION_TABLES } from './projection-tables';

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

/** A projection row version ready to write: its doc as JSON text, its typed columns' values. */
export interface SerializedRowVersion {
  readonly id: string;
  readonly version: number;
  readonly doc: string;
  readonly columns: readonly unknown[];
  readonly validFrom: string;
  readonly validTo: string | null;
}

export function serializeRowVersion(
  projection: ProjectionName,
  row: ProjectionRows[ProjectionName],
  validFrom: string,
  validTo: string | null,
): SerializedRowVersion {
  const valuesOf = PROJECTION_TABLES[projection].valuesOf as (row: ProjectionRows[ProjectionName]) => readonly unknown[];
  return { id: row.id, version: row.version, doc: JSON.stringify(row), columns: valuesOf(row), validFrom, validTo };
}

/**
 * Inserts row versions of one projection in one statement (the append path's batches and the
 * rebuild's alike). Each doc is spliced into the JSON as the text it already is.
 */
export async function insertRowVersions(tx: PoolClient, projection: ProjectionName, versions: readonly SerializedRowVersion[]): Promise<void> {
  if (versions.length === 0) return;
  const definition = PROJECTION_TABLES[projection];
  const record = (version: SerializedRowVersion): string => {
    const fields: Record<string, unknown> = { id: version.id, valid_from: version.validFrom, valid_to: version.validTo, version: version.version };
    definition.columns.forEach((column, index) => {
      fields[column] = version.columns[index];
    });
    return `{"doc":${version.doc},${JSON.stringify(fields).slice(1)}`;
  };
  await insertJsonRecords(
    tx,
    definition.table,
    [
      ['id', 'text'],
      ['valid_from', 'bigint'],
      ['valid_to', 'bigint'],
      ['version', 'int'],
      ['doc', 'jsonb'],
      ...definition.columns.map((column, index) => [column, definition.casts[index]!] as const),
    ],
    `[${versions.map(record).join(',')}]`,
  );
}
