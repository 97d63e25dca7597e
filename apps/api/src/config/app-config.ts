/**
 * One validated configuration, read once at boot. A bad value fails fast with the variable's name.
 */
export interface AppConfig {
  /** Unset: an embedded PostgreSQL starts with its data under .data/postgres. */
  readonly databaseUrl: string | null;
  readonly port: number;
  /** Import data/seed-ledger.ndjson when the ledger is empty (LEDGER_SEED=off disables). */
  readonly seed: boolean;
  readonly production: boolean;
  /**
   * Database connections of the API's pool, at least 2: one is held for good by the LISTEN of the
   * event stream (subscriptions), so with one the API and the CLI waited forever for their first query.
   */
  readonly poolSize: number;
  /** LEDGER_UNSAFE_DURABILITY=1: start even when the database runs with fsync or synchronous_commit off. */
  readonly unsafeDurability: boolean;
  /** LEDGER_ADMIN_TOKEN: a bootstrap admin token (recorded as "admin"), never stored; required in production. */
  readonly adminToken: string | null;
  /** LOG_LEVEL: pino level of the JSON logs (fatal, error, warn, info, debug, trace, silent). */
  readonly logLevel: LogLevel;
  /** LEDGER_SHUTDOWN_TIMEOUT_MS: how long SIGTERM/SIGINT waits for in-flight requests before closing anyway. */
  readonly shutdownTimeoutMs: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

export function readAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl !== null) {
    let protocol = '';
    try {
      protocol = new URL(databaseUrl).protocol;
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a URL (expected postgresql://user@host:port/database)');
    }
    if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
      throw new ConfigError('DATABASE_URL', `must be a postgres:// or postgresql:// URL, not ${protocol}`);
    }
  }
  const port = integerVariable(env, 'PORT', 4000, 0, 65535);
  const seedSetting = (env.LEDGER_SEED ?? 'on').trim().toLowerCase();
  if (!['on', 'off', 'true', 'false', '1', '0'].includes(seedSetting)) {
    throw new ConfigError('LEDGER_SEED', `must be "on" or "off", not "${env.LEDGER_SEED}"`);
  }
  const adminToken = adminTokenVariable(env);
  return {
    databaseUrl,
    port,
    seed: ['on', 'true', '1'].includes(seedSetting),
    production: env.NODE_ENV === 'production',
    poolSize: integerVariable(env, 'LEDGER_DB_POOL_SIZE', 10, 2, 200),
    unsafeDurability: booleanVariable(env, 'LEDGER_UNSAFE_DURABILITY', false),
    adminToken,
    logLevel: logLevelVariable(env),
    shutdownTimeoutMs: integerVariable(env, 'LEDGER_SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
  };
}

function logLevelVariable(env: NodeJS.ProcessEnv): LogLevel {
  const raw = (env.LOG_LEVEL ?? '').trim().toLowerCase();
  if (raw === '') return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, not "${env.LOG_LEVEL}"`);
  }
  return raw as LogLevel;
}

/** LEDGER_ADMIN_TOKEN: unset, or at least 32 characters without whitespace; required when NODE_ENV=production. */
function adminTokenVariable(env: NodeJS.ProcessEnv): string | null {
  const raw = env.LEDGER_ADMIN_TOKEN;
  if (raw === undefined || raw === '') {
    if (env.NODE_ENV === 'production') {
      throw new ConfigError(
        'LEDGER_ADMIN_TOKEN',
        'is required when NODE_ENV=production (at least 32 characters): the server refuses to run without access control',
      );
    }
    return null;
  }
  if (raw.length < 32 || /\s/.test(raw)) {
    throw new ConfigError('LEDGER_ADMIN_TOKEN', `must be at least 32 characters without spaces (got ${raw.length}); e.g. \`openssl rand -base64 32\``);
  }
  return raw;
}

function booleanVariable(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'off', 'no'].includes(raw)) return false;
  throw new ConfigError(name, `must be 1 or 0, not "${env[name]}"`);
}

function integerVariable(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max}, not "${raw}"`);
  }
  return Number(raw);
}
