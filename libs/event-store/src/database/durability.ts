/**
 * Durability settings of the server the ledger writes to, checked at every start of the API and
 * the CLI. An acknowledged event must survive a crash: with `fsync = off` a power loss or OS crash
 * can lose or corrupt committed transactions, and with `synchronous_commit = off` PostgreSQL answers
 * COMMIT before the WAL reaches disk, so even a crash of PostgreSQL itself (or `pg_ctl stop -m
 * immediate`) loses the last acknowledged commits. Either one breaks the ledger's promise, so the
 * start is refused unless LEDGER_UNSAFE_DURABILITY=1 says the database is a throwaway one (the test
 * suite's cluster runs with both off, for speed).
 *
 * The settings are read on a session opened like the application's own (same URL, same options),
 * so a per-database or per-role `ALTER ... SET synchronous_commit = off` is seen too.
 * `full_page_writes = off` only risks torn pages on some file systems (and is a legitimate choice
 * on copy-on-write ones such as ZFS): it is reported, never refused.
 */
import { Client } from 'pg';
import { withLedgerSessions } from './session-options';

export interface DurabilitySettings {
  readonly fsync: string;
  readonly synchronousCommit: string;
  readonly fullPageWrites: string;
}

export interface DurabilityReport {
  readonly settings: DurabilitySettings;
  /** Why the settings can lose acknowledged events; empty when they cannot. */
  readonly problems: readonly string[];
  /** Worth saying, not worth refusing (full_page_writes = off). */
  readonly notes: readonly string[];
}

export class UnsafeDurabilityError extends Error {
  constructor(readonly report: DurabilityReport) {
    super(
      `Refusing to start: the database does not make commits durable (${report.problems.join('; ')}). ` +
        'An acknowledged event could be lost in a crash. Turn these settings on (postgresql.conf, or ' +
        'ALTER SYSTEM / ALTER DATABASE / ALTER ROLE ... SET), or set LEDGER_UNSAFE_DURABILITY=1 for a ' +
        'throwaway database only.',
    );
    this.name = 'UnsafeDurabilityError';
  }
}

/** Reads `fsync`, `synchronous_commit` and `full_page_writes` as the application's sessions see them. */
export async function readDurabilitySettings(url: string): Promise<DurabilitySettings> {
  const client = new Client({ connectionString: withLedgerSessions(url), application_name: 'deal-claims-ledger-durability-check' });
  client.on('error', () => undefined); // reported by the failing query instead
  await client.connect();
  try {
    const show = async (name: string): Promise<string> => {
      const { rows } = await client.query<Record<string, string>>(`SHOW ${name}`);
      return String(Object.values(rows[0] ?? {})[0] ?? '').trim().toLowerCase();
    };
    return {
      fsync: await show('fsync'),
      synchronousCommit: await show('synchronous_commit'),
      fullPageWrites: await show('full_page_writes'),
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Pure: what is wrong with these settings. */
export function assessDurability(settings: DurabilitySettings): DurabilityReport {
  const problems: string[] = [];
  const notes: string[] = [];
  if (settings.fsync !== 'on') {
    problems.push(`fsync is ${settings.fsync}: an OS crash or power loss can lose or corrupt committed events`);
  }
  if (settings.synchronousCommit === 'off') {
    problems.push('synchronous_commit is off: COMMIT is acknowledged before its WAL is on disk, so a crash loses acknowledged events');
  }
  if (settings.fullPageWrites !== 'on') {
    notes.push(`full_page_writes is ${settings.fullPageWrites}: safe only on file systems that never tear pages`);
  }
  return { settings, problems, notes };
}

/**
 * Refuses (throws UnsafeDurabilityError) when the database can lose acknowledged commits, unless
 * `allowUnsafe`; then the problems are passed to `warn` and the report returned.
 */
export async function assertDurableDatabase(
  url: string,
  options: { allowUnsafe: boolean; warn?: (message: string) => void },
): Promise<DurabilityReport> {
  const report = assessDurability(await readDurabilitySettings(url));
  for (const note of report.notes) options.warn?.(`Database durability: ${note}`);
  if (report.problems.length === 0) return report;
  if (!options.allowUnsafe) throw new UnsafeDurabilityError(report);
  options.warn?.(
    `LEDGER_UNSAFE_DURABILITY=1: running on a database that can lose acknowledged events (${report.problems.join('; ')}). ` +
      'Use it for throwaway databases only.',
  );
  return report;
}
