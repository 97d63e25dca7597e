import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildClientSchema,
  buildSchema,
  findBreakingChanges,
  getIntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { startTestApp, type TestApp } from '@ledger/testing';

const REPO = join(__dirname, '..', '..');
/** The contract as the repository keeps it (a fresh clone has no ../shared). */
const CONTRACT_COPY = join(REPO, 'apps', 'api', 'contract.graphql');
/** The contract as the team publishes it, when the checkout sits beside ../shared. */
const SHARED_CONTRACT = join(REPO, '..', 'shared', 'api', 'schema.graphql');
/** The schema the server serves, generated and committed so API changes show in review. */
const GENERATED_SCHEMA = join(REPO, 'apps', 'api', 'schema.graphql');

describe('Given the public GraphQL contract', () => {
  let api: TestApp;
  let served: GraphQLSchema;
  const contract = buildSchema(readFileSync(CONTRACT_COPY, 'utf8'));

  beforeAll(async () => {
    api = await startTestApp({ seed: false });
    const response = await api.graphql<IntrospectionQuery>(getIntrospectionQuery());
    expect(response.errors).toBeUndefined();
    served = buildClientSchema(response.data as IntrospectionQuery);
  });
  afterAll(async () => {
    await api.close();
  });

  it('When the repository copy is compared with ../shared/api/schema.graphql, then they are identical', () => {
    if (!existsSync(SHARED_CONTRACT)) return; // a clone without ../shared has only the copy
    expect(readFileSync(CONTRACT_COPY, 'utf8')).toEqual(readFileSync(SHARED_CONTRACT, 'utf8'));
  });

  it('When the served schema is introspected over HTTP, then nothing of the contract is missing or changed', () => {
    expect(findBreakingChanges(contract, served)).toEqual([]);
  });

  it('When a field of the contract disappears, then the same check reports it (the check can fail)', () => {
    const withoutDepartures = buildSchema(readFileSync(CONTRACT_COPY, 'utf8').replace(/^\s*departures: \[TalentMove!\]!$/m, ''));
    expect(findBreakingChanges(contract, withoutDepartures).map((change) => change.description)).toEqual([
      'Company.departures was removed.',
    ]);
  });

  it('When the committed apps/api/schema.graphql is compared with the served schema, then it is up to date', () => {
    const printed = `${printSchema(lexicographicSortSchema(served))}\n`;
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(GENERATED_SCHEMA, printed);
    expect(existsSync(GENERATED_SCHEMA) ? readFileSync(GENERATED_SCHEMA, 'utf8') : '').toEqual(printed);
  });
});
