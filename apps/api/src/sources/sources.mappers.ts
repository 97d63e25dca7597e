import type { RegisterSource } from '@ledger/domain/sources/commands';
import type { SourceRow } from '@ledger/domain/sources/read-model';
import { createModel, orNull } from '../ledger/ledger.mappers';
import type { RegisterSourceInput } from './dto/register-source.input';
import { SourceModel } from './models/source.model';

export function toSourceModel(row: SourceRow, viewPosition: string): SourceModel {
  return createModel(SourceModel, {
    id: row.id,
    url: row.url,
    title: row.title,
    publisher: row.publisher,
    author: row.author,
    kind: row.kind,
    publishedOn: row.publishedOn,
    row,
    viewPosition,
  });
}

export function toRegisterSourceCommand(input: RegisterSourceInput): RegisterSource {
  return {
    type: 'registerSource',
    id: input.id,
    url: orNull(input.url),
    title: input.title,
    publisher: orNull(input.publisher),
    author: orNull(input.author),
    kind: input.kind,
    publishedOn: orNull(input.publishedOn),
  };
}
