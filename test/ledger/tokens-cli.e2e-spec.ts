/**
 * `ledger token create|list|revoke` as real processes against a running API's database, and the API
 * process's own start: refusing production without LEDGER_ADMIN_TOKEN or with a short one, warning
 * in open mode, enforcing with LEDGER_ADMIN_TOKEN.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from '@ledger/testing';
import { buildFromSource, runNode, startNode, type SourceBuild } from '@ledger/testing/build-from-source';
import { runTokenCommand } from '../../apps/api/src/auth/token-cli';
import { TokenStore } from '../../apps/api/src/auth/token-store';

/** Variables of the test's own environment a spawned process must not inherit. */
const UNSET = ['LEDGER_ADMIN_TOKEN', 'NODE_ENV', 'PORT', 'HOST', 'LEDGER_SEED'];
/** The test cluster runs with fsync off (global-setup.mjs): processes opt in, as the test app does. */
const TEST_CLUSTER = { LEDGER_UNSAFE_DURABILITY: '1' };

let build: SourceBuild;
beforeAll(() => {
  build = buildFromSource();
});
afterAll(() => build?.remove());

describe('Given the ledger CLI built from source and a running API on the same database', () => {
  let api: TestApp;
  let token: string;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api?.close();
  });

  const ledger = (...args: string[]) => runNode(build.cli, args, { DATABASE_URL: api.databaseUrl, ...TEST_CLUSTER }, UNSET);
  const rows = async () => {
    const client = new Client({ connectionString: api.databaseUrl });
    await client.connect();
    try {
      return (await client.query<Record<string, unknown>>('SELECT * FROM api_tokens ORDER BY name')).rows;
    } finally {
      await client.end();
    }
  };
  const whoAmI = (headers: Record<string, string> = {}) =>
    api.graphql<{ registerCompany: { event: { recordedBy: string } } }>(
      `mutation($id: ID!) { registerCompany(input: { id: $id, name: "CLI test" }) { event { recordedBy } } }`,
      { id: `cli-${randomBytes(3).toString('hex')}` },
      headers,
    );
  const eventually = async <T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<{ value: T; ms: number }> => {
    const started = Date.now();
    let value = await probe();
    while (!done(value) && Date.now() - started < 5_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      value = await probe();
    }
    return { value, ms: Date.now() - started };
  };

  it('When `token create --role journalist --name alice` runs, then it prints the token once on stdout and stores only its SHA-256', async () => {
    const result = await ledger('token', 'create', '--role', 'journalist', '--name', 'alice');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ldg_[A-Za-z0-9_-]{43}\n$/);
    expect(result.stderr).toContain('shown only this once');
    token = result.stdout.trim();

    const stored = await rows();
    expect(stored).toEqual([
      { name: 'alice', role: 'journalist', hash: createHash('sha256').update(token).digest('hex'), created_at: expect.any(Date), revoked_at: null },
    ]);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(token.slice(4));
  });

  it('When the running API is then called, then within two seconds it needs a token, and alice`s writes are recorded as "alice"', async () => {
    const anonymous = await eventually(() => whoAmI(), (response) => response.errors !== undefined);
    expect(anonymous.ms).toBeLessThan(2_000);
    expect(anonymous.value.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const alice = await whoAmI({ authorization: `Bearer ${token}` });
    expect(alice.errors).toBeUndefined();
    expect(alice.data!.registerCompany.event.recordedBy).toBe('alice');
  });

  it('When `token create` gets a taken name, an unknown role, a reserved or bad name, or misses an option, then it refuses with a code and creates nothing', async () => {
    const taken = await ledger('token', 'create', '--role', 'reader', '--name', 'alice');
    expect({ code: taken.code, stdout: taken.stdout }).toEqual({ code: 1, stdout: '' });
    expect(taken.stderr).toMatch(/^ALREADY_EXISTS A token named "alice" exists already/);
    // The same command in-process (what the CLI runs), for the other refusals.
    const tokenCommand = async (...args: string[]) => {
      let stdout = '';
      let stderr = '';
      const code = await runTokenCommand(api.app.get(TokenStore), args, { out: (text) => (stdout += text), err: (text) => (stderr += text) });
      return { code, stdout, stderr };
    };
    const badRole = await tokenCommand('create', '--role', 'editor', '--name', 'bob');
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/^BAD_USER_INPUT The role must be one of reader, journalist, auditor, admin/);
    for (const reserved of ['admin', 'anonymous', 'ledger-import']) {
      const result = await tokenCommand('create', '--role', 'admin', '--name', reserved);
      expect({ reserved, code: result.code, stderr: result.stderr }).toEqual({ reserved, code: 1, stderr: expect.stringMatching(/^BAD_USER_INPUT "[a-z-]+" is reserved/) });
    }
    expect((await tokenCommand('create', '--role', 'reader', '--name', 'Not A Slug')).stderr).toMatch(/^BAD_USER_INPUT A token name is/);
    const missing = await tokenCommand('create', '--name', 'carol');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('token create needs --role ROLE and --name NAME');
    expect((await tokenCommand('rotate')).code).toBe(2);
    expect((await rows()).map((row) => row.name)).toEqual(['alice']);
  });

  it('When `token list` runs, then it shows names, roles, created and revoked times, never a token or a hash', async () => {
    await api.app.get(TokenStore).create('audrey', 'auditor');
    const result = await ledger('token', 'list');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+ROLE\s+CREATED\s+REVOKED$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/))).toEqual([
      ['alice', 'journalist', expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), '-'],
      ['audrey', 'auditor', expect.stringMatching(/^\d{4}-/), '-'],
    ]);
    for (const row of await rows()) expect(result.stdout).not.toContain(String(row.hash));
    expect(result.stdout).not.toContain('ldg_');
  });

  it('When `token revoke alice` runs, then the running API refuses her token (UNAUTHENTICATED) within two seconds and the list shows when', async () => {
    const result = await ledger('token', 'revoke', 'alice');
    expect(result).toEqual({ code: 0, stdout: 'Revoked the token "alice"\n', stderr: '' });
    const refused = await eventually(() => whoAmI({ authorization: `Bearer ${token}` }), (response) => response.errors !== undefined);
    expect(refused.ms).toBeLessThan(2_000);
    expect(refused.value.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const list = await ledger('token', 'list');
    expect(list.stdout).toMatch(/^alice\s+journalist\s+\S+\s+\d{4}-\d\d-\d\dT[\d:.]+Z$/m);

    const again = { out: jest.fn(), err: jest.fn() };
    expect(await runTokenCommand(api.app.get(TokenStore), ['revoke', 'alice'], again)).toBe(0);
    expect(again.out).toHaveBeenCalledWith('The token "alice" was already revoked\n');
    const unknown = { out: jest.fn(), err: jest.fn() };
    expect(await runTokenCommand(api.app.get(TokenStore), ['revoke', 'nobody'], unknown)).toBe(1);
    expect(unknown.err).toHaveBeenCalledWith('NOT_FOUND No token named "nobody"\n');
    // audrey is still live: the API stays enforced.
    expect((await whoAmI()).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('Given the API server built from source', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });
  const serverEnv = (env: Record<string, string>) => ({ DATABASE_URL: database.url, PORT: '0', HOST: '127.0.0.1', LEDGER_SEED: 'off', ...TEST_CLUSTER, ...env });

  it('When NODE_ENV=production and no LEDGER_ADMIN_TOKEN is set, then it refuses to start, naming the variable', async () => {
    const result = await runNode(build.api, [], serverEnv({ NODE_ENV: 'production' }), UNSET);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toContain(
      'LEDGER_ADMIN_TOKEN: is required when NODE_ENV=production (at least 32 characters): the server refuses to run without access control',
    );
  });

  it('When LEDGER_ADMIN_TOKEN is shorter than 32 characters, then it refuses to start, naming the variable', async () => {
    const result = await runNode(build.api, [], serverEnv({ LEDGER_ADMIN_TOKEN: 'too-short' }), UNSET);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toContain('LEDGER_ADMIN_TOKEN: must be at least 32 characters');
    expect(result.stdout + result.stderr).not.toContain('too-short');
  });

  it('When no token is configured (not production), then it starts open and prints the warning', async () => {
    const server = startNode(build.api, serverEnv({}), UNSET);
    try {
      const [, port] = await server.waitFor(/listening on http:\/\/localhost:(\d+)\/graphql/);
      expect(server.output()).toContain('Access control is OFF');
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ ledgerHead { position } }' }),
      });
      expect(await response.json()).toEqual({ data: { ledgerHead: { position: '0' } } });
    } finally {
      await server.stop();
    }
  });

  it('When LEDGER_ADMIN_TOKEN is set, then it starts without the warning and every request needs the token (recorded as "admin")', async () => {
    const adminToken = randomBytes(32).toString('base64url');
    const server = startNode(build.api, serverEnv({ LEDGER_ADMIN_TOKEN: adminToken, NODE_ENV: 'production' }), UNSET);
    try {
      const [, port] = await server.waitFor(/listening on http:\/\/localhost:(\d+)\/graphql/);
      expect(server.output()).not.toContain('Access control is OFF');
      expect(server.output()).not.toContain(adminToken);
      const post = async (query: string, headers: Record<string, string> = {}) => {
        const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query }),
        });
        return (await response.json()) as { data?: Record<string, { event: { recordedBy: string } }> | null; errors?: { extensions: { code: string } }[] };
      };
      expect((await post('{ ledgerHead { position } }')).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
      const written = await post(`mutation { registerCompany(input: { id: "boot-admin-co", name: "Boot" }) { event { recordedBy } } }`, {
        authorization: `Bearer ${adminToken}`,
      });
      expect(written).toEqual({ data: { registerCompany: { event: { recordedBy: 'admin' } } } });
    } finally {
      await server.stop();
    }
  });
});
