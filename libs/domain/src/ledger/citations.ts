export type CitationRole = 'PRIMARY' | 'SUPPORTING';

/** Provenance of a fact: which source, the exact quote, where in it, primary or supporting. */
export interface Citation {
  readonly sourceId: string;
  readonly quote: string | null;
  readonly locator: string | null;
  readonly role: CitationRole;
}
