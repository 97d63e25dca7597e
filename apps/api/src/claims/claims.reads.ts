import { argumentStatuses, isContested } from '@ledger/domain/claims/derived';
import { comparePositions } from '@ledger/domain/shared/positions';
import type { ClaimRow, RebuttalRow } from '@ledger/domain/claims/read-model';
import { threadOf } from '../ledger/entity-reads';
import { filteredPage } from '../ledger/filtered-page';
import type { LedgerContext } from '../ledger/ledger-context';
import { connectionFrom, decodeAfter } from '../ledger/pagination';
import { toClaimModel, toRebuttalModel } from './claims.mappers';
import type { ClaimsArgs } from './dto/claims.args';
import { ClaimConnectionModel } from './models/claim.model';
import type { RebuttalModel } from './models/rebuttal.model';

/**
 * A page of claims as of `at`, ordered by id. Subject, kind and metric filter in SQL; status and
 * contested come from each claim's thread (grounded semantics, computed by the domain).
 */
export async function claimsPage(context: LedgerContext, at: string, args: ClaimsArgs): Promise<ClaimConnectionModel> {
  const filter = args.filter ?? {};
  const needsThread = Boolean(filter.status) || (filter.contested !== null && filter.contested !== undefined);
  const rows = await filteredPage(
    (afterId, limit) =>
      context.reader.listRows('claims', at, {
        afterId,
        limit,
        filter: {
          equals: { ...(filter.kind ? { kind: filter.kind } : {}), ...(filter.metric ? { metric: filter.metric } : {}) },
          contains: filter.subjectId ? { subject_ids: filter.subjectId } : {},
        },
      }),
    async (chunk) => {
      if (!needsThread) return chunk.map(() => true);
      const threads = await context.reader.rowsByKeys('rebuttals', 'root_claim_id', chunk.map((claim) => claim.id), at);
      return chunk.map((claim) => matchesThreadFilter(claim, threads.get(claim.id) ?? [], filter));
    },
    decodeAfter(args.after, 'id'),
    args.first,
  );
  const connection = connectionFrom(rows.map((row) => toClaimModel(row, at)), args.first, (claim) => claim.id);
  return Object.assign(new ClaimConnectionModel(), connection);
}

function matchesThreadFilter(
  claim: ClaimRow,
  thread: readonly RebuttalRow[],
  filter: { readonly status?: string | null; readonly contested?: boolean | null },
): boolean {
  if (filter.status && argumentStatuses(claim, thread).get(claim.id) !== filter.status) return false;
  if (filter.contested !== null && filter.contested !== undefined && isContested(claim, thread) !== filter.contested) return false;
  return true;
}

/** The direct rebuttals of a claim or rebuttal as of `at`, oldest first. */
export async function directRebuttals(context: LedgerContext, nodeId: string, rootClaimId: string, at: string): Promise<RebuttalModel[]> {
  const thread = await threadOf(context, rootClaimId, at);
  return thread
    .filter((rebuttal) => rebuttal.targetId === nodeId)
    .sort((left, right) => comparePositions(left.createdPosition, right.createdPosition))
    .map((rebuttal) => toRebuttalModel(rebuttal, at));
}
