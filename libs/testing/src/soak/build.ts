/**
 * Builds the API and the CLI for tests that run them as separate processes: apps/ and libs/
 * (specs and libs/testing excluded) transpiled by swc into a scratch directory under
 * node_modules/.cache (so the output resolves the repository's node_modules), per file, with the
 * path aliases rewritten, exactly as jest.config.cjs transpiles them. About a second, where
 * `nest build` takes 6-60 s, and it never touches the shared dist/.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { transformFileSync } from '@swc/core';

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
  const paths = {
    '@ledger/domain': ['./libs/domain/src/index.ts'],
    '@ledger/domain/*': ['./libs/domain/src/*'],
    '@ledger/event-store': ['./libs/event-store/src/index.ts'],
    '@ledger/event-store/*': ['./libs/event-store/src/*'],
  };
  const walk = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return entry.name === 'testing' ? [] : walk(path);
      return path.endsWith('.ts') && !path.endsWith('.spec.ts') && !path.endsWith('.d.ts') ? [path] : [];
    });
  for (const file of [...walk(join(repo, 'apps')), ...walk(join(repo, 'libs'))]) {
    const { code } = transformFileSync(file, {
      swcrc: false,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
        keepClassNames: true,
        baseUrl: repo,
        paths,
      },
      module: { type: 'commonjs' },
    });
    const target = join(out, relative(repo, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, code);
  }
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
