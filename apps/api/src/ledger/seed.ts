import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { EventStore, LedgerReader } from '@ledger/event-store';
import { LedgerImporter, type ImportReport } from './ledger-importer';

/** Builds an importer over the application's own served schema: the same command path as HTTP. */
export function importerFor(app: INestApplicationContext): LedgerImporter {
  const { schema } = app.get(GraphQLSchemaHost);
  return new LedgerImporter(schema, app.get(EventStore));
}

/** Imports the seed file when the ledger has no event yet; null when it already had some. */
export async function seedLedgerIfEmpty(app: INestApplication | INestApplicationContext, seedFile: string): Promise<ImportReport | null> {
  const head = await app.get(LedgerReader).head();
  if (head.position !== '0') return null;
  const report = await importerFor(app).importFile(seedFile);
  if (report.failures.length > 0) {
    const first = report.failures[0]!;
    throw new Error(`The seed failed at line ${first.line}: ${first.code} ${first.message}`);
  }
  return report;
}
