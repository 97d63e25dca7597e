import type { ClaimRow, RebuttalRow } from '@ledger/domain/claims/read-model';
import { argumentStatuses, isContested } from '@ledger/domain/claims/derived';
import type { ArgumentStatus } from '@ledger/domain/claims/events';
import type { AppendResult, StoredEvent } from '@ledger/event-store';
import { toClaimModel, toRebuttalModel } from '../claims/claims.mappers';
import type { ClaimModel } from '../claims/models/claim.model';
import type { RebuttalModel } from '../claims/models/rebuttal.model';
import { toCompanyModel } from '../companies/companies.mappers';
import type { CompanyModel } from '../companies/models/company.model';
import { toDealModel } from '../deals/deals.mappers';
import type { DealModel } from '../deals/models/deal.model';
import type { PersonModel } from '../people/models/person.model';
import type { TalentMoveModel } from '../people/models/talent-move.model';
import { toPersonModel, toTalentMoveModel } from '../people/people.mappers';
import type { SourceModel } from '../sources/models/source.model';
import { toSourceModel } from '../sources/sources.mappers';
import type { LedgerContext } from './ledger-context';
import { toLedgerEventModel } from './ledger.mappers';
import type { LedgerEventModel } from './models/ledger-event.model';

/**
 * Single-entity reads at a ledger position, shared by Query, LedgerView, node(id), payloads and
 * nested fields; all batched through the request's loaders.
 */
export async function sourceAt(context: LedgerContext, id: string, at: string): Promise<SourceModel | null> {
  const row = await context.loaders.row('sources', id, at);
  return row && toSourceModel(row, at);
}

export async function companyAt(context: LedgerContext, id: string, at: string): Promise<CompanyModel | null> {
  const row = await context.loaders.row('companies', id, at);
  return row && toCompanyModel(row, at);
}

export async function dealAt(context: LedgerContext, id: string, at: string): Promise<DealModel | null> {
  const row = await context.loaders.row('deals', id, at);
  return row && toDealModel(row, at);
}

export async function claimAt(context: LedgerContext, id: string, at: string): Promise<ClaimModel | null> {
  const row = await context.loaders.row('claims', id, at);
  return row && toClaimModel(row, at);
}

export async function rebuttalAt(context: LedgerContext, id: string, at: string): Promise<RebuttalModel | null> {
  const row = await context.loaders.row('rebuttals', id, at);
  return row && toRebuttalModel(row, at);
}

export async function personAt(context: LedgerContext, id: string, at: string): Promise<PersonModel | null> {
  const row = await context.loaders.row('people', id, at);
  return row && toPersonModel(row, at);
}

export async function talentMoveAt(context: LedgerContext, id: string, at: string): Promise<TalentMoveModel | null> {
  const row = await context.loaders.row('talent_moves', id, at);
  return row && toTalentMoveModel(row, at);
}

export function eventModels(events: readonly StoredEvent[], at: string): LedgerEventModel[] {
  return events.map((stored) => toLedgerEventModel(stored, at));
}

/** Every rebuttal of a claim's thread (any depth, retracted included) as of `at`. */
export function threadOf(context: LedgerContext, claimId: string, at: string): Promise<RebuttalRow[]> {
  return context.loaders.rowsBy('rebuttals', 'root_claim_id', claimId, at);
}

/** Grounded status of a claim or a rebuttal, from its whole thread as of `at`. */
export async function argumentStatusOf(context: LedgerContext, node: ClaimRow | RebuttalRow, at: string): Promise<ArgumentStatus> {
  const claimId = 'rootClaimId' in node ? node.rootClaimId : node.id;
  const claim = 'rootClaimId' in node ? await context.loaders.row('claims', claimId, at) : node;
  if (!claim) throw new Error(`Rebuttal ${node.id} has no root claim ${claimId} at ${at}`);
  const statuses = argumentStatuses(claim, await threadOf(context, claimId, at));
  const status = statuses.get(node.id);
  if (!status) throw new Error(`No status computed for ${node.id}`);
  return status;
}

export async function isClaimContested(context: LedgerContext, claim: ClaimRow, at: string): Promise<boolean> {
  return isContested(claim, await threadOf(context, claim.id, at));
}

/**
 * What a mutation answers: the entity as it stood right after its event (for an idempotent replay,
 * the first result's event), and the event itself.
 */
export async function readAfterAppend<M>(
  context: LedgerContext,
  result: AppendResult,
  read: (context: LedgerContext, id: string, at: string) => Promise<M | null>,
): Promise<{ entity: M; event: LedgerEventModel }> {
  const at = result.event.position;
  // The store knows the rows as they stand after the event: no need to read them back.
  for (const touched of result.rows ?? []) context.loaders.primeRow(touched.projection, touched.id, at, touched.row);
  const entity = await read(context, result.entityId, at);
  if (entity === null) throw new Error(`Entity ${result.entityId} is missing after its event at ${at}`);
  return { entity, event: toLedgerEventModel(result, at) };
}
