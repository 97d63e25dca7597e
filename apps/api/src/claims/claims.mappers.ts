import type { ClaimValuation, MakeClaim, PostRebuttal } from '@ledger/domain/claims/commands';
import type { ThreadStatistics } from '@ledger/domain/claims/derived';
import type { ClaimRow, RebuttalRow } from '@ledger/domain/claims/read-model';
import { slugify } from '@ledger/domain/shared/values';
import {
  createModel,
  orNull,
  toAmount,
  toAmountModelOrNull,
  toCitationModels,
  toCitations,
  type NewId,
} from '../ledger/ledger.mappers';
import type { ClaimValuationInput } from './dto/claim-valuation.input';
import type { MakeClaimInput } from './dto/make-claim.input';
import type { PostRebuttalInput } from './dto/post-rebuttal.input';
import { ArgumentThreadModel } from './models/argument-thread.model';
import { ClaimModel } from './models/claim.model';
import { RebuttalModel } from './models/rebuttal.model';

// ------------------------------------------------------------------ rows -> models

export function toClaimModel(row: ClaimRow, viewPosition: string): ClaimModel {
  return createModel(ClaimModel, {
    id: row.id,
    kind: row.kind,
    statement: row.statement,
    author: row.author,
    metric: row.metric,
    value: toAmountModelOrNull(row.value),
    fiscalPeriod: row.fiscalPeriod,
    citations: toCitationModels(row.citations, viewPosition),
    occurredOn: row.occurredOn,
    recordedAt: row.recordedAt,
    version: row.version,
    row,
    viewPosition,
  });
}

export function toRebuttalModel(row: RebuttalRow, viewPosition: string): RebuttalModel {
  return createModel(RebuttalModel, {
    id: row.id,
    stance: row.stance,
    author: row.author,
    text: row.text,
    citations: toCitationModels(row.citations, viewPosition),
    occurredOn: row.occurredOn,
    recordedAt: row.recordedAt,
    version: row.version,
    targetId: row.targetId,
    rootClaimId: row.rootClaimId,
    row,
    viewPosition,
  });
}

export function isRebuttalRow(row: ClaimRow | RebuttalRow): row is RebuttalRow {
  return 'rootClaimId' in row && typeof row.rootClaimId === 'string';
}

/** An ArgumentNode (Rebuttal.target): a ClaimModel or a RebuttalModel, told apart by the row's shape. */
export function toArgumentNodeModel(row: ClaimRow | RebuttalRow, viewPosition: string): ClaimModel | RebuttalModel {
  return isRebuttalRow(row) ? toRebuttalModel(row, viewPosition) : toClaimModel(row, viewPosition);
}

/** From the domain's `threadStatistics(claim, rebuttals)`. */
export function toArgumentThreadModel(stats: ThreadStatistics): ArgumentThreadModel {
  return createModel(ArgumentThreadModel, {
    size: stats.size,
    depth: stats.depth,
    refutations: stats.refutations,
    supports: stats.supports,
    qualifications: stats.qualifications,
    participants: [...stats.participants],
    lastActivityAt: stats.lastActivityAt,
  });
}

// ------------------------------------------------------------------ inputs -> commands

/** The id hint of a valuation claim without an id: "xai-operating-income-fy2025". */
function valuationIdHint(input: ClaimValuationInput): string {
  return slugify([input.companyId, input.metric, input.fiscalPeriod ?? ''].filter(Boolean).join(' '));
}

export function toClaimValuationCommand(input: ClaimValuationInput, newId: NewId): ClaimValuation {
  return {
    type: 'claimValuation',
    id: input.id ?? newId(valuationIdHint(input)),
    companyId: input.companyId,
    metric: input.metric,
    value: toAmount(input.value, 'input.value'),
    fiscalPeriod: orNull(input.fiscalPeriod),
    author: input.author,
    statement: orNull(input.statement),
    occurredOn: orNull(input.occurredOn),
    citations: toCitations(input.citations),
  };
}

export function toMakeClaimCommand(input: MakeClaimInput, newId: NewId): MakeClaim {
  return {
    type: 'makeClaim',
    id: input.id ?? newId(slugify(input.statement, 40)),
    statement: input.statement,
    author: input.author,
    subjectIds: [...(input.subjectIds ?? [])],
    occurredOn: orNull(input.occurredOn),
    citations: toCitations(input.citations),
  };
}

export function toPostRebuttalCommand(input: PostRebuttalInput, newId: NewId): PostRebuttal {
  return {
    type: 'postRebuttal',
    id: input.id ?? newId(slugify(`${input.targetId} ${input.stance}`)),
    targetId: input.targetId,
    stance: input.stance,
    author: input.author,
    text: input.text,
    occurredOn: orNull(input.occurredOn),
    citations: toCitations(input.citations),
  };
}
