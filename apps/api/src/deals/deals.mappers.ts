import type { AmendDeal, SignDeal, TerminateDeal } from '@ledger/domain/deals/commands';
import { annualizedValue, totalValue } from '@ledger/domain/deals/derived';
import type { Party, TermValue } from '@ledger/domain/deals/events';
import type { DealRow, DealSummaryRow, DealTermRow, TermRevisionRow } from '@ledger/domain/deals/read-model';
import {
  createModel,
  type ModelProps,
  orNull,
  toAmount,
  toAmountModelOrNull,
  toCitationModels,
  toCitations,
} from '../ledger/ledger.mappers';
import type { AmendDealInput } from './dto/amend-deal.input';
import type { SignDealInput } from './dto/sign-deal.input';
import type { TermInput } from './dto/term.input';
import type { TerminateDealInput } from './dto/terminate-deal.input';
import { ContractTermModel, TermRevisionModel } from './models/contract-term.model';
import { DealModel } from './models/deal.model';
import { PartyModel } from './models/party.model';

// ------------------------------------------------------------------ rows -> models

export function toPartyModel(party: Party, viewPosition: string): PartyModel {
  return createModel(PartyModel, { role: party.role, companyId: party.companyId, viewPosition });
}

export function toTermRevisionModel(revision: TermRevisionRow, viewPosition: string): TermRevisionModel {
  return createModel(TermRevisionModel, {
    amount: toAmountModelOrNull(revision.amount),
    date: revision.date,
    days: revision.days,
    text: revision.text,
    effectiveOn: revision.effectiveOn,
    eventId: revision.eventId,
    position: revision.position,
    viewPosition,
  });
}

/** A term: its current (last) revision's value, effectiveOn and citations, plus every revision. */
export function toContractTermModel(term: DealTermRow, viewPosition: string): ContractTermModel {
  const revisions = term.revisions.map((revision) => toTermRevisionModel(revision, viewPosition));
  const current = term.revisions[term.revisions.length - 1];
  return createModel(ContractTermModel, {
    key: term.key,
    amount: toAmountModelOrNull(current?.amount),
    date: current?.date ?? null,
    days: current?.days ?? null,
    text: current?.text ?? null,
    effectiveOn: current?.effectiveOn ?? null,
    citations: toCitationModels(current?.citations ?? [], viewPosition),
    revisions,
  });
}

/** The fields of a deal derived from its terms and citations: computed on first read, once. */
type DerivedDealField = 'terms' | 'annualizedValue' | 'totalValue' | 'citations';

/**
 * The Deal fields a deal read as its list shape (DealSummaryRow) can answer: its own scalars, its
 * parties, status (from the date terms the summary keeps) and history (read by id). Anything else
 * (terms, term, values, citations) needs the whole row.
 */
export const DEAL_SUMMARY_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'id',
  'title',
  'kind',
  'parties',
  'signedOn',
  'status',
  'terminatedOn',
  'version',
  'history',
]);

/**
 * A deal as a model. A list of deals (a company's, a page) rarely asks for terms, values or
 * citations, so those are computed when GraphQL (or a caller) first reads them, not for every row.
 */
export function toDealModel(row: DealRow, viewPosition: string): DealModel {
  return withLazyFields(dealModelOf(row, viewPosition), {
    terms: () => row.terms.map((term) => toContractTermModel(term, viewPosition)),
    annualizedValue: () => toAmountModelOrNull(annualizedValue(row)),
    totalValue: () => toAmountModelOrNull(totalValue(row)),
    citations: () => toCitationModels(row.citations, viewPosition),
  });
}

/**
 * A deal read as its list shape, for a selection within DEAL_SUMMARY_FIELDS: terms, values and
 * citations are not there to read and are left undefined (the model is then a plain object, cheap
 * to make a thousand times).
 */
export function toDealSummaryModel(summary: DealSummaryRow, viewPosition: string): DealModel {
  return dealModelOf(summary, viewPosition);
}

/** The whole row behind a deal model (term by key needs every term); a summary has none. */
export function wholeDealRow(deal: DealModel): DealRow {
  if (!('citations' in deal.row)) throw new Error(`Deal ${deal.id} was read as a summary, which has no terms but the date terms`);
  return deal.row;
}

function dealModelOf(row: DealRow | DealSummaryRow, viewPosition: string): DealModel {
  const fields: Omit<ModelProps<DealModel>, DerivedDealField> = {
    id: row.id,
    title: row.title,
    kind: row.kind,
    parties: row.parties.map((party) => toPartyModel(party, viewPosition)),
    signedOn: row.signedOn,
    terminatedOn: row.terminatedOn,
    version: row.version,
    row,
    viewPosition,
  };
  return Object.assign(new DealModel(), fields);
}

/** Defines each of `compute`'s fields on `model` as computed on first read and then kept (an ordinary property from then on). */
function withLazyFields<T extends object, K extends keyof T>(model: T, compute: { readonly [P in K]: () => T[P] }): T {
  for (const key of Object.keys(compute) as K[]) {
    const settle = (value: T[K]): T[K] => {
      Object.defineProperty(model, key, { value, writable: true, enumerable: true, configurable: true });
      return value;
    };
    Object.defineProperty(model, key, {
      enumerable: true,
      configurable: true,
      get: () => settle(compute[key]()),
      set: (value: T[K]) => settle(value),
    });
  }
  return model;
}

// ------------------------------------------------------------------ inputs -> commands

/** A TermInput as a domain TermValue; `field` is its input path, e.g. "input.terms.0". */
export function toTermValue(input: TermInput, field: string): TermValue {
  return {
    key: input.key,
    amount: input.amount ? toAmount(input.amount, `${field}.amount`) : null,
    date: orNull(input.date),
    days: orNull(input.days),
    text: orNull(input.text),
  };
}

function toTermValues(inputs: readonly TermInput[]): TermValue[] {
  return inputs.map((term, index) => toTermValue(term, `input.terms.${index}`));
}

export function toSignDealCommand(input: SignDealInput): SignDeal {
  return {
    type: 'signDeal',
    id: input.id,
    title: input.title,
    kind: input.kind,
    parties: input.parties.map((party) => ({ companyId: party.companyId, role: party.role })),
    signedOn: orNull(input.signedOn),
    terms: toTermValues(input.terms),
    citations: toCitations(input.citations),
  };
}

export function toAmendDealCommand(input: AmendDealInput): AmendDeal {
  return {
    type: 'amendDeal',
    dealId: input.dealId,
    terms: toTermValues(input.terms),
    effectiveOn: orNull(input.effectiveOn),
    reason: input.reason,
    citations: toCitations(input.citations),
    expectedVersion: orNull(input.expectedVersion),
  };
}

export function toTerminateDealCommand(input: TerminateDealInput): TerminateDeal {
  return {
    type: 'terminateDeal',
    dealId: input.dealId,
    terminatedOn: input.terminatedOn,
    reason: input.reason,
    citations: toCitations(input.citations),
    expectedVersion: orNull(input.expectedVersion),
  };
}
