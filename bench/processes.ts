import { fork, spawn, type ChildProcess } from 'node:child_process';
import { openSync, readdirSync, readFileSync, mkdirSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

/** A benchmarked process: a compiled service (startCompiled) or one of bench/child.ts's. */
export interface Service {
  name: string;
  pid: number;
  url: string;
  child: ChildProcess;
}

/**
 * V8 limits every service runs with (docker-compose.yml sets the same in NODE_OPTIONS): 16 MB
 * semi-spaces and an old generation collected before it passes 256 MB keep every service under
 * 400 MB resident at full load, where V8's defaults let one reach 600 MB. 8 MB semi-spaces kept
 * them lower still but cost a fifth more CPU a request in scavenges (measured with
 * HOI_SERVICE_NODE_FLAGS, which overrides these).
 */
export const SERVICE_NODE_FLAGS = (process.env.HOI_SERVICE_NODE_FLAGS ?? '--max-semi-space-size=16 --max-old-space-size=256').split(' ').filter(Boolean);

export async function startService(role: string, name: string, env: Record<string, string>, logDir: string): Promise<Service> {
  mkdirSync(logDir, { recursive: true });
  const log = openSync(path.join(logDir, `${name}.log`), 'w');
  const child = fork(new URL('./child.ts', import.meta.url).pathname, [role, name], {
    execArgv: ['--import', 'tsx', ...SERVICE_NODE_FLAGS],
    env: { ...process.env, ...env },
    stdio: ['ignore', log, log, 'ipc'],
  });
  closeSync(log);
  const url = await new Promise<string>((resolve, reject) => {
    // The first message is the URL; later ones answer memoryOf().
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 120 s (see ${logDir}/${name}.log)`)), 120_000);
    child.once('message', (message: { url: string }) => {
      clearTimeout(timer);
      resolve(message.url);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready (see ${logDir}/${name}.log)`));
    });
  });
  return { name, pid: child.pid!, url, child };
}

/**
 * A router that is not a Node process (Grafbase's binary), started by its own command line: it
 * is ready when `readyPath` answers. Its CPU and memory are read from /proc like any other's.
 */
export async function startExecutable(name: string, command: string, args: string[], env: Record<string, string>, logDir: string, url: string, readyPath: string): Promise<Service> {
  mkdirSync(logDir, { recursive: true });
  const log = openSync(path.join(logDir, `${name}.log`), 'w');
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', log, log] });
  closeSync(log);
  const ready = new URL(readyPath, url).href;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before it was ready (see ${logDir}/${name}.log)`);
    if (await fetch(ready).then((response) => response.ok, () => false)) return { name, pid: child.pid!, url, child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGTERM');
  throw new Error(`${name} did not start within 120 s (see ${logDir}/${name}.log)`);
}

/** A port free now, for a service that takes its port from PORT as in production. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A service as the image runs it: `node <outDir>/…/main.js` (the output of `npm run build`), with
 * NODE_ENV=production and its settings from the environment, no tsx; ready when its /health
 * answers 200. bench/service-hooks.ts rides along (`--import`) to answer memoryOf and profiles.
 */
export async function startCompiled(name: string, entry: string, env: Record<string, string>, logDir: string): Promise<Service> {
  mkdirSync(logDir, { recursive: true });
  const port = await freePort();
  const log = openSync(path.join(logDir, `${name}.log`), 'w');
  const child = fork(entry, [], {
    cwd: path.resolve(import.meta.dirname, '..'),
    execArgv: ['--import', new URL('./service-hooks.ts', import.meta.url).href, ...SERVICE_NODE_FLAGS],
    env: { ...process.env, ...env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', log, log, 'ipc'],
  });
  closeSync(log);
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited !== undefined) throw new Error(`${name} exited with ${exited} before it was ready (see ${logDir}/${name}.log)`);
    if (Date.now() > deadline) throw new Error(`${name} did not start within 120 s (see ${logDir}/${name}.log)`);
    const healthy = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2_000) }).then((response) => response.ok, () => false);
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { name, pid: child.pid!, url: `${base}/graphql`, child };
}

export async function stopService(service: Service): Promise<void> {
  if (service.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => service.child.once('exit', () => resolve()));
  // A forked child stops when its parent lets go of it; a spawned binary when told to.
  if (service.child.connected) service.child.disconnect();
  else service.child.kill('SIGTERM');
  const timer = setTimeout(() => service.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

const CLOCK_TICKS_PER_SECOND = 100;
const PAGE_BYTES = 4096;

/** CPU time (user + system) of a process in milliseconds, from /proc; null once it is gone. */
function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

function rssBytes(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_BYTES;
  } catch {
    return 0;
  }
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** The PostgreSQL server process, found from one backend's parent (null if it runs elsewhere). */
export function postmasterOf(backendPid: number): number | null {
  return parentOf(backendPid);
}

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (/^\d+$/.test(entry) && parentOf(Number(entry)) === pid) children.push(Number(entry));
  }
  return children;
}

export interface Usage {
  /** CPU milliseconds per process name over the window; `postgres` sums the server's backends. */
  cpuMs: Record<string, number>;
  /** Largest resident set seen per process, in bytes (sampled every 100 ms). */
  peakRss: Record<string, number>;
}

/** Measures CPU and resident memory of the services (and PostgreSQL's backends) over a window. */
export class UsageWindow {
  private readonly startCpu = new Map<string, number>();
  private readonly startBackends = new Map<number, number>();
  private readonly peak = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly processes: { name: string; pid: number }[],
    private readonly postmaster: number | null,
  ) {
    for (const { name, pid } of processes) this.startCpu.set(name, cpuMs(pid) ?? 0);
    if (postmaster) for (const pid of childrenOf(postmaster)) this.startBackends.set(pid, cpuMs(pid) ?? 0);
    this.sample();
    this.timer = setInterval(() => this.sample(), 100);
  }

  private sample(): void {
    for (const { name, pid } of this.processes) this.peak.set(name, Math.max(this.peak.get(name) ?? 0, rssBytes(pid)));
  }

  stop(): Usage {
    clearInterval(this.timer);
    this.sample();
    const used: Record<string, number> = {};
    for (const { name, pid } of this.processes) used[name] = (cpuMs(pid) ?? 0) - (this.startCpu.get(name) ?? 0);
    if (this.postmaster) {
      let total = 0;
      for (const pid of childrenOf(this.postmaster)) total += (cpuMs(pid) ?? 0) - (this.startBackends.get(pid) ?? 0);
      used.postgres = total;
    }
    return { cpuMs: used, peakRss: Object.fromEntries(this.peak) };
  }
}

/** The child's own view of its memory (process.memoryUsage()), in bytes. */
export function memoryOf(service: Service): Promise<NodeJS.MemoryUsage | null> {
  if (!service.child.connected) return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), 5_000);
    const listen = (message: { memory?: NodeJS.MemoryUsage }) => {
      if (!message.memory) return;
      clearTimeout(timer);
      service.child.off('message', listen);
      resolve(message.memory);
    };
    service.child.on('message', listen);
    service.child.send('memory');
  });
}

/** Asks a child for something over IPC and waits for the answer that carries `key`. */
function ask<T>(service: Service, message: unknown, key: string, timeoutMs = 60_000): Promise<T | null> {
  if (!service.child.connected) return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    const listen = (answer: Record<string, unknown>) => {
      if (!(key in answer)) return;
      clearTimeout(timer);
      service.child.off('message', listen);
      resolve(answer[key] as T);
    };
    service.child.on('message', listen);
    service.child.send(message as never);
  });
}

/** Starts V8's sampling profiler in the child; `stopProfile` writes the .cpuprofile to `file`. */
export const startProfile = (service: Service) => ask<boolean>(service, { profile: 'start' }, 'profiling');
export const stopProfile = (service: Service, file: string) => ask<string>(service, { profile: 'stop', file }, 'profiled');
