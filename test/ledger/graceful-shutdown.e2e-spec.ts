import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@ledger/testing';
import { transpileApps } from '../../libs/testing/src/transpile';

const REPO = join(__dirname, '..', '..');

/** The API's entry point (main.ts) as a child process, its JSON log lines collected. */
class Server {
  readonly lines: Record<string, unknown>[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;
  private readonly waiters = new Set<() => void>();

  constructor(main: string, env: Record<string, string>) {
    const base = { ...process.env };
    for (const name of ['DATABASE_URL', 'NODE_ENV', 'LEDGER_ADMIN_TOKEN', 'PORT', 'LOG_LEVEL']) delete base[name];
    this.child = spawn(process.execPath, [main], { cwd: REPO, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const complete = buffer.split('\n');
      buffer = complete.pop()!;
      for (const line of complete.filter(Boolean)) {
        try {
          this.lines.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          this.lines.push({ msg: line, notJson: true });
        }
      }
      for (const wake of [...this.waiters]) wake();
    });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** The first log line whose msg matches, once it is printed. */
  waitForLine(pattern: RegExp, timeoutMs = 30_000): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const line = this.lines.find((candidate) => typeof candidate.msg === 'string' && pattern.test(candidate.msg));
        if (line) {
          cleanup();
          resolve(line);
        } else if (!this.alive) {
          cleanup();
          reject(new Error(`The server exited before logging ${pattern}: ${this.stderr}\n${JSON.stringify(this.lines)}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`No log line ${pattern} in ${timeoutMs} ms: ${this.stderr}\n${JSON.stringify(this.lines)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
        this.child.off('exit', check);
      };
      this.waiters.add(check);
      this.child.on('exit', check);
      check();
    });
  }

  kill(): void {
    if (this.alive) this.child.kill('SIGKILL');
  }
}

describe('Given the API built from source, run as its own process', () => {
  let buildDir: string;
  let main: string;
  beforeAll(() => {
    buildDir = join(REPO, 'node_modules', '.cache', `ledger-api-test-${randomBytes(4).toString('hex')}`);
    transpileApps(REPO, join(buildDir, 'out'));
    main = join(buildDir, 'out', 'apps', 'api', 'src', 'main.js');
  });
  afterAll(() => {
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  });

  describe('and a database', () => {
    let database: TestDatabase;
    let server: Server | undefined;
    beforeEach(async () => {
      database = await createTestDatabase();
    });
    afterEach(async () => {
      server?.kill();
      await database.drop();
    });

    it('When SIGTERM arrives during an append, then it stops accepting connections, lets the append commit and answer, closes, and exits 0', async () => {
      server = new Server(main, {
        DATABASE_URL: database.url,
        PORT: '0',
        LEDGER_SEED: 'off',
        LEDGER_UNSAFE_DURABILITY: '1', // the suite's cluster runs with fsync off
        LOG_LEVEL: 'info',
      });
      const listening = await server.waitForLine(/^GraphQL API listening on /);
      const url = /(http:\/\/localhost:\d+\/graphql)/.exec(listening.msg as string)![1]!;
      expect(listening).toMatchObject({ level: 30, context: 'Ledger' }); // structured JSON, from the first line

      // Hold the ledger head: the next append blocks inside its transaction, in flight.
      const blocker = new Client({ connectionString: database.url });
      await blocker.connect();
      try {
        await blocker.query('BEGIN');
        await blocker.query('LOCK TABLE ledger_head IN EXCLUSIVE MODE');
        const append = fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: `mutation { registerCompany(input: { id: "late", name: "Late Inc" }) { event { position } } }` }),
        }).then(async (response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> }));
        // Polled with a fresh statistics snapshot each time: inside a transaction, pg_stat_activity
        // keeps showing what it showed the first time (a backend connected later is never seen).
        await waitFor(async () => {
          await blocker.query('SELECT pg_stat_clear_snapshot()');
          const { rows } = await blocker.query<{ waiting: number }>(
            `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
          );
          return rows[0]!.waiting > 0;
        });

        server.signal('SIGTERM');
        const closing = await server.waitForLine(/^SIGTERM: closing/);
        expect(closing.msg).toBe('SIGTERM: closing (no new connections; 1 request(s) in flight)');
        // No new connections...
        await expect(fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ ledgerHead { position } }"}' })).rejects.toThrow();
        // ...but the append in flight is waited for.
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(server.alive).toBe(true);

        await blocker.query('COMMIT');
        const answer = await append;
        expect(answer).toEqual({ status: 200, body: { data: { registerCompany: { event: { position: '1' } } } } });
      } finally {
        await blocker.end();
      }

      expect(await server.exited).toBe(0);
      expect(server.lines.map((line) => line.msg)).toContain('closed');
      // Logs go out in buffered, asynchronous writes: what was still buffered is flushed at exit.
      expect(server.lines).toContainEqual(expect.objectContaining({ msg: 'request completed', graphql: { operationName: null, operationType: 'mutation' } }));
      expect(server.stderr).toBe('');
      const check = new Client({ connectionString: database.url });
      await check.connect();
      try {
        const { rows } = await check.query<{ stream_id: string }>(`SELECT stream_id FROM events`);
        expect(rows).toEqual([{ stream_id: 'late' }]);
      } finally {
        await check.end();
      }
    });
  });

  it.each([
    ['PORT', { PORT: 'eighty' }, /^Failed to start: PORT: must be an integer from 0 to 65535, not "eighty"/],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://root@localhost/ledger' }, /^Failed to start: DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }, /^Failed to start: LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent/],
  ])('When %s is invalid, then the server exits 1 at once naming the variable', async (_name, env, message) => {
    const server = new Server(main, { DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none', ...env });
    try {
      expect(await server.exited).toBe(1);
      expect(server.stderr).toMatch(message);
    } finally {
      server.kill();
    }
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
