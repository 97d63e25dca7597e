import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import {
  getMetadataStorage,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  type ValidationArguments,
  type ValidationError,
  type ValidationOptions,
} from 'class-validator';
import { DomainError } from '@ledger/domain/shared/errors';
import { MAX_ID_LENGTH, SLUG_PATTERN } from '@ledger/domain/shared/values';

// ------------------------------------------------------------------ the pipe

/** At most this many problems are spelled out in the message (every path is still in `fields`). */
const MAX_LISTED_PROBLEMS = 10;

export interface FieldProblem {
  readonly field: string;
  readonly messages: readonly string[];
}

/** Flattens nested class-validator errors into paths such as "terms.0.amount.unit" (prefix added by the caller). */
export function flattenValidationErrors(errors: readonly ValidationError[], parentPath = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const path = parentPath ? `${parentPath}.${error.property}` : error.property;
    const constraints = Object.values(error.constraints ?? {});
    if (constraints.length > 0) {
      problems.push({ field: path, messages: constraints.map((message) => stripProperty(message, error.property)) });
    }
    if (error.children && error.children.length > 0) problems.push(...flattenValidationErrors(error.children, path));
  }
  return problems;
}

/** class-validator messages start with the property name ("unit must match ..."): keep only the rest. */
function stripProperty(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

/**
 * The BAD_USER_INPUT DomainError of failed validation. It keeps the raw class-validator errors so
 * LedgerValidationPipe can rebuild it with the argument's name in front of every path.
 */
export class InputValidationError extends DomainError {
  constructor(
    message: string,
    fields: readonly string[],
    readonly validationErrors: readonly ValidationError[],
  ) {
    super('BAD_USER_INPUT', message, { fields });
  }
}

/** Builds the BAD_USER_INPUT DomainError for validation errors; `prefix` is e.g. "input" (or "" for an Args class). */
export function validationErrorsToDomainError(errors: readonly ValidationError[], prefix = ''): InputValidationError {
  const problems = flattenValidationErrors(errors).map((problem) => ({
    ...problem,
    field: prefix ? `${prefix}.${problem.field}` : problem.field,
  }));
  if (problems.length === 0) return new InputValidationError('Invalid input', prefix ? [prefix] : [], errors);
  const listed = problems
    .slice(0, MAX_LISTED_PROBLEMS)
    .map((problem) => `${problem.field} ${problem.messages.join(', ')}`)
    .join('; ');
  const more = problems.length > MAX_LISTED_PROBLEMS ? `; and ${problems.length - MAX_LISTED_PROBLEMS} more` : '';
  return new InputValidationError(
    `Invalid input: ${listed}${more}`,
    problems.map((problem) => problem.field),
    errors,
  );
}

/**
 * A ValidationPipe whose errors are BAD_USER_INPUT DomainErrors with the full paths at fault. The
 * exception factory cannot see which argument it validates, so transform() rebuilds the error with
 * the argument's name ("input", "filter", ...) in front of every path; an @Args() class (no name)
 * keeps the bare argument names ("first", "after").
 */
export class LedgerValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Text PostgreSQL cannot hold (U+0000, unpaired surrogates) is refused before it reaches a query.
    // Arguments only: the pipe also sees the root, the context and the info.
    const isArgument = (metadata.type as unknown) === GRAPHQL_ARGS || ['body', 'query', 'param'].includes(metadata.type);
    const malformed = isArgument ? findMalformedText(value, typeof metadata.data === 'string' ? metadata.data : '') : null;
    if (malformed) throw new DomainError('BAD_USER_INPUT', `Invalid input: ${malformed.field || 'the argument'} ${malformed.problem}`, { fields: [malformed.field] });
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      const argumentName = typeof metadata.data === 'string' && metadata.data.length > 0 ? metadata.data : '';
      if (argumentName && error instanceof InputValidationError) {
        throw validationErrorsToDomainError(error.validationErrors, argumentName);
      }
      throw error;
    }
  }
}

/** The API's validation pipe: transform, whitelist, reject unknown properties, BAD_USER_INPUT with paths. */
export function ledgerValidationPipe(): ValidationPipe {
  memoiseValidationRules();
  return new LedgerValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    validateCustomDecorators: false,
    exceptionFactory: (errors: ValidationError[]) => validationErrorsToDomainError(errors),
  });
}

// ------------------------------------------------------------------ class-validator's rules, looked up once

type RuleStorage = ReturnType<typeof getMetadataStorage>;
type RuleLookup = RuleStorage['getTargetValidationMetadatas'];
const memoised = new WeakSet<RuleStorage>();

/**
 * class-validator looks up a class's rules again for every object it validates (nested ones too):
 * a scan of every decorated class with an `instanceof` test each, then filters; about a fifth of
 * its time here. The rules only change when a decorator registers one, so the lookup is memoised
 * per (class or schema, always, strictGroups, groups) — the same arrays, which class-validator only
 * reads — and the memo is dropped whenever a rule or constraint is registered.
 */
export function memoiseValidationRules(storage: RuleStorage = getMetadataStorage()): void {
  if (memoised.has(storage)) return;
  memoised.add(storage);
  const lookup: RuleLookup = storage.getTargetValidationMetadatas.bind(storage);
  let memo = new Map<unknown, Map<string, ReturnType<RuleLookup>>>();
  storage.getTargetValidationMetadatas = (targetConstructor, targetSchema, always, strictGroups, groups) => {
    let byOptions = memo.get(targetConstructor);
    if (!byOptions) memo.set(targetConstructor, (byOptions = new Map()));
    const key = JSON.stringify([targetSchema ?? null, always, strictGroups, groups ?? null]);
    let rules = byOptions.get(key);
    if (!rules) byOptions.set(key, (rules = lookup(targetConstructor, targetSchema, always, strictGroups, groups)));
    return rules;
  };
  const addRule = storage.addValidationMetadata.bind(storage);
  storage.addValidationMetadata = (metadata) => {
    memo = new Map();
    addRule(metadata);
  };
  const addConstraint = storage.addConstraintMetadata.bind(storage);
  storage.addConstraintMetadata = (metadata) => {
    memo = new Map();
    addConstraint(metadata);
  };
}

// ------------------------------------------------------------------ text PostgreSQL cannot hold

/** The param type of an @Args() value: @nestjs/graphql's GqlParamtype.ARGS, which its index does not export. */
const GRAPHQL_ARGS = 3;

/** A UTF-16 surrogate without its partner: not a Unicode character (JSON allows it; UTF-8, text and jsonb cannot hold it). */
export const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first string in `value` (at any depth) holding U+0000 or an unpaired surrogate, with its path. */
export function findMalformedText(value: unknown, path: string, depth = 0): { field: string; problem: string } | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return { field: path, problem: 'must not contain the NUL character (U+0000)' };
    if (UNPAIRED_SURROGATE.test(value)) return { field: path, problem: 'must be well-formed Unicode: it holds an unpaired surrogate (U+D800 to U+DFFF)' };
    return null;
  }
  if (value === null || typeof value !== 'object' || value instanceof Date || depth > 32) return null;
  for (const [key, item] of Object.entries(value)) {
    const found = findMalformedText(item, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return null;
}

// ------------------------------------------------------------------ shared validators for the DTOs

/** Composes property decorators. */
function all(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    for (const decorator of decorators) decorator(target, key);
  };
}

/** An entity id: a slug [a-z0-9][a-z0-9-]* of at most 100 characters. */
export function IsSlugId(options?: ValidationOptions): PropertyDecorator {
  return all(
    IsString(options),
    MaxLength(MAX_ID_LENGTH, { ...options, message: `$property must be at most ${MAX_ID_LENGTH} characters` }),
    Matches(SLUG_PATTERN, {
      ...options,
      message: '$property must be a slug: lower-case letters, digits and hyphens, starting with a letter or a digit',
    }),
  );
}

/** A string that is not empty or only white space. */
export function NotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'notBlank',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.trim().length > 0,
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'value'} must not be empty`,
      },
    },
    options,
  );
}

/** A string of at most `max` characters. */
export function IsText(max: number, options?: ValidationOptions): PropertyDecorator {
  return all(IsString(options), MaxLength(max, { ...options, message: `$property must be at most ${max} characters` }));
}

/** A required string: not blank, at most `max` characters. */
export function IsRequiredText(max: number): PropertyDecorator {
  return all(IsText(max), NotBlank());
}

export const POSITION_PATTERN = /^(0|[1-9][0-9]*)$/;
/** A ledger position: a decimal integer string >= 0 (a Postgres bigint has at most 19 digits). */
export function IsPosition(): PropertyDecorator {
  return all(
    IsString(),
    MaxLength(19, { message: '$property must be a ledger position of at most 19 digits' }),
    Matches(POSITION_PATTERN, { message: '$property must be a ledger position: a decimal integer such as "42"' }),
  );
}

/** A JS Date that is a real instant (what the DateTime scalar produces). */
export function IsValidInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isValidInstant',
      validator: {
        validate: (value: unknown) => value instanceof Date && !Number.isNaN(value.getTime()),
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'value'} must be a valid DateTime`,
      },
    },
    options,
  );
}

/**
 * Exactly one of the named properties is set (not null or undefined). Put it on one property that
 * has no @IsOptional (which would skip it); the error is reported on that property.
 */
export function ExactlyOneOf(properties: readonly string[], options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'exactlyOneOf',
      constraints: [properties],
      validator: {
        validate: (_value: unknown, args?: ValidationArguments) => {
          const object = (args?.object ?? {}) as Record<string, unknown>;
          return properties.filter((name) => object[name] !== null && object[name] !== undefined).length === 1;
        },
        defaultMessage: () => `give exactly one of ${properties.join(', ')}`,
      },
    },
    options,
  );
}

/** When set (not null or undefined), the value passes `check`; otherwise skipped. For use without @IsOptional. */
export function IfSet(name: string, check: (value: unknown) => boolean, message: string): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => value === null || value === undefined || check(value),
      defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'value'} ${message}`,
    },
  });
}

export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;
/** An idempotency key: 1 to 200 characters, not blank. */
export function IsIdempotencyKey(): PropertyDecorator {
  return all(IsText(MAX_IDEMPOTENCY_KEY_LENGTH), NotBlank());
}
