import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { execute, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { LedgerReader } from '@ledger/event-store';
import { createLedgerContext } from './ledger-context';

/** The mutations an NDJSON line may name, with their input types. */
const MUTATIONS = [
  'registerSource',
  'registerCompany',
  'signDeal',
  'amendDeal',
  'terminateDeal',
  'claimValuation',
  'makeClaim',
  'recordTalentDeparture',
  'postRebuttal',
  'retract',
] as const;
type MutationName = (typeof MUTATIONS)[number];

export interface ImportLineFailure {
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

export interface ImportReport {
  readonly lines: number;
  /** Lines that appended an event. */
  readonly appended: number;
  /** Lines already imported earlier (same idempotency key and input): nothing appended. */
  readonly alreadyImported: number;
  readonly failures: ImportLineFailure[];
}

/** The principal imports are recorded under; also the namespace of their idempotency keys. */
export const IMPORT_ACTOR = 'ledger-import';

/**
 * Applies an NDJSON file of `{"op": mutationName, "input": {...}}` lines through the same command path
 * as the API (the served schema: scalars, class-validator, decide, the store). A line without an
 * idempotencyKey gets one derived from its content, so re-running a file appends nothing twice.
 */
export class LedgerImporter {
  private readonly documents = new Map<MutationName, DocumentNode>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly reader: LedgerReader,
    private readonly actor = IMPORT_ACTOR,
  ) {}

  async importFile(path: string, onFailure?: (failure: ImportLineFailure) => void): Promise<ImportReport> {
    const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
    let number = 0;
    let appended = 0;
    let alreadyImported = 0;
    const failures: ImportLineFailure[] = [];
    for await (const text of lines) {
      number += 1;
      if (text.trim() === '') continue;
      const outcome = await this.importLine(text, number);
      if (outcome === 'appended') appended += 1;
      else if (outcome === 'replayed') alreadyImported += 1;
      else {
        failures.push(outcome);
        onFailure?.(outcome);
      }
    }
    return { lines: number, appended, alreadyImported, failures };
  }

  async importLine(text: string, line: number): Promise<'appended' | 'replayed' | ImportLineFailure> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { line, code: 'BAD_USER_INPUT', message: 'The line is not JSON' };
    }
    if (!isRecord(parsed) || typeof parsed.op !== 'string' || !isRecord(parsed.input)) {
      return { line, code: 'BAD_USER_INPUT', message: 'Expected {"op": mutationName, "input": {...}}' };
    }
    const op = parsed.op;
    if (!(MUTATIONS as readonly string[]).includes(op)) {
      return { line, code: 'BAD_USER_INPUT', message: `Unknown op "${op}"; expected one of ${MUTATIONS.join(', ')}` };
    }
    const input = { ...parsed.input };
    if (input.idempotencyKey === undefined || input.idempotencyKey === null) {
      input.idempotencyKey = `import-${createHash('sha256').update(`${op}\u0000${JSON.stringify(parsed.input)}`).digest('hex').slice(0, 40)}`;
    }
    const headBefore = (await this.reader.head()).position;
    const result = await execute({
      schema: this.schema,
      document: this.document(op as MutationName),
      variableValues: { input },
      contextValue: createLedgerContext(this.reader, this.actor),
    });
    const error = result.errors?.[0];
    if (error) {
      // No `data` at all: the input failed variable coercion before execution (unknown enum value,
      // missing required field, unknown field), which Apollo reports as BAD_USER_INPUT over HTTP.
      const uncoded = result.data === undefined ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR';
      const code = typeof error.extensions?.code === 'string' ? error.extensions.code : uncoded;
      const original = error.originalError as { code?: string } | undefined;
      return { line, code: original?.code && /^[A-Z_]+$/.test(original.code) ? original.code : code, message: error.message };
    }
    const data = result.data?.[op] as { event?: { position?: string } } | undefined;
    const position = data?.event?.position;
    return position !== undefined && BigInt(position) > BigInt(headBefore) ? 'appended' : 'replayed';
  }

  private document(op: MutationName): DocumentNode {
    let document = this.documents.get(op);
    if (!document) {
      const inputType = `${op[0]!.toUpperCase()}${op.slice(1)}Input`;
      document = parse(`mutation Import($input: ${inputType}!) { ${op}(input: $input) { event { position } } }`);
      this.documents.set(op, document);
    }
    return document;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
