import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { LedgerCommand } from '@ledger/domain/ledger/commands';
import { badInput } from '@ledger/domain/shared/errors';
import { slugify } from '@ledger/domain/shared/values';
import { EventStore, fingerprintOf, type AppendRequest, type AppendResult } from '@ledger/event-store';
import type { LedgerContext } from './ledger-context';
import { UNPAIRED_SURROGATE } from './validation';

/** A mutation's input: whatever the client sent, with its optional idempotency key. */
export interface MutationInput {
  readonly idempotencyKey?: string | null;
}

/**
 * The write side of every mutation: the input, already validated by class-validator, becomes a
 * command; the store decides and appends it in one transaction.
 */
@Injectable()
export class CommandService {
  constructor(private readonly store: EventStore) {}

  async execute(mutation: string, input: MutationInput, command: LedgerCommand, context: LedgerContext): Promise<AppendResult> {
    return this.store.append(appendRequestFor(mutation, input, command, context.actor));
  }

  /** A fresh slug for an entity whose id the client left to the server: "<hint>-<8 hex>". */
  newId(hint: string): string {
    return newEntityId(hint);
  }
}

/** A fresh slug for an entity whose id the client left to the server: "<hint>-<8 hex>". */
export function newEntityId(hint: string): string {
  return `${slugify(hint, 60)}-${randomBytes(4).toString('hex')}`;
}

/**
 * What the store appends for a validated mutation input: the command, the principal, the time it
 * arrived, and the fingerprint of the input (without its idempotency key) that idempotent replays
 * must match.
 */
export function appendRequestFor(mutation: string, input: MutationInput, command: LedgerCommand, actor: string): AppendRequest {
  // The idempotency key too: it reaches Postgres as text, which cannot hold U+0000.
  assertNoNulCharacters(input, 'input');
  const { idempotencyKey, ...rest } = input;
  return {
    command,
    actor,
    now: new Date(),
    idempotencyKey: idempotencyKey ?? null,
    fingerprint: fingerprintOf({ mutation, input: JSON.parse(JSON.stringify(rest)) as unknown }),
  };
}

/**
 * PostgreSQL text cannot hold U+0000, and jsonb refuses an unpaired surrogate ("\ud800"): refuse
 * both up front with the field at fault (they used to reach the database and fail as
 * INTERNAL_SERVER_ERROR).
 */
function assertNoNulCharacters(value: unknown, path: string): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) throw badInput('Text must not contain the NUL character (U+0000)', [path]);
    if (UNPAIRED_SURROGATE.test(value)) throw badInput('Text must be well-formed Unicode: it holds an unpaired surrogate (U+D800 to U+DFFF)', [path]);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => assertNoNulCharacters(item, `${path}.${index}`));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) assertNoNulCharacters(item, `${path}.${key}`);
  }
}
