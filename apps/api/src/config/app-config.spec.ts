import { ConfigError, readAppConfig } from './app-config';

function failure(env: NodeJS.ProcessEnv): ConfigError {
  try {
    readAppConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`readAppConfig accepted ${JSON.stringify(env)}`);
}

describe('Given the environment read once at boot', () => {
  it('When nothing is set, then the defaults apply', () => {
    expect(readAppConfig({})).toMatchObject({ databaseUrl: null, port: 4000, seed: true, production: false, poolSize: 10, logLevel: 'info', shutdownTimeoutMs: 10_000 });
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '65536' }],
    ['PORT', { PORT: '-1' }],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://root@localhost/ledger' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }],
    ['LEDGER_SHUTDOWN_TIMEOUT_MS', { LEDGER_SHUTDOWN_TIMEOUT_MS: '10s' }],
    ['LEDGER_DB_POOL_SIZE', { LEDGER_DB_POOL_SIZE: '0' }],
    ['LEDGER_DB_POOL_SIZE', { LEDGER_DB_POOL_SIZE: '1' }],
    ['LEDGER_DB_POOL_SIZE', { LEDGER_DB_POOL_SIZE: '201' }],
    ['LEDGER_SEED', { LEDGER_SEED: 'maybe' }],
  ])('When %s is %j, then the start fails naming the variable', (variable, env) => {
    const error = failure(env);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}: `)).toBe(true);
  });

  it('When LEDGER_DB_POOL_SIZE is 1, then the start fails saying that the minimum is 2 (one connection of the pool listens for new events)', () => {
    expect(failure({ LEDGER_DB_POOL_SIZE: '1' }).message).toBe('LEDGER_DB_POOL_SIZE: must be an integer from 2 to 200, not "1"');
    expect(readAppConfig({ LEDGER_DB_POOL_SIZE: '2' })).toMatchObject({ poolSize: 2 });
    expect(readAppConfig({ LEDGER_DB_POOL_SIZE: '200' })).toMatchObject({ poolSize: 200 });
  });

  it('When LOG_LEVEL and LEDGER_SHUTDOWN_TIMEOUT_MS are set, then they are read (LOG_LEVEL case-insensitively)', () => {
    expect(readAppConfig({ LOG_LEVEL: 'Silent', LEDGER_SHUTDOWN_TIMEOUT_MS: '2500' })).toMatchObject({ logLevel: 'silent', shutdownTimeoutMs: 2500 });
  });
});
