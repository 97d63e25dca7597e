import type { ClaimRow, RebuttalRow } from '../claims/read-model';
import type { DealRow } from '../deals/read-model';
import type { TalentMoveRow } from '../people/read-model';
import { alreadyExists, concurrencyConflict, notFound } from '../shared/errors';
import type { EntityKind, KnownEntities } from './entities';

/** A row a command can act on: amended or terminated deal, retracted entry, rebutted claim or rebuttal. */
export type TargetRow = DealRow | ClaimRow | RebuttalRow | TalentMoveRow;

/** What the command handler looked up for `decide`. */
export interface DecisionState {
  /** Current row of the entity the command acts on: the deal (amendDeal/terminateDeal), the claim/rebuttal/move (retract), the TARGET claim or rebuttal (postRebuttal); null for creations. */
  readonly target: TargetRow | null;
  /** Kind of every id the command mentions that exists in the ledger (the new id itself, person id, companies, sources, target). Ids absent from the map do not exist. */
  readonly known: KnownEntities;
}

/** Builds a KnownEntities map from a plain record, e.g. `knownEntities({ spacex: 'COMPANY' })`. */
export function knownEntities(kinds: Readonly<Record<string, EntityKind>> = {}): KnownEntities {
  return new Map(Object.entries(kinds));
}

const KIND_NAMES: Readonly<Record<EntityKind, string>> = {
  SOURCE: 'source',
  COMPANY: 'company',
  DEAL: 'deal',
  CLAIM: 'claim',
  REBUTTAL: 'rebuttal',
  PERSON: 'person',
  TALENT_MOVE: 'talent move',
};

/** The kind in words, for messages and error details: "talent move". */
export function entityKindName(kind: EntityKind): string {
  return KIND_NAMES[kind];
}

/** ALREADY_EXISTS when the id a command creates is taken by any entity (ids are unique across kinds). */
export function requireNewId(known: KnownEntities, id: string): void {
  const existing = known.get(id);
  if (existing !== undefined) throw alreadyExists(id, entityKindName(existing));
}

/** NOT_FOUND (with the input path) unless `id` exists with the expected kind. */
export function requireExisting(known: KnownEntities, id: string, kind: EntityKind, field: string): void {
  if (known.get(id) !== kind) throw notFound(entityKindName(kind), id, field);
}

export function isDealRow(row: TargetRow): row is DealRow {
  return 'parties' in row;
}

export function isClaimRow(row: TargetRow): row is ClaimRow {
  return 'subjectIds' in row;
}

export function isRebuttalRow(row: TargetRow): row is RebuttalRow {
  return 'rootClaimId' in row;
}

export function isTalentMoveRow(row: TargetRow): row is TalentMoveRow {
  return 'personId' in row;
}

/**
 * The target row, narrowed by `guard`, checked to be the entity `id`. A missing or mismatched row
 * means the handler did not load what `known` says exists: reported as NOT_FOUND on `field`.
 */
export function requireTarget<R extends TargetRow>(
  state: DecisionState,
  guard: (row: TargetRow) => row is R,
  id: string,
  kind: EntityKind,
  field: string,
): R {
  const target = state.target;
  if (target === null || target.id !== id || !guard(target)) throw notFound(entityKindName(kind), id, field);
  return target;
}

/**
 * The store checks expectedVersion in SQL; this early check only saves a round trip when the
 * handler already read a newer row.
 */
export function checkExpectedVersion(streamId: string, expectedVersion: number | null, target: TargetRow): void {
  if (expectedVersion !== null && expectedVersion !== target.version) {
    throw concurrencyConflict(streamId, expectedVersion, target.version);
  }
}
