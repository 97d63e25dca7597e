import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { coerceInputValue, isInputType, type GraphQLSchema } from 'graphql';
import { DomainError } from '@ledger/domain/shared/errors';
import type { AppendRequest, EventStore } from '@ledger/event-store';
import { appendRequestFor, newEntityId, type MutationInput } from './command.service';
import { MUTATION_COMMANDS, MUTATION_NAMES, type MutationName } from './mutation-commands';
import { ledgerValidationPipe } from './validation';

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

/** Lines validated and handed to the store together; the store commits them in batches, in order. */
const CHUNK_LINES = 2_000;
/** Requests per import transaction (the API's group commit takes at most 500). */
const IMPORT_BATCH = 2_000;
/**
 * Lines prepared between two turns of the event loop. Preparing is CPU work that resolves only
 * microtasks: without a turn, the replies of the chunk being committed would wait for the whole
 * next chunk to be prepared, and the database would sit idle meanwhile.
 */
const PREPARE_SLICE = 25;

type LineOutcome = 'appended' | 'replayed' | ImportLineFailure;
type PreparedLine = { readonly line: number; readonly request: AppendRequest } | ImportLineFailure;

/**
 * Applies an NDJSON file of `{"op": mutationName, "input": {...}}` lines through the API's command
 * path: the served schema's input types and scalars (coerceInputValue), the same class-validator
 * pipe and input → command mappers as the resolvers, the domain's decide and the store — batched:
 * lines are validated a chunk at a time and appended with group commit, in file order. A line
 * without an idempotencyKey gets one derived from its content, so re-running a file appends nothing
 * twice. Each failing line is reported by number with its error code.
 */
export class LedgerImporter {
  private readonly pipe: PipeTransform = ledgerValidationPipe();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly store: EventStore,
    private readonly actor = IMPORT_ACTOR,
  ) {}

  async importFile(path: string, onFailure?: (failure: ImportLineFailure) => void): Promise<ImportReport> {
    const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
    const report = { lines: 0, appended: 0, alreadyImported: 0, failures: [] as ImportLineFailure[] };
    const tally = (outcomes: readonly LineOutcome[]) => {
      for (const outcome of outcomes) {
        if (outcome === 'appended') report.appended += 1;
        else if (outcome === 'replayed') report.alreadyImported += 1;
        else {
          report.failures.push(outcome);
          onFailure?.(outcome);
        }
      }
    };
    // Pipelined: while the store commits one chunk, the next one is parsed and validated.
    let committing: Promise<void> = Promise.resolve();
    let chunk: { line: number; text: string }[] = [];
    const flush = async () => {
      const prepared = await this.prepareLines(chunk);
      chunk = [];
      await committing;
      committing = this.appendPrepared(prepared).then(tally);
    };
    for await (const text of lines) {
      report.lines += 1;
      if (text.trim() === '') continue;
      chunk.push({ line: report.lines, text });
      if (chunk.length >= CHUNK_LINES) await flush();
    }
    await flush();
    await committing;
    return report;
  }

  /** One line on its own (tests, tools). */
  async importLine(text: string, line: number): Promise<LineOutcome> {
    const [outcome] = await this.importLines([{ line, text }]);
    return outcome!;
  }

  private async importLines(lines: readonly { line: number; text: string }[]): Promise<LineOutcome[]> {
    return this.appendPrepared(await this.prepareLines(lines));
  }

  private async prepareLines(lines: readonly { line: number; text: string }[]): Promise<PreparedLine[]> {
    const prepared: PreparedLine[] = [];
    for (let start = 0; start < lines.length; start += PREPARE_SLICE) {
      if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const slice = lines.slice(start, start + PREPARE_SLICE);
      prepared.push(...(await Promise.all(slice.map(({ line, text }) => this.prepare(line, text)))));
    }
    return prepared;
  }

  private async appendPrepared(prepared: readonly PreparedLine[]): Promise<LineOutcome[]> {
    const requests = prepared.filter((entry): entry is { line: number; request: AppendRequest } => 'request' in entry);
    const results = await this.store.appendMany(
      requests.map((entry) => entry.request),
      { maxBatchSize: IMPORT_BATCH },
    );
    const resultOf = new Map(requests.map((entry, index) => [entry.line, results[index]!]));
    return prepared.map((entry) => {
      if (!('request' in entry)) return entry;
      const result = resultOf.get(entry.line)!;
      if (result.status === 'fulfilled') return result.value.replayed ? 'replayed' : 'appended';
      return failureOf(entry.line, result.reason);
    });
  }

  /** Parses, coerces through the schema's input type, validates and maps one line to an append request. */
  private async prepare(line: number, text: string): Promise<PreparedLine> {
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
    if (!(MUTATION_NAMES as readonly string[]).includes(op)) {
      return { line, code: 'BAD_USER_INPUT', message: `Unknown op "${op}"; expected one of ${MUTATION_NAMES.join(', ')}` };
    }
    const mutation = MUTATION_COMMANDS[op as MutationName];
    const input: Record<string, unknown> = { ...parsed.input };
    if (input.idempotencyKey === undefined || input.idempotencyKey === null) {
      input.idempotencyKey = `import-${createHash('sha256').update(`${op}\u0000${JSON.stringify(parsed.input)}`).digest('hex').slice(0, 40)}`;
    }
    try {
      const type = this.schema.getType(mutation.inputType);
      if (!type || !isInputType(type)) throw new Error(`The schema has no input type ${mutation.inputType}`);
      const problems: string[] = [];
      const fields: string[] = [];
      const coerced = coerceInputValue(input, type, (path, _value, error) => {
        fields.push(['input', ...path].join('.'));
        problems.push(error.message);
      });
      if (problems.length > 0) return { line, code: 'BAD_USER_INPUT', message: `${problems.join('; ')} (${fields.join(', ')})` };
      const metadata: ArgumentMetadata = { type: 'body', metatype: mutation.input, data: 'input' };
      const validated = (await this.pipe.transform(coerced, metadata)) as MutationInput;
      const command = mutation.toCommand(validated as never, newEntityId);
      return { line, request: appendRequestFor(op, validated, command, this.actor) };
    } catch (error) {
      return failureOf(line, error);
    }
  }
}

function failureOf(line: number, error: unknown): ImportLineFailure {
  if (error instanceof DomainError) return { line, code: error.code, message: error.message };
  return { line, code: 'INTERNAL_SERVER_ERROR', message: error instanceof Error ? error.message : String(error) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
