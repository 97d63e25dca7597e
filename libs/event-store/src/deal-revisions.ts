import type { Citation } from '@ledger/domain/ledger/citations';
import type { DealRow, DealTermRow } from '@ledger/domain/deals/read-model';

/**
 * How a deal row version is stored (the deals entry of PROJECTION_TABLES: storedDoc and parts): its header in `deals.doc` (the row without its terms and
 * citations), and what each of the deal's events added to the terms and citations once, in
 * `deal_revisions` (one row per deal event, by deal and position). A deal's terms and citations only
 * ever grow at the end (evolveDeal appends revisions, new keys and new citations), so the row as of
 * any of its versions is its header plus the revisions up to that version's position, folded in order.
 *
 * Stored whole in every version, a deal repeated all its term revisions and their citations each
 * time it was amended: 4.2 KB of JSON per version on average on a 200,000-event ledger, its size
 * growing with the deal's history, most of the rebuild's and the append path's bytes.
 */
export type DealHeader = Omit<DealRow, 'terms' | 'citations'>;

/** What one event of a deal added: per key, the new revisions (new keys in the row's order); the new citations. */
export interface DealRevisionDoc {
  readonly terms: readonly DealTermRow[];
  readonly citations: readonly Citation[];
}

export function dealHeaderOf(row: DealRow): DealHeader {
  const { terms: _terms, citations: _citations, ...header } = row;
  return header;
}

/**
 * What `next` adds to `previous` (null for the deal's first version). Throws when `next` does not
 * extend `previous` at the end, which evolveDeal never does: the fold in assembleDealRow would not
 * give `next` back.
 */
export function dealRevisionOf(previous: DealRow | null, next: DealRow): DealRevisionDoc {
  const known = new Map<string, number>(previous?.terms.map((term) => [term.key, term.revisions.length]) ?? []);
  const terms: DealTermRow[] = [];
  for (const term of next.terms) {
    const count = known.get(term.key) ?? 0;
    if (term.revisions.length < count) throw new Error(`Deal ${next.id}: term ${term.key} lost revisions`);
    known.delete(term.key);
    if (term.revisions.length > count) terms.push({ key: term.key, revisions: term.revisions.slice(count) });
  }
  const citationCount = previous?.citations.length ?? 0;
  if (known.size > 0 || next.citations.length < citationCount) throw new Error(`Deal ${next.id}: a version dropped terms or citations`);
  return { terms, citations: next.citations.slice(citationCount) };
}

/**
 * A deal row from its stored header and its revisions up to the version, oldest first. A doc that
 * still holds its terms was written whole (before projection version 5) and is returned as it is.
 */
export function assembleDealRow(doc: DealHeader | DealRow, revisions: readonly DealRevisionDoc[]): DealRow {
  if ('terms' in doc) return doc;
  const terms: { key: string; revisions: DealTermRow['revisions'][number][] }[] = [];
  const indexOf = new Map<string, number>();
  const citations: Citation[] = [];
  for (const revision of revisions) {
    for (const term of revision.terms) {
      const index = indexOf.get(term.key);
      if (index === undefined) {
        indexOf.set(term.key, terms.length);
        terms.push({ key: term.key, revisions: [...term.revisions] });
      } else terms[index]!.revisions.push(...term.revisions);
    }
    citations.push(...revision.citations);
  }
  // Assigned, not `{ ...doc, terms, citations }`: adding keys after a spread is V8's slow path (see createdRow).
  return Object.assign({}, doc, { terms, citations });
}
