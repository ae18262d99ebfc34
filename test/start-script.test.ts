import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { graphql } from './graphql.ts';
import { freePort } from './ports.ts';

interface Started {
  child: ChildProcess;
  output: string;
  /** What a person reads: no JSON log line among it. */
  stdout: string;
  gatewayUrl: string;
}

const root = path.resolve(import.meta.dirname, '..');

/** Runs `npm start`'s script as a newcomer would, on its own embedded PostgreSQL. */
function start(dataDir: string, pgPort: number): Promise<Started> {
  const env: NodeJS.ProcessEnv = { ...process.env, HOI_DATA_DIR: dataDir, HOI_EMBEDDED_PG_PORT: String(pgPort), HOI_FREE_PORTS: '1', LOG_LEVEL: 'info' };
  delete env.DATABASE_URL;
  // As a newcomer runs it: not in test mode, where libraries quietly skip their signal handling.
  delete env.NODE_ENV;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      // Stopped as a person would (Ctrl-C): a start left running would hold its database and burn a core for the rest of the run.
      child.kill('SIGINT');
      reject(new Error(`no ready line within 120 s:\n${output}`));
    }, 120_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const gateway = /^gateway\s+(\S+)/m.exec(output);
      if (gateway && /^ready in \d+ ms/m.test(output)) {
        clearTimeout(timer);
        resolve({ child, get output() { return output; }, get stdout() { return stdout; }, gatewayUrl: gateway[1] });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`start exited with ${code}:\n${output}`));
    });
  });
}

function stop({ child }: Started): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('still running 20 s after Ctrl-C'));
    }, 20_000);
    child.removeAllListeners('exit');
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.kill('SIGINT');
  });
}

const COUNTS = `{ emulationClusters(year: 2022) { totalCount } chapters(search: "Chu thap do") { totalCount } }`;

describe('npm start', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hoi-start-'));
  const dataDir = path.join(dir, 'postgres');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('boots from an empty data directory, stops cleanly on Ctrl-C, and keeps its data on restart', async () => {
    const pgPort = await freePort();
    const first = await start(dataDir, pgPort);
    expect(first.output).toMatch(/initialising embedded PostgreSQL/);
    for (const service of ['places', 'red-cross', 'elderly', 'emulation', 'gateway']) {
      expect(first.output).toMatch(new RegExp(`^${service}\\s+http://127\\.0\\.0\\.1:\\d+/graphql`, 'm'));
    }
    expect(first.stdout.split('\n').filter((line) => line.startsWith('{'))).toEqual([]);
    expect(first.stdout).toMatch(/^logs\s+JSON lines on stderr/m);
    expect(await graphql(first.gatewayUrl, COUNTS)).toEqual({ data: { emulationClusters: { totalCount: 1 }, chapters: { totalCount: 10 } } });

    // A row written while running must survive the restart.
    const db = new pg.Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/hoi` });
    await db.connect();
    await db.query(`insert into red_cross.chapter (id, level, name, name_folded) values (gen_random_uuid(), 'PROVINCE', 'Hội Chữ thập đỏ thử nghiệm', 'hoi chu thap do thu nghiem')`);
    await db.end();

    expect(await stop(first)).toBe(0);
    expect(first.output).toMatch(/^stopped$/m);
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);

    const second = await start(dataDir, pgPort);
    expect(second.output).not.toMatch(/initialising embedded PostgreSQL/);
    // Demo data is not loaded twice; the row written before the restart is still there.
    expect(await graphql(second.gatewayUrl, COUNTS)).toEqual({ data: { emulationClusters: { totalCount: 1 }, chapters: { totalCount: 11 } } });
    expect(await stop(second)).toBe(0);
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
  }, 300_000); // two starts, each up to 120 s on a loaded two-core machine

  it('names a taken port and the variable that moves it, and stops', async () => {
    const holder = createServer();
    const port = await new Promise<number>((resolve) => holder.listen(0, '127.0.0.1', () => resolve((holder.address() as { port: number }).port)));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, HOI_DATA_DIR: path.join(dir, 'unused'), HOI_EMBEDDED_PG_PORT: String(port), HOI_FREE_PORTS: '1' };
      delete env.DATABASE_URL;
      const run = await new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout!.on('data', (chunk) => (output += chunk));
        child.stderr!.on('data', (chunk) => (output += chunk));
        child.once('exit', (code) => resolve({ code, output }));
      });
      expect(run.code).toBe(1);
      expect(run.output.trim()).toBe(`port ${port} (embedded PostgreSQL) is taken: stop what uses it, or set HOI_EMBEDDED_PG_PORT to another port (or DATABASE_URL to a server of your own)`);
      expect(existsSync(path.join(dir, 'unused'))).toBe(false);
    } finally {
      holder.close();
    }
  }, 30_000);
});
