import type { ProjectionName, ProjectionRows } from '@ledger/domain/ledger/projections';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { PROJECTION_TABLES, projectionColumns, storedDocOf } from './projection-tables';

/**
 * Projection row versions written with COPY … FROM STDIN in PostgreSQL's text format: the
 * rebuild's write path. Against INSERT … SELECT FROM jsonb_to_recordset($1) (the append path's
 * batches), COPY does not parse one big JSON parameter, extract each field from it and build each
 * doc a second time: on 200,000 events (local PostgreSQL 15) the deals' inserts took 14.9 s of
 * the server's time; the same rows loaded with psql's \copy took 6.5 s.
 *
 * A row version is kept as one line of UTF-8 bytes with its valid_to left out (unknown until the
 * entity is touched again): `id \t valid_from \t` | `\t version \t columns… \t doc \n`. The doc
 * comes last so that it can be read back from the bytes when the next event evolves the row.
 */
export interface CopyRowVersion {
  readonly bytes: Uint8Array;
  /** Byte offset where valid_to goes (after `id \t valid_from \t`). */
  readonly validToAt: number;
  /** Byte offset of the doc (its COPY-escaped JSON runs to the line's final newline). */
  readonly docAt: number;
  /** The whole row as JSON in UTF-8, when the doc holds only part of it (storedDocOf). */
  readonly row?: Uint8Array;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();
const NULL_FIELD = '\\N';
const NULL_BYTES = Buffer.from(NULL_FIELD, 'latin1');
const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A value as a field of COPY's text format: backslash, newline, carriage return and tab escaped. */
export function copyText(text: string): string {
  return COPY_SPECIAL.test(text) ? text.replace(/[\\\n\r\t]/g, (char) => COPY_ESCAPES[char]!) : text;
}

/** A text[] as PostgreSQL's array literal: every element quoted, `"` and `\` escaped inside. */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/** One typed column's value as a COPY field, by its SQL cast (see PROJECTION_TABLES). */
function copyField(value: unknown, cast: string): string {
  if (value === null || value === undefined) return NULL_FIELD;
  switch (cast) {
    case 'text[]':
      return copyText(textArrayLiteral(value as readonly string[]));
    case 'json':
    case 'jsonb':
      return copyText(JSON.stringify(value));
    default:
      return copyText(String(value));
  }
}

/** The COPY statement's column list of a projection table, in the order of the line's fields. */
function copyColumns(projection: ProjectionName): string {
  return projectionColumns(projection)
    .map(([name]) => name)
    .join(', ');
}

/** A row version of `projection` made at `validFrom`, as COPY text without its valid_to. */
export function copyRowVersion<P extends ProjectionName>(projection: P, row: ProjectionRows[P], validFrom: string): CopyRowVersion {
  const definition = PROJECTION_TABLES[projection];
  const values = (definition.valuesOf as (row: ProjectionRows[P]) => readonly unknown[])(row);
  let fields = `\t${row.version}\t`;
  for (let index = 0; index < values.length; index += 1) fields += `${copyField(values[index], definition.casts[index]!)}\t`;
  const head = `${copyText(row.id)}\t${validFrom}\t`;
  const validToAt = Buffer.byteLength(head);
  const docAt = validToAt + Buffer.byteLength(fields);
  const doc = storedDocOf(projection, row);
  const bytes = utf8Encoder.encode(`${head}${fields}${copyText(JSON.stringify(doc))}\n`);
  return doc === row ? { bytes, validToAt, docAt } : { bytes, validToAt, docAt, row: utf8Encoder.encode(JSON.stringify(row)) };
}

/** The row a CopyRowVersion holds, parsed back from its doc (or from the whole row kept beside it). */
export function rowOfCopyVersion<P extends ProjectionName>(version: CopyRowVersion): ProjectionRows[P] {
  if (version.row) return JSON.parse(utf8Decoder.decode(version.row)) as ProjectionRows[P];
  const escaped = utf8Decoder.decode(version.bytes.subarray(version.docAt, version.bytes.length - 1));
  // JSON text holds no raw newline, carriage return or tab: its only escaped character is `\`.
  return JSON.parse(escaped.includes('\\') ? escaped.replaceAll('\\\\', '\\') : escaped) as ProjectionRows[P];
}

/** Lines gathered into one COPY's data: its size, its rows, the bytes. */
abstract class CopyData {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;
  private lines = 0;

  get bytes(): number {
    return this.size;
  }

  get rows(): number {
    return this.lines;
  }

  /** The lines as one buffer. */
  data(): Buffer {
    return Buffer.concat(this.chunks, this.size);
  }

  /** One line, given as the chunks it is made of. */
  protected addLine(...chunks: Uint8Array[]): void {
    for (const chunk of chunks) {
      this.chunks.push(chunk);
      this.size += chunk.length;
    }
    this.lines += 1;
  }
}

/** Row versions of one projection, with their valid_to, gathered into one COPY's data. */
export class CopyBatch extends CopyData {
  add(version: CopyRowVersion, validTo: string | null): void {
    const middle = validTo === null ? NULL_BYTES : Buffer.from(validTo, 'latin1');
    this.addLine(version.bytes.subarray(0, version.validToAt), middle, version.bytes.subarray(version.validToAt));
  }
}

/** Lines of a table without valid_to (a parts table: one line per `add`), gathered into one COPY's data. */
export class CopyLines extends CopyData {
  /** `fields` as the COPY text of each (already escaped with copyText where needed). */
  add(fields: readonly string[]): void {
    this.addLine(Buffer.from(`${fields.join('\t')}\n`, 'utf8'));
  }
}

/** Writes a batch into the projection's table with one COPY on `client` (a transaction's connection). */
export async function copyRowVersions(client: PoolClient, projection: ProjectionName, batch: CopyBatch): Promise<void> {
  if (batch.rows === 0) return;
  await copyInto(client, PROJECTION_TABLES[projection].table, copyColumns(projection), batch.data());
}

/**
 * One COPY … FROM STDIN of `data` (COPY text lines) into `table` (`columns`: the column list), with
 * FREEZE: the rebuild truncated the table in the same transaction, so its rows are written frozen and
 * its pages all-visible. Without it every page of the rebuilt tables was rewritten again later: hint
 * bits set by the first reads, then a vacuum (0 of 12,844 deal pages all-visible after a 200,000-event
 * rebuild, against all of them with FREEZE), and index-only scans could not skip the heap until then.
 */
export async function copyInto(client: PoolClient, table: string, columns: string, data: Buffer): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN WITH (FREEZE)`));
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', resolve);
    stream.end(data);
  });
}
