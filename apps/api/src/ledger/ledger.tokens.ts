/** Injection token of the resolved AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
/** Injection token of the LedgerDatabase (Prisma client and pg pool). */
export const LEDGER_DATABASE = Symbol('LEDGER_DATABASE');
