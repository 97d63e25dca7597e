/**
 * The API as a separate process (the compiled main.js of buildLedger), for tests that kill it,
 * restart it, or watch it refuse to start. The port is chosen here and passed as PORT, and
 * readiness is observed over HTTP, so nothing depends on the format of the API's log lines.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { findFreePort } from '@ledger/event-store/database/embedded-postgres';
import { REPO_ROOT } from './build';

export interface ApiProcessOptions {
  readonly apiMain: string;
  /** DATABASE_URL, LEDGER_SEED, LEDGER_UNSAFE_DURABILITY, ... (PORT is set here). */
  readonly env: Record<string, string>;
  /** A fixed port (kept across restarts); a free one is picked when omitted. */
  readonly port?: number;
}

export interface ExitStatus {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** One run of the API process. */
export class ApiProcess {
  readonly url: string;
  readonly exited: Promise<ExitStatus>;
  private readonly output: string[] = [];
  private exitStatus: ExitStatus | null = null;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    this.url = `http://127.0.0.1:${port}/graphql`;
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString('utf8'));
      if (this.output.length > 2000) this.output.splice(0, this.output.length - 2000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitStatus = { code, signal };
        resolve(this.exitStatus);
      });
    });
  }

  static async spawn(options: ApiProcessOptions): Promise<ApiProcess> {
    const port = options.port ?? (await findFreePort());
    const child = spawn(process.execPath, [options.apiMain], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_ENV: 'test', ...options.env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ApiProcess(child, port);
  }

  /** Spawns and waits until it answers a GraphQL query; throws (with its output) if it exits first. */
  static async start(options: ApiProcessOptions, timeoutMs = 60_000): Promise<ApiProcess> {
    const api = await ApiProcess.spawn(options);
    await api.waitReady(timeoutMs);
    return api;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get alive(): boolean {
    return this.exitStatus === null;
  }

  get log(): string {
    return this.output.join('');
  }

  /**
   * Waits until the output matches `pattern` (the API's log is written asynchronously, in batches
   * of up to 4 KiB or 250 ms: a line logged before it answered may arrive after); returns the output.
   */
  async waitForLog(pattern: RegExp, timeoutMs = 5_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.log)) {
      if (Date.now() > deadline) throw new Error(`No ${pattern} in the API's output within ${timeoutMs} ms:\n${this.log.slice(-4000)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return this.log;
  }

  async waitReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.alive) {
        throw new Error(`The API exited (${JSON.stringify(this.exitStatus)}) before it was ready:\n${this.log.slice(-4000)}`);
      }
      try {
        const response = await fetch(this.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ ledgerHead { position } }' }),
          signal: AbortSignal.timeout(2_000),
        });
        if (response.status === 200) {
          const body = (await response.json()) as { data?: unknown };
          if (body.data) return;
        }
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`The API was not ready within ${timeoutMs} ms:\n${this.log.slice(-4000)}`);
      await sleep(50);
    }
  }

  /** Sends `signal` and waits for the exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<ExitStatus> {
    if (this.alive) this.child.kill(signal);
    return this.exited;
  }

  /** Graceful stop (SIGTERM), then SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<ExitStatus> {
    if (!this.alive) return this.exited;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
