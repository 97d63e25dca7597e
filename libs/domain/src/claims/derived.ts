import { comparePositions } from '../shared/positions';
import type { ArgumentStatus, Metric } from './events';
import type { ClaimRow, RebuttalRow } from './read-model';

/** Rebuttals by the id of the node they answer, each list in ledger order. */
export function rebuttalsByTarget(rebuttals: readonly RebuttalRow[]): Map<string, RebuttalRow[]> {
  const byTarget = new Map<string, RebuttalRow[]>();
  const ordered = [...rebuttals].sort((a, b) => comparePositions(a.position, b.position));
  for (const rebuttal of ordered) {
    const siblings = byTarget.get(rebuttal.targetId);
    if (siblings === undefined) byTarget.set(rebuttal.targetId, [rebuttal]);
    else siblings.push(rebuttal);
  }
  return byTarget;
}

/** The rebuttals below `nodeId` at any depth, in breadth-first order (iterative). */
export function rebuttalsBelow(nodeId: string, rebuttals: readonly RebuttalRow[]): RebuttalRow[] {
  const byTarget = rebuttalsByTarget(rebuttals);
  const below: RebuttalRow[] = [];
  const visited = new Set<string>([nodeId]);
  const queue: string[] = [nodeId];
  for (let head = 0; head < queue.length; head += 1) {
    for (const child of byTarget.get(queue[head]) ?? []) {
      if (visited.has(child.id)) continue;
      visited.add(child.id);
      below.push(child);
      queue.push(child.id);
    }
  }
  return below;
}

/**
 * Grounded status of the claim and of every rebuttal in its thread (`rebuttals`: the rows whose
 * rootClaimId is the claim's id). RETRACTED when withdrawn; else REFUTED when at least one direct
 * REFUTES rebuttal is itself STANDING; else STANDING. SUPPORTS and QUALIFIES never change a status.
 * Computed bottom-up without recursion, so deep threads are safe.
 */
export function argumentStatuses(claim: ClaimRow, rebuttals: readonly RebuttalRow[]): Map<string, ArgumentStatus> {
  const thread = rebuttals.filter((rebuttal) => rebuttal.rootClaimId === claim.id && rebuttal.id !== claim.id);
  const byTarget = rebuttalsByTarget(thread);
  const ids = new Set<string>([claim.id, ...thread.map((rebuttal) => rebuttal.id)]);
  // Breadth-first from every root (the claim, and any rebuttal whose target is outside the set),
  // so that reversing the order visits every child before its target.
  const roots = [claim.id, ...thread.filter((rebuttal) => !ids.has(rebuttal.targetId)).map((rebuttal) => rebuttal.id)];
  const order: string[] = [];
  const visited = new Set<string>();
  for (const root of roots) {
    if (visited.has(root)) continue;
    visited.add(root);
    const start = order.length;
    order.push(root);
    for (let head = start; head < order.length; head += 1) {
      for (const child of byTarget.get(order[head]) ?? []) {
        if (visited.has(child.id)) continue;
        visited.add(child.id);
        order.push(child.id);
      }
    }
  }
  const retracted = new Map<string, boolean>([[claim.id, claim.retracted]]);
  for (const rebuttal of thread) retracted.set(rebuttal.id, rebuttal.retracted);

  const statuses = new Map<string, ArgumentStatus>();
  for (let index = order.length - 1; index >= 0; index -= 1) {
    const id = order[index];
    if (retracted.get(id) === true) {
      statuses.set(id, 'RETRACTED');
      continue;
    }
    const refuted = (byTarget.get(id) ?? []).some(
      (child) => child.stance === 'REFUTES' && statuses.get(child.id) === 'STANDING',
    );
    statuses.set(id, refuted ? 'REFUTED' : 'STANDING');
  }
  return statuses;
}

/** True when at least one REFUTES rebuttal at any depth below `nodeId` (a claim or a rebuttal) is not retracted. */
export function isContestedNode(nodeId: string, rebuttals: readonly RebuttalRow[]): boolean {
  return rebuttalsBelow(nodeId, rebuttals).some((rebuttal) => rebuttal.stance === 'REFUTES' && !rebuttal.retracted);
}

/** True when at least one REFUTES rebuttal at any depth below the claim is not retracted. */
export function isContested(claim: ClaimRow, rebuttals: readonly RebuttalRow[]): boolean {
  return isContestedNode(claim.id, rebuttals);
}

export interface ThreadStatistics {
  /** Every rebuttal ever posted in the thread, retracted ones included. */
  readonly size: number;
  /** The longest chain of rebuttals below the claim; 0 when there is none. */
  readonly depth: number;
  readonly refutations: number;
  readonly supports: number;
  readonly qualifications: number;
  /** Distinct authors: the claim's first, then in order of rebuttal position. */
  readonly participants: string[];
  /** Greatest updatedAt among the rebuttals; null when there is none. */
  readonly lastActivityAt: string | null;
}

/** Statistics of every rebuttal ever posted under the claim (rows whose rootClaimId is the claim's id). */
export function threadStatistics(claim: ClaimRow, rebuttals: readonly RebuttalRow[]): ThreadStatistics {
  const thread = rebuttals
    .filter((rebuttal) => rebuttal.rootClaimId === claim.id)
    .sort((a, b) => comparePositions(a.position, b.position));
  const byId = new Map(thread.map((rebuttal) => [rebuttal.id, rebuttal]));

  // Depth of each rebuttal: 1 below the claim (or below a node outside the thread), +1 per level.
  const depths = new Map<string, number>();
  let depth = 0;
  for (const rebuttal of thread) {
    const chain: RebuttalRow[] = [];
    const inChain = new Set<string>();
    let current: RebuttalRow | undefined = rebuttal;
    while (current !== undefined && !depths.has(current.id) && !inChain.has(current.id)) {
      chain.push(current);
      inChain.add(current.id);
      current = byId.get(current.targetId);
    }
    let level = current !== undefined ? depths.get(current.id) ?? 0 : 0;
    for (let index = chain.length - 1; index >= 0; index -= 1) {
      level += 1;
      depths.set(chain[index].id, level);
    }
    depth = Math.max(depth, depths.get(rebuttal.id) ?? 0);
  }

  const participants = [...new Set([claim.author, ...thread.map((rebuttal) => rebuttal.author)])];
  let lastActivityAt: string | null = null;
  for (const rebuttal of thread) {
    if (lastActivityAt === null || rebuttal.updatedAt > lastActivityAt) lastActivityAt = rebuttal.updatedAt;
  }
  return {
    size: thread.length,
    depth,
    refutations: thread.filter((rebuttal) => rebuttal.stance === 'REFUTES').length,
    supports: thread.filter((rebuttal) => rebuttal.stance === 'SUPPORTS').length,
    qualifications: thread.filter((rebuttal) => rebuttal.stance === 'QUALIFIES').length,
    participants,
    lastActivityAt,
  };
}

export interface ClaimWithStatus {
  readonly claim: ClaimRow;
  readonly status: ArgumentStatus;
}

/** The most recent STANDING claim with `metric`: by occurredOn (null is oldest), then by ledger position. */
export function latestStandingClaim(claims: readonly ClaimWithStatus[], metric: Metric): ClaimRow | null {
  let latest: ClaimRow | null = null;
  for (const { claim, status } of claims) {
    if (status !== 'STANDING' || claim.metric !== metric) continue;
    if (latest === null || compareClaimRecency(claim, latest) > 0) latest = claim;
  }
  return latest;
}

function compareClaimRecency(left: ClaimRow, right: ClaimRow): number {
  if (left.occurredOn !== right.occurredOn) {
    if (left.occurredOn === null) return -1;
    if (right.occurredOn === null) return 1;
    return left.occurredOn < right.occurredOn ? -1 : 1;
  }
  return comparePositions(left.position, right.position);
}
