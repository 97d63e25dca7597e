import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { transformFileSync } from '@swc/core';

/**
 * Compiles apps/ and libs/ (specs and test helpers excluded) to CommonJS under `outDir`, as
 * jest.config.cjs does, so that a spec can run the real entry points (`apps/api/src/main.js`,
 * `apps/cli/src/main.js`) as child processes without sharing `dist/` with a concurrent build.
 * Put `outDir` under the repository's node_modules/.cache so that the output resolves node_modules.
 */
export function transpileApps(repo: string, outDir: string): void {
  const paths = {
    '@ledger/domain': ['./libs/domain/src/index.ts'],
    '@ledger/domain/*': ['./libs/domain/src/*'],
    '@ledger/event-store': ['./libs/event-store/src/index.ts'],
    '@ledger/event-store/*': ['./libs/event-store/src/*'],
  };
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
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
    const target = join(outDir, relative(repo, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, code);
  }
}
