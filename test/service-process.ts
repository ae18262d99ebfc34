import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';

const ROOT = new URL('../', import.meta.url).pathname;

/**
 * One service run from its container entry point (`subgraphs/<name>/src/main.ts`,
 * `gateway/src/main.ts`) as its own process, on a port it keeps across restarts, so that a test can
 * kill, freeze and restart it while the others go on. It runs as the image runs it: the compiled
 * entry point (the run's build, see test/global-setup.ts) with plain node; under tsx a start costs
 * about twice the CPU, and a test restarts services many times.
 */
export class ServiceProcess {
  private child: ChildProcess | null = null;

  constructor(
    readonly name: string,
    private readonly entry: string,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly logDir: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/graphql`;
  }

  /** Starts the process and waits until its `/health` answers 200 (long: a shared two-core machine). */
  async start(timeoutMs = 180_000): Promise<void> {
    const log = openSync(path.join(this.logDir, `${this.name}.log`), 'a');
    // From the repository's root, as the image runs from /app: schema/ is where the defaults find it.
    const child = fork(path.join(inject('distDir'), this.entry.replace(/\.ts$/, '.js')), [], {
      cwd: ROOT,
      execArgv: [],
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', log, log, 'ipc'],
    });
    closeSync(log);
    this.child = child;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${this.name} exited before it was ready (see ${this.logDir}/${this.name}.log)`);
      try {
        const response = await fetch(`http://127.0.0.1:${this.port}/health`, { signal: AbortSignal.timeout(1_000) });
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${this.name} was not ready within ${timeoutMs} ms (see ${this.logDir}/${this.name}.log)`);
  }

  /** Sends a signal: SIGKILL waits for the process to be gone, SIGSTOP freezes it, SIGCONT thaws it. */
  async signal(signal: 'SIGKILL' | 'SIGSTOP' | 'SIGCONT' | 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = signal === 'SIGKILL' || signal === 'SIGTERM' ? new Promise((resolve) => child.once('exit', resolve)) : null;
    child.kill(signal);
    await exited;
  }

  async stop(): Promise<void> {
    await this.signal('SIGCONT');
    await this.signal('SIGKILL');
  }
}
