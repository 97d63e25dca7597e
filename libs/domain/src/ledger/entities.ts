/** Every kind of entity; their ids (slugs) are unique across all kinds. */
export type EntityKind = 'SOURCE' | 'COMPANY' | 'DEAL' | 'CLAIM' | 'REBUTTAL' | 'PERSON' | 'TALENT_MOVE';

/** What the command handler looked up for `decide`: the kind of every id the command references. */
export type KnownEntities = ReadonlyMap<string, EntityKind>;

/** Common to every projection row: the stream version and the ledger position it reflects. */
export interface RowMeta {
  readonly id: string;
  /** Version of the entity's stream (0 for people, who have no stream of their own). */
  readonly version: number;
  /** Position of the last event that changed this row. */
  readonly position: string;
  /** Position of the event that created this row: the entity's place in ledger order. */
  readonly createdPosition: string;
  /** Ledger instant of the entity's first event. */
  readonly recordedAt: string;
  /** Ledger instant of the last event that changed this row. */
  readonly updatedAt: string;
}
