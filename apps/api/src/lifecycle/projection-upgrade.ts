import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { PROJECTION_VERSION } from '@ledger/event-store';

/** The CLI's entry point beside the API's, in a build (dist/ or a test's source build). */
export const CLI_MAIN = join(__dirname, '..', '..', '..', 'cli', 'src', 'main.js');

/**
 * Rebuilds projections written by another PROJECTION_VERSION before the API builds its app, in a
 * child process: `ledger upgrade`. A rebuild replays every event and keeps every entity's current
 * row in memory, about 3 GB at a million events, while `npm start` gives the API a 256 MiB heap
 * (in the API's own process, that rebuild ran out of heap after 30 s). The child gets Node's
 * default heap, the same database URL (never a second embedded server) and the same output.
 * Returns the child's report line, or null when the projections were current, the ledger is empty or
 * there is no CLI to run (the API run from TypeScript sources): then the app's own check rebuilds in process.
 */
export async function upgradeProjectionsInChildProcess(databaseUrl: string, cliMain = CLI_MAIN): Promise<string | null> {
  const { version, position } = await projectionState(databaseUrl);
  // An empty ledger rebuilds in no time: the app's own check does it, without a second process.
  if (version === PROJECTION_VERSION || position === '0' || !existsSync(cliMain)) return null;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliMain, 'upgrade'], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve(output.trim());
      else reject(new Error(`Rebuilding the projections (ledger upgrade) failed: exit ${code ?? signal}. ${output.trim()}`));
    });
  });
}

async function projectionState(databaseUrl: string): Promise<{ version: number; position: string }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: number | null; position: string | null }>(
      'SELECT (SELECT version FROM projection_state WHERE id = 1) AS version, (SELECT position::text FROM ledger_head WHERE id = 1) AS position',
    );
    return { version: rows[0]?.version ?? 0, position: rows[0]?.position ?? '0' };
  } finally {
    await client.end();
  }
}
