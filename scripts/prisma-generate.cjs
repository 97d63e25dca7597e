#!/usr/bin/env node
// Generates the Prisma 7 client offline.
// Every Prisma 7 CLI command first tries to download a native schema engine, which this
// project's machines cannot reach. `prisma generate` does not need it: we point
// PRISMA_SCHEMA_ENGINE_BINARY at a stub that exits 1 so nothing is downloaded.
// Migrations are applied by libs/event-store's own runner (see README, "Migrations").
'use strict';
const { spawnSync } = require('node:child_process');
const { writeFileSync, mkdtempSync, chmodSync, existsSync } = require('node:fs');
const { join } = require('node:path');
const { tmpdir } = require('node:os');

const root = join(__dirname, '..');
if (!existsSync(join(root, 'prisma', 'schema.prisma'))) process.exit(0);

const stubDir = mkdtempSync(join(tmpdir(), 'prisma-stub-'));
const stub = join(stubDir, 'schema-engine');
writeFileSync(stub, '#!/bin/sh\nexit 1\n');
chmodSync(stub, 0o755);

const result = spawnSync(
  process.execPath,
  [require.resolve('prisma/build/index.js'), 'generate', '--schema', join(root, 'prisma', 'schema.prisma')],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: stub,
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
      CHECKPOINT_DISABLE: '1',
    },
  },
);
process.exit(result.status ?? 1);
