/** The real `ledger` CLI and the real API, run as separate processes against the bench database. */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import { join } from 'node:path';
import type { AppBuild } from './build';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

export function runCli(repo: string, build: AppBuild, args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [build.cliMain, ...args], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => {
      // Keep the head and the tail of a long failure report.
      stderr = stderr.length > 200_000 ? stderr.slice(0, 100_000) + stderr.slice(-50_000) : stderr + chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, seconds: Number(process.hrtime.bigint() - started) / 1e9 }));
  });
}

export interface ApiProcess {
  readonly pid: number;
  readonly url: string;
  readonly logFile: string;
  /** Seconds from spawn to the first answered GraphQL request. */
  readonly startSeconds: number;
  /** Highest VmRSS seen by the sampler and the kernel's VmHWM, in bytes (null where /proc is unavailable). */
  peakRss(): { sampledBytes: number | null; hwmBytes: number | null };
  currentRss(): number | null;
  stop(): Promise<void>;
}

/**
 * The Node.js flags `npm start` gives the API (package.json's scripts.start: `node <flags> <main>`),
 * so that the benchmark measures the API as it is served, heap limit included.
 */
export function startFlags(repo: string): string[] {
  const packageJson = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const words = (packageJson.scripts?.start ?? '').trim().split(/\s+/);
  if (words[0] !== 'node') return [];
  return words.slice(1).filter((word) => word.startsWith('--'));
}

/** Starts `node <npm start's flags> <build>/apps/api/src/main.js` and waits until it answers `{ ledgerHead { position } }`. */
export async function startApi(
  repo: string,
  build: AppBuild,
  env: NodeJS.ProcessEnv,
  port: number,
  logFile: string,
  headers: Record<string, string>,
): Promise<ApiProcess> {
  const started = Date.now();
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...startFlags(repo), build.apiMain], { cwd: repo, env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', out, out] });
  closeSync(out);
  let exited: number | string | null = null;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      exited = code ?? signal ?? 'unknown';
      resolve();
    }),
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('the API process did not start');
  let sampled = 0;
  const sampler = setInterval(() => {
    const rss = readStatus(pid, 'VmRSS');
    if (rss !== null) sampled = Math.max(sampled, rss);
  }, 200);
  sampler.unref();

  const url = `http://127.0.0.1:${port}/graphql`;
  const stop = async (): Promise<void> => {
    clearInterval(sampler);
    if (exited === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exit;
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited !== null) {
      throw new Error(`the API exited (${exited}) before answering; its output:\n${tail(logFile, 4000)}`);
    }
    try {
      const body = await postJson(url, { query: '{ ledgerHead { position } }' }, headers, 2000);
      if (body.includes('"ledgerHead"')) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the API did not answer within 180 s; its output:\n${tail(logFile, 4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    pid,
    url,
    logFile,
    startSeconds: (Date.now() - started) / 1000,
    peakRss: () => {
      const current = readStatus(pid, 'VmRSS');
      if (current !== null) sampled = Math.max(sampled, current);
      return { sampledBytes: sampled || null, hwmBytes: readStatus(pid, 'VmHWM') };
    },
    currentRss: () => readStatus(pid, 'VmRSS'),
    stop,
  };
}

/** A field of /proc/<pid>/status in bytes (Linux), or null. */
function readStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export function tail(file: string, chars: number): string {
  try {
    const text = readFileSync(file, 'utf8');
    return text.slice(-chars);
  } catch {
    return '';
  }
}

/** One POST without keep-alive (start-up probing only). */
function postJson(url: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(body));
    const request = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(payload.length), ...headers }, timeout: timeoutMs },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve(text));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
    request.end(payload);
  });
}
