#!/usr/bin/env node
// `npm run bench [-- --quick | --events N | --help]`
//
// Compiles bench/src/*.ts (and the few library files it uses) with swc (a devDependency,
// milliseconds) into a private directory under node_modules/.cache (so the compiled files resolve
// the repository's node_modules), runs it, and removes the directory again. Types are checked by
// `tsc -p tsconfig.json --noEmit`, not here.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { transformFileSync } = require('@swc/core');

const repo = path.resolve(__dirname, '..');
const sourceDir = path.join(__dirname, 'src');
const outDir = path.join(repo, 'node_modules', '.cache', `ledger-bench-${process.pid}`);

fs.rmSync(outDir, { recursive: true, force: true });
// bench/src and the library files it uses (the tests' transpiler, the embedded server and the
// database URL helpers), at their places relative to the repository.
const sources = [
  ...fs.readdirSync(sourceDir).filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts')).map((name) => path.join(sourceDir, name)),
  ...['libs/testing/src/transpile.ts', 'libs/event-store/src/database/database-url.ts', 'libs/event-store/src/database/embedded-postgres.ts'].map((file) => path.join(repo, file)),
];
for (const source of sources) {
  const { code } = transformFileSync(source, {
    swcrc: false,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022', keepClassNames: true },
    module: { type: 'commonjs' },
  });
  const target = path.join(outDir, path.relative(repo, source)).replace(/\.ts$/, '.js');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, code);
}
process.on('exit', () => fs.rmSync(outDir, { recursive: true, force: true }));

require(path.join(outDir, 'bench', 'src', 'main.js'))
  .main(process.argv.slice(2), repo)
  .then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`bench failed: ${error && error.stack ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
