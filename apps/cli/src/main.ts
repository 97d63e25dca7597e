import 'reflect-metadata';
import { createWriteStream } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { applyMigrations } from '@ledger/event-store/database/migrations';
import { resolveDatabase } from '@ledger/event-store/database/database-url';
import { assertDurableDatabase } from '@ledger/event-store/database/durability';
import { connectLedgerDatabase, LedgerAudit, LedgerReader } from '@ledger/event-store';
import { AppModule } from '../../api/src/app.module';
import { runTokenCommand, TOKEN_USAGE } from '../../api/src/auth/token-cli';
import { TokenStore } from '../../api/src/auth/token-store';
import { readAppConfig } from '../../api/src/config/app-config';
import { importerFor } from '../../api/src/ledger/seed';

const USAGE = `Usage: npm run ledger -- <command>

  import FILE                 apply an NDJSON file of {"op": mutation, "input": {...}} lines through
                              the API's command path; failing lines are reported by number with their
                              error code; re-running a file appends nothing twice
  verify [--from N] [--to N]  recompute the hash chain (default: the whole ledger)
  rebuild                     replay every event into fresh projection tables and compare checksums
  export [FILE]               write every event, with its hashes, as NDJSON (default: standard output)
  upgrade                     apply the migrations and rebuild projections written by an older
                              PROJECTION_VERSION (every command does this first; npm start has this
                              command do it in its own process, with Node's default heap)
  head                        print the ledger head
${TOKEN_USAGE}

DATABASE_URL selects the database; unset, the embedded PostgreSQL under .data/postgres is used.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  const config = readAppConfig();
  const database = await resolveDatabase();
  try {
    // Refuses fsync / synchronous_commit off unless LEDGER_UNSAFE_DURABILITY=1 (then silently: output stays parseable).
    await assertDurableDatabase(database.url, { allowUnsafe: config.unsafeDurability });
    await applyMigrations(database.url);
    if (command === 'token') return await tokenCommand(database.url, args);
    const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, databaseUrl: database.url }), {
      logger: ['error', 'warn'],
    });
    try {
      const upgraded = await app.get(LedgerAudit).ensureProjectionsCurrent();
      if (command === 'upgrade') {
        process.stdout.write(
          upgraded
            ? `Projections were version ${upgraded.fromVersion}: rebuilt ${upgraded.rows} rows from ${upgraded.events} events in ${upgraded.seconds.toFixed(1)} s\n`
            : 'Projections are current\n',
        );
        return 0;
      }
      return await run(app.get(LedgerReader), app.get(LedgerAudit), command, args, () => importerFor(app));
    } finally {
      await app.close();
    }
  } finally {
    await database.stop();
  }
}

/** `token …` needs only the api_tokens table: no application context, so it answers fast. */
async function tokenCommand(url: string, args: string[]): Promise<number> {
  const db = connectLedgerDatabase(url, { poolSize: 1 });
  try {
    return await runTokenCommand(new TokenStore(db.prisma), args, {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
    });
  } finally {
    await db.close();
  }
}

async function run(
  reader: LedgerReader,
  audit: LedgerAudit,
  command: string,
  args: string[],
  importer: () => ReturnType<typeof importerFor>,
): Promise<number> {
  switch (command) {
    case 'import': {
      const file = args[0];
      if (!file) {
        process.stderr.write('import needs a FILE\n');
        return 2;
      }
      const started = Date.now();
      const report = await importer().importFile(file, (failure) =>
        process.stderr.write(`line ${failure.line}: ${failure.code} ${failure.message}\n`),
      );
      // A bulk load outruns autovacuum (PostgreSQL's own threshold for a new ANALYZE is a tenth of a
      // table changed): when the import added a tenth of the ledger or more, the planner's statistics
      // are refreshed before the command returns (see LedgerAudit.refreshStatistics), counted in its time.
      const head = BigInt((await reader.head()).position);
      const refreshed = report.appended > 0 && BigInt(report.appended) * 10n >= head;
      if (refreshed) await audit.refreshStatistics({ events: true });
      const seconds = (Date.now() - started) / 1000;
      process.stdout.write(
        `${report.lines} lines: ${report.appended} appended, ${report.alreadyImported} already imported, ` +
          `${report.failures.length} failed (${seconds.toFixed(2)} s)\n` +
          (refreshed ? `Statistics refreshed (ANALYZE, VACUUM of the link tables): the import added a tenth of the ledger or more\n` : ''),
      );
      return report.failures.length > 0 ? 1 : 0;
    }
    case 'verify': {
      const from = option(args, '--from');
      const to = option(args, '--to');
      const verification = await audit.verify(from, to);
      process.stdout.write(`${JSON.stringify(verification)}\n`);
      return verification.ok ? 0 : 1;
    }
    case 'rebuild': {
      const before = await audit.projectionChecksums();
      const report = await audit.rebuild();
      const after = await audit.projectionChecksums();
      const changed = Object.keys(before).filter((name) => before[name as keyof typeof before] !== after[name as keyof typeof after]);
      process.stdout.write(
        `Rebuilt ${report.rows} rows from ${report.events} events in ${report.seconds.toFixed(2)} s ` +
          `(${Math.round(report.events / Math.max(report.seconds, 1e-9))} events/s); ` +
          `${changed.length === 0 ? 'identical to the live projections' : `changed: ${changed.join(', ')}`}\n`,
      );
      return 0;
    }
    case 'export': {
      const out = args[0] ? createWriteStream(args[0]) : process.stdout;
      const head = await reader.head();
      for await (const batch of reader.storedEvents('1', head.position)) {
        for (const stored of batch) out.write(`${JSON.stringify({ ...stored.event, previousHash: stored.previousHash, hash: stored.hash })}\n`);
      }
      if (out !== process.stdout) await new Promise<void>((resolve) => (out as NodeJS.WritableStream).end(resolve));
      return 0;
    }
    case 'head': {
      process.stdout.write(`${JSON.stringify(await reader.head())}\n`);
      return 0;
    }
    default:
      process.stderr.write(`Unknown command "${command}"\n\n${USAGE}\n`);
      return 2;
  }
}

function option(args: string[], name: string): string | null {
  const index = args.indexOf(name);
  const value = index >= 0 ? args[index + 1] : undefined;
  if (value === undefined) return null;
  if (!/^\d+$/.test(value)) throw new Error(`${name} needs a position`);
  return value;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
