/**
 * The compiled API and CLI the benchmark runs as processes.
 *
 * - `dist` (default): the production build, `node dist/apps/api/src/main.js`. Rebuilt with
 *   `nest build api` (which compiles apps/ and libs/, the CLI included) when missing or older than any
 *   source file, then copied for the run (see below).
 * - `swc`: apps/ and libs/ transpiled per file with swc into a scratch directory under
 *   node_modules/.cache (about a second; what the CLI e2e spec does), removed at the end. For CI, so a
 *   test never writes the shared dist/.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { transpileApps } from '../../libs/testing/src/transpile';

export interface AppBuild {
  readonly kind: 'dist' | 'swc';
  /** Root of the compiled tree: <root>/apps/api/src/main.js, <root>/apps/cli/src/main.js. */
  readonly root: string;
  readonly apiMain: string;
  readonly cliMain: string;
  /** Whether this run (re)built it, and how long that took. */
  readonly builtSeconds: number | null;
  cleanup(): void;
}

const STAMP = '.bench-build-stamp';

export function prepareBuild(repo: string, kind: 'dist' | 'swc', log: (line: string) => void): AppBuild {
  if (kind === 'swc') {
    const started = Date.now();
    const root = join(repo, 'node_modules', '.cache', `ledger-bench-app-${randomBytes(4).toString('hex')}`);
    transpileApps(repo, root);
    log(`transpiled apps/ and libs/ with swc into ${relative(repo, root)} in ${Date.now() - started} ms`);
    return {
      kind,
      root,
      apiMain: join(root, 'apps', 'api', 'src', 'main.js'),
      cliMain: join(root, 'apps', 'cli', 'src', 'main.js'),
      builtSeconds: (Date.now() - started) / 1000,
      cleanup: () => rmSync(root, { recursive: true, force: true }),
    };
  }
  const root = join(repo, 'dist');
  const apiMain = join(root, 'apps', 'api', 'src', 'main.js');
  const cliMain = join(root, 'apps', 'cli', 'src', 'main.js');
  const stamp = join(root, STAMP);
  const newest = newestSource(repo);
  const stampTime = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  let builtSeconds: number | null = null;
  if (!existsSync(apiMain) || !existsSync(cliMain) || stampTime < newest) {
    log(`dist is ${existsSync(apiMain) ? 'older than the sources' : 'missing'}: running nest build api`);
    const started = Date.now();
    const nest = join(repo, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js');
    const result = spawnSync(process.execPath, [nest, 'build', 'api'], { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'] });
    if (result.status !== 0 || !existsSync(apiMain) || !existsSync(cliMain)) {
      throw new Error(`nest build api failed (exit ${result.status ?? result.signal}); fix the build or run with --build swc`);
    }
    mkdirSync(root, { recursive: true });
    writeFileSync(stamp, `${new Date().toISOString()}\n`);
    builtSeconds = (Date.now() - started) / 1000;
    log(`built dist in ${builtSeconds.toFixed(1)} s`);
  }
  // A private copy, so a `nest build` started by someone else during the run (it rewrites dist/ in
  // place) cannot break the run or mix two builds in it. Under node_modules/.cache, like the swc build,
  // so the copied files resolve the repository's node_modules and find the repository root.
  const copy = join(repo, 'node_modules', '.cache', `ledger-bench-dist-${randomBytes(4).toString('hex')}`);
  cpSync(root, copy, { recursive: true, filter: (source) => !source.endsWith('.tsbuildinfo') });
  const copied = { api: join(copy, 'apps', 'api', 'src', 'main.js'), cli: join(copy, 'apps', 'cli', 'src', 'main.js') };
  if (!existsSync(copied.api) || !existsSync(copied.cli) || !existsSync(join(copy, 'libs', 'event-store', 'src', 'index.js'))) {
    rmSync(copy, { recursive: true, force: true });
    throw new Error('dist/ is incomplete (is another `nest build` running?); try again, or run with --build swc');
  }
  return { kind, root: copy, apiMain: copied.api, cliMain: copied.cli, builtSeconds, cleanup: () => rmSync(copy, { recursive: true, force: true }) };
}

/** mtime of the newest file the build depends on. */
function newestSource(repo: string): number {
  let newest = 0;
  for (const file of ['tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package.json']) {
    const path = join(repo, file);
    if (existsSync(path)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  for (const file of [...walk(join(repo, 'apps')), ...walk(join(repo, 'libs'))]) {
    newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' || entry.name === 'node_modules' ? [] : walk(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}
