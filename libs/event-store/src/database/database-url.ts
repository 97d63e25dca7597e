/**
 * Which PostgreSQL to use: DATABASE_URL when set, else an embedded server whose data
 * lives in `<repo root>/.data/postgres` (kept across restarts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface ResolvedDatabase {
  url: string;
  /** True when we started an embedded server (then `stop()` stops it). */
  embedded: boolean;
  /** Stops the embedded server; a no-op for DATABASE_URL. */
  stop(): Promise<void>;
}

export interface ResolveDatabaseOptions {
  /** Embedded data directory; default `<repo root>/.data/postgres`. */
  dataDir?: string;
  log?: (line: string) => void;
  /** Embedded port; a free one is picked when omitted. */
  port?: number;
}

export async function resolveDatabase(options: ResolveDatabaseOptions = {}): Promise<ResolvedDatabase> {
  const configured = process.env.DATABASE_URL?.trim();
  if (configured) {
    return { url: validateDatabaseUrl(configured), embedded: false, stop: async () => undefined };
  }
  const dataDir = options.dataDir ?? path.join(repoRoot(), '.data', 'postgres');
  const server = await startEmbeddedPostgres({ dataDir, port: options.port, log: options.log });
  return { url: server.url, embedded: true, stop: () => server.stop() };
}

/** Returns the URL unchanged if it is a postgres:// or postgresql:// URL; throws otherwise. */
export function validateDatabaseUrl(value: string, variable = 'DATABASE_URL'): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error(`${variable} is not a valid URL; expected postgresql://user:password@host:port/database`);
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') {
    throw new Error(
      `${variable} must start with postgresql:// or postgres:// (got "${parsed.protocol}//"); ` +
        'expected postgresql://user:password@host:port/database',
    );
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database) {
    throw new Error(`${variable} names no database; expected postgresql://user:password@host:port/database`);
  }
  return value;
}

/** Same URL pointing at another database of the same server. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** The URL with its password masked, for logs and error messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<invalid url>';
  }
}

let cachedRoot: string | undefined;

/**
 * The repository root: the nearest ancestor of this file holding a package.json outside
 * node_modules. Works from the TS sources (libs/event-store/src/database, under Jest)
 * and from the compiled output (dist/libs/event-store/src/database).
 */
export function repoRoot(): string {
  if (cachedRoot) return cachedRoot;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (!dir.split(path.sep).includes('node_modules') && fs.existsSync(path.join(dir, 'package.json'))) {
      cachedRoot = dir;
      return dir;
    }
    if (dir === path.dirname(dir)) break;
  }
  // Fallback: the fixed layout (src: 4 levels up; dist: 5 levels up).
  const guess = path.resolve(__dirname, '..', '..', '..', '..');
  cachedRoot = path.basename(guess) === 'dist' ? path.dirname(guess) : guess;
  return cachedRoot;
}
