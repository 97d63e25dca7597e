#!/usr/bin/env node
// `npm run bench [-- --quick | --events N | --help]`
//
// Compiles bench/src/*.ts with swc (a devDependency, milliseconds) into a private directory under
// node_modules/.cache (so the compiled files resolve the repository's node_modules), runs it, and
// removes the directory again. Types are checked by `tsc -p tsconfig.json --noEmit`, not here.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { transformFileSync } = require('@swc/core');

const repo = path.resolve(__dirname, '..');
const sourceDir = path.join(__dirname, 'src');
const outDir = path.join(repo, 'node_modules', '.cache', `ledger-bench-${process.pid}`);

fs.rmSync(outDir, { recursive: true, force: true });
for (const name of fs.readdirSync(sourceDir)) {
  if (!name.endsWith('.ts') || name.endsWith('.d.ts')) continue;
  const { code } = transformFileSync(path.join(sourceDir, name), {
    swcrc: false,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022', keepClassNames: true },
    module: { type: 'commonjs' },
  });
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, name.replace(/\.ts$/, '.js')), code);
}
process.on('exit', () => fs.rmSync(outDir, { recursive: true, force: true }));

require(path.join(outDir, 'main.js'))
  .main(process.argv.slice(2), repo)
  .then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`bench failed: ${error && error.stack ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
