import type { Citation } from '../ledger/citations';
import type { RowMeta } from '../ledger/entities';
import type { Amount, IsoDate } from '../shared/values';
import type { DealKind, Party } from './events';

/** One value a term has had, set by a DEAL_SIGNED or DEAL_AMENDED event. */
export interface TermRevisionRow {
  readonly amount: Amount | null;
  readonly date: IsoDate | null;
  readonly days: number | null;
  readonly text: string | null;
  /** World date from which the value holds (the amendment's effectiveOn, or the deal's signedOn). */
  readonly effectiveOn: IsoDate | null;
  readonly eventId: string;
  readonly position: string;
  readonly citations: readonly Citation[];
}

export interface DealTermRow {
  readonly key: string;
  /** Oldest first; the last one is the current value. */
  readonly revisions: readonly TermRevisionRow[];
}

export interface DealRow extends RowMeta {
  readonly title: string;
  readonly kind: DealKind;
  readonly parties: readonly Party[];
  readonly signedOn: IsoDate | null;
  /** In the order the keys first appeared. */
  readonly terms: readonly DealTermRow[];
  readonly terminatedOn: IsoDate | null;
  readonly terminationReason: string | null;
  /** Every citation of the deal's events, in ledger order, without repeats. */
  readonly citations: readonly Citation[];
}

/** A date term as a deal's summary keeps it: per revision, only what its status depends on. */
export interface DealDateTermRow {
  readonly key: string;
  readonly revisions: readonly Pick<TermRevisionRow, 'date' | 'effectiveOn' | 'position'>[];
}

/**
 * A deal as a list shows it: the row without its terms and citations, keeping of the date terms
 * its status depends on (starts_on, ends_on) each revision's date, effectiveOn and position, and of
 * the row's meta only id and version (a list shows no positions or timestamps). A fraction of a
 * row's JSON on a deal with amended, cited terms; written beside the row so a company's list of
 * deals need not load and parse every deal whole.
 */
export interface DealSummaryRow extends Pick<RowMeta, 'id' | 'version'> {
  readonly title: string;
  readonly kind: DealKind;
  readonly parties: readonly Party[];
  readonly signedOn: IsoDate | null;
  readonly terminatedOn: IsoDate | null;
  /** Only the date terms the deal's status depends on. */
  readonly terms: readonly DealDateTermRow[];
}
