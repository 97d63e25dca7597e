import type { Retract } from '@ledger/domain/ledger/commands';
import type { Citation } from '@ledger/domain/ledger/citations';
import type { RecordedEvent } from '@ledger/domain/ledger/events';
import { parseDecimal, type Amount } from '@ledger/domain/shared/values';
import type { AmountInput } from './dto/amount.input';
import type { CitationInput } from './dto/citation.input';
import type { RetractInput } from './dto/retract.input';
import { AmountModel } from './models/amount.model';
import { CitationModel } from './models/citation.model';
import { LedgerEventModel } from './models/ledger-event.model';
import { LedgerHeadModel } from './models/ledger-head.model';
import { LedgerViewModel } from './models/ledger-view.model';
import { VerificationModel } from './models/verification.model';
import { serializeDateTime } from './scalars/date-time.scalar';

// ------------------------------------------------------------------ helpers

/** Every property of a model class, GraphQL or internal: the mapper must set them all. */
export type ModelProps<T> = { [K in keyof T]: T[K] };

/** Builds a model instance (needed for resolveType's instanceof) from all of its properties. */
export function createModel<T extends object>(ctor: new () => T, props: ModelProps<T>): T {
  return Object.assign(new ctor(), props);
}

/** Generates an id for a command whose input left it out; `hint` is a slug to base it on. */
export type NewId = (hint: string) => string;

/** The idempotency key of a mutation input, or null. */
export function idempotencyKeyOf(input: { readonly idempotencyKey?: string | null }): string | null {
  return input.idempotencyKey ?? null;
}

/** `undefined` (absent) and `null` both become null. */
export function orNull<T>(value: T | null | undefined): T | null {
  return value === undefined ? null : value;
}

// ------------------------------------------------------------------ rows -> models

export function toAmountModel(amount: Amount): AmountModel {
  return createModel(AmountModel, { value: amount.value, unit: amount.unit, per: amount.per });
}

export function toAmountModelOrNull(amount: Amount | null | undefined): AmountModel | null {
  return amount ? toAmountModel(amount) : null;
}

export function toCitationModel(citation: Citation, viewPosition: string): CitationModel {
  return createModel(CitationModel, {
    quote: citation.quote,
    locator: citation.locator,
    role: citation.role,
    sourceId: citation.sourceId,
    viewPosition,
  });
}

export function toCitationModels(citations: readonly Citation[], viewPosition: string): CitationModel[] {
  return citations.map((citation) => toCitationModel(citation, viewPosition));
}

/** The hash-chain link of a stored event (what the event store keeps beside the RecordedEvent). */
export interface ChainLink {
  readonly hash: string;
  readonly previousHash: string | null;
}

/** The event store's StoredEvent shape: { event, hash, previousHash }. */
export interface StoredEventLike extends ChainLink {
  readonly event: RecordedEvent;
}

/**
 * Maps a recorded event to `LedgerEvent`. Accepts the event store's StoredEvent ({ event, hash,
 * previousHash }), a RecordedEvent that carries hash/previousHash itself, or a RecordedEvent plus
 * its `chain` link. Throws (a programming error, reported as INTERNAL_SERVER_ERROR) without a hash.
 */
export function toLedgerEventModel(
  source: RecordedEvent | StoredEventLike | (RecordedEvent & ChainLink),
  viewPosition: string,
  chain?: ChainLink,
): LedgerEventModel {
  const stored = 'event' in source && typeof source.event === 'object' ? (source as StoredEventLike) : null;
  const event: RecordedEvent = stored ? stored.event : (source as RecordedEvent);
  const link: Partial<ChainLink> = chain ?? stored ?? (source as Partial<ChainLink>);
  if (typeof link.hash !== 'string') throw new Error(`toLedgerEventModel: event ${event.id} has no hash`);
  return createModel(LedgerEventModel, {
    id: event.id,
    position: event.position,
    streamId: event.streamId,
    version: event.version,
    type: event.type,
    occurredOn: event.occurredOn,
    recordedAt: event.recordedAt,
    recordedBy: event.recordedBy,
    data: event.data,
    citations: toCitationModels(event.citations, viewPosition),
    hash: link.hash,
    previousHash: link.previousHash ?? null,
    schemaVersion: event.schemaVersion,
    viewPosition,
  });
}

export function toLedgerHeadModel(head: {
  readonly position: string;
  readonly hash: string | null;
  readonly recordedAt: string | Date | null;
}): LedgerHeadModel {
  return createModel(LedgerHeadModel, {
    position: head.position,
    hash: head.hash,
    recordedAt: head.recordedAt === null ? null : serializeDateTime(head.recordedAt),
  });
}

export function toVerificationModel(verification: {
  readonly ok: boolean;
  readonly checkedEvents: number;
  readonly firstBadPosition: string | null;
  readonly message: string | null;
}): VerificationModel {
  return createModel(VerificationModel, {
    ok: verification.ok,
    checkedEvents: verification.checkedEvents,
    firstBadPosition: verification.firstBadPosition,
    message: verification.message,
  });
}

/** The view as the ledger stood after `position` (recordedAt: that event's ledger instant, null for "0"). */
export function toLedgerViewModel(position: string, recordedAt: string | Date | null): LedgerViewModel {
  return createModel(LedgerViewModel, {
    position,
    recordedAt: recordedAt === null ? null : serializeDateTime(recordedAt),
    viewPosition: position,
  });
}

// ------------------------------------------------------------------ inputs -> commands

/** An AmountInput as a domain Amount, the value canonical (BAD_USER_INPUT at `field`.value otherwise). */
export function toAmount(input: AmountInput, field: string): Amount {
  return { value: parseDecimal(input.value, `${field}.value`), unit: input.unit, per: orNull(input.per) };
}

/** CitationInputs as domain citations: missing quote/locator -> null, missing role -> SUPPORTING. */
export function toCitations(inputs: readonly CitationInput[] | null | undefined): Citation[] {
  return (inputs ?? []).map((input) => ({
    sourceId: input.sourceId,
    quote: orNull(input.quote),
    locator: orNull(input.locator),
    role: input.role ?? 'SUPPORTING',
  }));
}

export function toRetractCommand(input: RetractInput): Retract {
  return {
    type: 'retract',
    targetId: input.targetId,
    reason: input.reason,
    expectedVersion: orNull(input.expectedVersion),
  };
}
