/** The session settings withLedgerSessions adds, as libpq's `options` (command-line switches of the backend). */
const SESSION_OPTIONS = '-c TimeZone=UTC -c DateStyle=ISO,YMD -c IntervalStyle=postgres';

/**
 * Every session runs with TimeZone=UTC, DateStyle=ISO,YMD and IntervalStyle=postgres, whatever the
 * server's, database's or role's defaults.
 *
 * TimeZone: Prisma's pg adapter reads a timestamptz by replacing its UTC offset with +00:00, so on a
 * server whose TimeZone is not UTC every recorded_at would come back shifted: hashes would not
 * verify, recordedAt could go backwards and as-of-instant reads would be off by the offset.
 *
 * DateStyle and IntervalStyle: pg, Prisma's adapter and the store parse the text PostgreSQL sends
 * for dates and timestamps (and occurred_on::text), which only the ISO style writes as they expect.
 * Under DateStyle 'German, DMY' pg read every recorded_at as null and occurred_on::text as
 * '01.01.2026': an untouched ledger failed verification at event 1 and the head had no recordedAt.
 *
 * Options already in the URL (or PGOPTIONS) are kept; these come after them, so they win.
 */
export function withLedgerSessions(url: string): string {
  const parsed = new URL(url);
  const existing = parsed.searchParams.get('options') ?? process.env.PGOPTIONS ?? '';
  parsed.searchParams.set('options', `${existing} ${SESSION_OPTIONS}`.trim());
  return parsed.toString();
}
