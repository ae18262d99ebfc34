import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/** Where a profiled process spent its CPU: the heaviest functions and packages by self time. */
export interface ProfileSummary {
  title: string;
  totalMs: number;
  requests: number;
  functions: { name: string; where: string; ms: number; share: number }[];
  packages: { name: string; ms: number; share: number }[];
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** What a script belongs to: a package under node_modules, the project's own code, or Node itself. */
function packageOf(url: string, functionName: string): string {
  if (functionName === '(root)') return 'event loop (native work with no JS caller: I/O, timers)';
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  if (url.startsWith('node:')) return 'node (internal)';
  const project = /\/(common|subgraphs\/[^/]+|gateway|bench|scripts)\//.exec(url);
  return project ? `project: ${project[1]}` : url;
}

/** A fresh path for a profile under `.data/bench-profiles` (git-ignored). */
export function profileFile(root: string, name: string): string {
  const dir = path.join(root, '.data', 'bench-profiles');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.cpuprofile`);
  rmSync(file, { force: true });
  return file;
}

/** Reads a .cpuprofile and adds up self time by function and by package. */
export function summariseProfile(file: string, title: string, requests: number, top = 12): ProfileSummary | null {
  let profile: CpuProfile;
  try {
    profile = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  // Native code and Node's own modules are charged to the nearest library or project code that called them
  // (fs.writeSync from pino, a socket write from express): that is who causes the cost.
  const ownerOf = (id: number): string => {
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      const { url, functionName } = byId.get(current)!.callFrame;
      const owner = packageOf(url, functionName);
      if (owner !== '(native)' && owner !== 'node (internal)') return owner;
    }
    return packageOf(byId.get(id)!.callFrame.url, byId.get(id)!.callFrame.functionName);
  };
  const callerOf = (id: number): string => {
    for (let current = parent.get(id); current !== undefined; current = parent.get(current)) {
      const { url, functionName } = byId.get(current)!.callFrame;
      if (url) return `${functionName || '(anonymous)'} in ${url.replace(/^file:\/\/.*?\/(node_modules|common|subgraphs|gateway|bench)\//, '$1/')}`;
    }
    return '';
  };
  const self = new Map<number, number>();
  profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000));
  const functions = new Map<string, { name: string; where: string; ms: number }>();
  const packages = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    // Idle time, and the profiler's own work (node:inspector and the bench's handler in the child), are not the service's.
    if (functionName === '(idle)' || url === 'node:inspector' || /\/bench\/child\.ts/.test(url)) continue;
    total += ms;
    const name = functionName || '(anonymous)';
    const where = url ? `${url.replace(/^file:\/\/.*?\/(node_modules|common|subgraphs|gateway|bench)\//, '$1/')}:${lineNumber + 1}` : `native, called by ${callerOf(id)}`;
    const key = `${name}@${where}`;
    const entry = functions.get(key) ?? { name, where, ms: 0 };
    entry.ms += ms;
    functions.set(key, entry);
    const pkg = ownerOf(id);
    packages.set(pkg, (packages.get(pkg) ?? 0) + ms);
  }
  return {
    title,
    totalMs: total,
    requests,
    functions: [...functions.values()].sort((a, b) => b.ms - a.ms).slice(0, top).map((f) => ({ ...f, share: f.ms / total })),
    packages: [...packages.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, ms]) => ({ name, ms, share: ms / total })),
  };
}

export function profileMarkdown(summary: ProfileSummary): string {
  const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
  const perRequest = (ms: number) => (summary.requests ? (ms / summary.requests).toFixed(3) : '–');
  return `### ${summary.title}

${summary.requests.toLocaleString('en-US')} requests, ${Math.round(summary.totalMs).toLocaleString('en-US')} ms of CPU outside idle (${perRequest(summary.totalMs)} ms a request).

| package, with the Node internals and native code it called | ms / request | share |
|---|---:|---:|
${summary.packages.map((p) => `| ${p.name} | ${perRequest(p.ms)} | ${pct(p.share)} |`).join('\n')}

| function (self time) | where | share |
|---|---|---:|
${summary.functions.map((f) => `| \`${f.name}\` | ${f.where} | ${pct(f.share)} |`).join('\n')}
`;
}
