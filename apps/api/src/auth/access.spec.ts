import { ConfigError, readAppConfig } from '../config/app-config';
import { authorize, type Access } from './access';
import { decideAccessMode, OPEN_MODE_WARNING } from './access-mode';
import { roleGrants } from './roles';
import { bearerToken, connectionParamsToken, generateToken, hashToken, sameHash } from './tokens';

const GOOD_TOKEN = 'x'.repeat(32);

describe('Given LEDGER_ADMIN_TOKEN and NODE_ENV', () => {
  const configError = (env: NodeJS.ProcessEnv): ConfigError | null => {
    try {
      readAppConfig(env);
      return null;
    } catch (error) {
      return error as ConfigError;
    }
  };

  it('When LEDGER_ADMIN_TOKEN is shorter than 32 characters, then the configuration fails naming the variable', () => {
    const error = configError({ LEDGER_ADMIN_TOKEN: 'x'.repeat(31) });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.variable).toBe('LEDGER_ADMIN_TOKEN');
    expect(error!.message).toMatch(/^LEDGER_ADMIN_TOKEN: must be at least 32 characters/);
    expect(error!.message).not.toContain('x'.repeat(31)); // the secret is never echoed
  });

  it('When LEDGER_ADMIN_TOKEN holds whitespace, then the configuration fails naming the variable', () => {
    expect(configError({ LEDGER_ADMIN_TOKEN: `${'x'.repeat(20)} ${'y'.repeat(20)}` })?.variable).toBe('LEDGER_ADMIN_TOKEN');
  });

  it('When LEDGER_ADMIN_TOKEN has 32 characters or more, then it is the admin token; unset, then none', () => {
    expect(readAppConfig({ LEDGER_ADMIN_TOKEN: GOOD_TOKEN }).adminToken).toBe(GOOD_TOKEN);
    expect(readAppConfig({}).adminToken).toBeNull();
    expect(readAppConfig({ LEDGER_ADMIN_TOKEN: '' }).adminToken).toBeNull();
  });

  it('When NODE_ENV=production and no LEDGER_ADMIN_TOKEN is set, then the start is refused with a clear message', () => {
    const error = configError({ NODE_ENV: 'production' });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.message).toBe(
      'LEDGER_ADMIN_TOKEN: is required when NODE_ENV=production (at least 32 characters): the server refuses to run without access control',
    );
    expect(readAppConfig({ NODE_ENV: 'production', LEDGER_ADMIN_TOKEN: GOOD_TOKEN }).production).toBe(true);
  });
});

describe('Given the access mode decision made at start', () => {
  it('When no token is configured and not in production, then the server runs open and the warning says so', () => {
    const mode = decideAccessMode({ production: false, adminTokenConfigured: false, liveTokens: false });
    expect(mode).toEqual({ mode: 'open', warning: OPEN_MODE_WARNING });
    expect(mode.warning).toContain('Access control is OFF');
    expect(mode.warning).toContain('anonymous');
    expect(mode.warning).toContain('token create');
    expect(mode.warning).toContain('LEDGER_ADMIN_TOKEN');
  });

  it('When LEDGER_ADMIN_TOKEN is set or a token is live, then access is enforced and nothing is printed', () => {
    expect(decideAccessMode({ production: false, adminTokenConfigured: true, liveTokens: false })).toEqual({ mode: 'enforced', warning: null });
    expect(decideAccessMode({ production: false, adminTokenConfigured: false, liveTokens: true })).toEqual({ mode: 'enforced', warning: null });
    expect(decideAccessMode({ production: true, adminTokenConfigured: true, liveTokens: false })).toEqual({ mode: 'enforced', warning: null });
  });

  it('When in production without LEDGER_ADMIN_TOKEN (even with live tokens), then it refuses to start', () => {
    for (const liveTokens of [false, true]) {
      expect(() => decideAccessMode({ production: true, adminTokenConfigured: false, liveTokens })).toThrow(ConfigError);
    }
  });
});

describe('Given tokens and credentials', () => {
  it('When a token is generated, then it is "ldg_" and 32 random bytes in base64url, and its stored form is its SHA-256', () => {
    const token = generateToken();
    expect(token).toMatch(/^ldg_[A-Za-z0-9_-]{43}$/);
    expect(generateToken()).not.toBe(token);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(sameHash(hashToken(token), hashToken(token))).toBe(true);
    expect(sameHash(hashToken(token), hashToken(`${token}x`))).toBe(false);
    expect(sameHash(hashToken(token), 'not-hex')).toBe(false);
  });

  it.each([
    [undefined, null],
    ['', null],
    ['Bearer abc', 'abc'],
    ['bearer   abc ', 'abc'],
    ['Basic abc', false],
    ['Bearer', false],
    ['Bearer a b', false],
  ])('When the Authorization header is %p, then the credential is %p', (header, expected) => {
    expect(bearerToken(header)).toBe(expected);
  });

  it.each([
    [undefined, null],
    [{}, null],
    [{ authorization: 'Bearer abc' }, 'abc'],
    [{ Authorization: 'Bearer abc' }, 'abc'],
    [{ token: 'abc' }, 'abc'],
    [{ token: 42 }, false],
    [{ authorization: 'abc' }, false],
  ])('When graphql-ws connectionParams are %p, then the credential is %p', (params, expected) => {
    expect(connectionParamsToken(params)).toBe(expected);
  });
});

describe('Given the one access decision', () => {
  const token = (role: 'reader' | 'journalist' | 'auditor' | 'admin'): Access => ({ kind: 'token', name: 'someone', role });

  it('When the server is open, or the caller is in-process, then everything is allowed, even a field without a rule', () => {
    expect(() => authorize({ kind: 'open' }, 'journalist', 'Mutation.signDeal')).not.toThrow();
    expect(() => authorize({ kind: 'internal' }, null, 'Query.x')).not.toThrow();
  });

  it('When tokens are enforced and none is valid, then UNAUTHENTICATED', () => {
    expect(() => authorize({ kind: 'unauthenticated', reason: 'no token' }, 'reader', 'Query.deal')).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED', message: 'no token' }),
    );
  });

  it('When the credential could not be checked (database down), then each field fails with that error, not a refusal', () => {
    const error = new Error('connect ECONNREFUSED');
    expect(() => authorize({ kind: 'failed', error }, 'reader', 'Query.deal')).toThrow(error);
  });

  it('When a role lacks the grant, or the field has no rule, then FORBIDDEN, even for admin without a rule', () => {
    expect(() => authorize(token('reader'), 'journalist', 'Mutation.signDeal')).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', details: { role: 'reader', requiredRole: 'journalist' } }),
    );
    expect(() => authorize(token('admin'), null, 'Query.newField')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('When roles are compared, then reader ⊂ journalist, reader ⊂ auditor, and admin holds every grant', () => {
    const table = (['reader', 'journalist', 'auditor', 'admin'] as const).map((role) =>
      (['reader', 'journalist', 'auditor', 'admin'] as const).filter((grant) => roleGrants(role, grant)),
    );
    expect(table).toEqual([['reader'], ['reader', 'journalist'], ['reader', 'auditor'], ['reader', 'journalist', 'auditor', 'admin']]);
  });
});
