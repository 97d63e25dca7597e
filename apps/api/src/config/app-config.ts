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
  /** Database connections of the API's pool. */
  readonly poolSize: number;
}

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
  return {
    databaseUrl,
    port,
    seed: ['on', 'true', '1'].includes(seedSetting),
    production: env.NODE_ENV === 'production',
    poolSize: integerVariable(env, 'LEDGER_DB_POOL_SIZE', 10, 1, 200),
  };
}

function integerVariable(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max}, not "${raw}"`);
  }
  return Number(raw);
}
