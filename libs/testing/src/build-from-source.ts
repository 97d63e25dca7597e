/**
 * The API and the CLI compiled from source (transpileApps) into a scratch directory under
 * node_modules/.cache, and helpers to run them as processes in tests.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { transpileApps } from './transpile';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

export interface SourceBuild {
  /** out/apps/cli/src/main.js */
  readonly cli: string;
  /** out/apps/api/src/main.js */
  readonly api: string;
  remove(): void;
}

export function buildFromSource(): SourceBuild {
  const dir = join(REPO_ROOT, 'node_modules', '.cache', `ledger-build-test-${randomBytes(4).toString('hex')}`);
  const out = join(dir, 'out');
  transpileApps(REPO_ROOT, out);
  return {
    cli: join(out, 'apps', 'cli', 'src', 'main.js'),
    api: join(out, 'apps', 'api', 'src', 'main.js'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface ProcessResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment of a spawned process: the test's own, without these variables, plus `env`. */
function childEnv(env: Record<string, string>, unset: readonly string[]): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = { ...process.env };
  for (const name of unset) delete result[name];
  return { ...result, ...env };
}

/** Runs `node script args` to completion. */
export function runNode(script: string, args: readonly string[], env: Record<string, string>, unset: readonly string[] = []): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: REPO_ROOT, env: childEnv(env, unset), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface RunningProcess {
  /** stdout and stderr so far, interleaved. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output, or rejects when the process exits first or after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** SIGTERM, then SIGKILL after 10 s; resolves with the exit code. */
  stop(): Promise<number | null>;
  readonly exited: Promise<number | null>;
}

/** Starts `node script` and keeps it running until stop(). */
export function startNode(script: string, env: Record<string, string>, unset: readonly string[] = []): RunningProcess {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [script], { cwd: REPO_ROOT, env: childEnv(env, unset) });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    listeners.forEach((listener) => listener());
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      exitCode = code;
      listeners.forEach((listener) => listener());
      resolve(code);
    }),
  );
  return {
    output: () => output,
    exited,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) done(() => resolve(match));
          else if (exitCode !== undefined) done(() => reject(new Error(`Exited with ${exitCode} before ${pattern}:\n${output}`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`No ${pattern} within ${timeoutMs} ms:\n${output}`))), timeoutMs);
        const done = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
    async stop() {
      if (exitCode !== undefined) return exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
