/**
 * Builds the API and the CLI for tests that run them as separate processes: apps/ and libs/
 * (specs and libs/testing excluded) transpiled by swc into a scratch directory under
 * node_modules/.cache (so the output resolves the repository's node_modules), per file, with the
 * path aliases rewritten, exactly as jest.config.cjs transpiles them. About a second, where
 * `nest build` takes 6-60 s, and it never touches the shared dist/.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { transpileApps } from '../transpile';

export const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

export interface BuiltLedger {
  /** node <apiMain>: the API (apps/api/src/main.ts). */
  readonly apiMain: string;
  /** node <cliMain> <command>: the `ledger` command. */
  readonly cliMain: string;
  readonly dir: string;
  remove(): void;
}

export function buildLedger(repo = REPO_ROOT): BuiltLedger {
  const dir = join(repo, 'node_modules', '.cache', `ledger-reliability-${randomBytes(4).toString('hex')}`);
  const out = join(dir, 'out');
  transpileApps(repo, out);
  // main.js looks for the seed four directories up (dist/apps/api/src -> the repository): here, `dir`.
  mkdirSync(join(dir, 'data'), { recursive: true });
  copyFileSync(join(repo, 'data', 'seed-ledger.ndjson'), join(dir, 'data', 'seed-ledger.ndjson'));
  return {
    apiMain: join(out, 'apps', 'api', 'src', 'main.js'),
    cliMain: join(out, 'apps', 'cli', 'src', 'main.js'),
    dir,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
