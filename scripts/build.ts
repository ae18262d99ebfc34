import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * `npm run build`: the services as plain JavaScript in `dist/` (or `outDir`), what the image runs
 * with `node`, no tsx. tsc compiles (tsconfig.build.json: decorator metadata, `.ts` imports
 * rewritten to `.js`); then each workspace package gets a package.json of its own in the output
 * whose exports name the compiled files, and `<outDir>/node_modules/@hoi/*` links to them, so
 * `@hoi/common/logger` resolves to JavaScript there while the sources keep exporting `.ts`.
 * Third-party packages resolve from the repository's node_modules above `outDir`, so `outDir`
 * must lie inside the repository.
 */
export async function build({ outDir = path.join(ROOT, 'dist'), typeCheck = true }: { outDir?: string; typeCheck?: boolean } = {}): Promise<string> {
  const out = path.resolve(outDir);
  if (!out.startsWith(ROOT + path.sep)) throw new Error(`outDir must lie inside ${ROOT}: the compiled code finds its dependencies in its node_modules`);
  rmSync(out, { recursive: true, force: true });
  // Without the type check (already done by `npm test`'s tsc --noEmit) the emit is the same.
  const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
  // Asynchronous, so that the test run's global setup migrates and starts the system meanwhile.
  await new Promise<void>((resolve, reject) => {
    const tscProcess = spawn(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', out, ...(typeCheck ? [] : ['--noCheck'])], { cwd: ROOT, stdio: 'inherit' });
    tscProcess.once('error', reject);
    tscProcess.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`tsc exited with ${code}`))));
  });
  const workspaces = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
  for (const workspace of workspaces) {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, workspace, 'package.json'), 'utf8')) as { name: string; exports: Record<string, string> };
    const exports = Object.fromEntries(Object.entries(manifest.exports).map(([key, target]) => [key, target.replace(/\.ts$/, '.js')]));
    writeFileSync(path.join(out, workspace, 'package.json'), `${JSON.stringify({ name: manifest.name, private: true, type: 'module', exports }, null, 2)}\n`);
    const link = path.join(out, 'node_modules', manifest.name);
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(path.relative(path.dirname(link), path.join(out, workspace)), link, 'dir');
    // Files the code reads beside itself (the places reference data the first migration loads).
    const data = path.join(ROOT, workspace, 'data');
    if (existsSync(data)) cpSync(data, path.join(out, workspace, 'data'), { recursive: true });
  }
  return out;
}

if (import.meta.filename === process.argv[1]) {
  const started = Date.now();
  const out = await build({ outDir: process.argv[2] });
  console.log(`built ${path.relative(ROOT, out)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
