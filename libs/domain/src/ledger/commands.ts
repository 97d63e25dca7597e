import type { Citation } from './citations';
import type { RegisterSource } from '../sources/commands';
import type { RegisterCompany } from '../companies/commands';
import type { AmendDeal, SignDeal, TerminateDeal } from '../deals/commands';
import type { ClaimValuation, MakeClaim, PostRebuttal } from '../claims/commands';
import type { RecordTalentDeparture } from '../people/commands';

/** Retract a claim, a rebuttal or a talent move. */
export interface Retract {
  readonly type: 'retract';
  readonly targetId: string;
  readonly reason: string;
  readonly expectedVersion: number | null;
}

/**
 * Every command, named after its mutation. Commands are plain data, already parsed from the
 * API's input (decimals canonical, dates checked); `decide` applies the domain's rules.
 */
export type LedgerCommand =
  | RegisterSource
  | RegisterCompany
  | SignDeal
  | AmendDeal
  | TerminateDeal
  | ClaimValuation
  | MakeClaim
  | RecordTalentDeparture
  | PostRebuttal
  | Retract;

export type CommandType = LedgerCommand['type'];

/** Who sent a command, and when: time comes in with the command, never from a clock in the domain. */
export interface CommandMeta {
  /** The authenticated principal (token name). */
  readonly actor: string;
  /** The server's instant when the command arrived. */
  readonly now: Date;
  readonly idempotencyKey: string | null;
}

export type CitationsInput = readonly Citation[];
