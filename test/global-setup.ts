import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { dropDatabase } from '@hoi/common/database';
import { createLogger } from '@hoi/common/logger';
import { build } from '../scripts/build.ts';
import { freePort } from './ports.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    subgraphUrls: Record<string, string>;
    databaseUrl: string;
    jwtSecret: string;
    gatewaySecret: string;
    /** Every service's log lines of this run, as JSON lines (HOI_LOG_FILE): tests check what was logged. */
    logFile: string;
    /**
     * The services compiled once for the run (`npm run build`'s output, the image's code): tests
     * that run services as processes of their own start them from it with plain node, not tsx.
     */
    distDir: string;
  }
}

/**
 * One system for the whole run: a fresh database (on DATABASE_URL's server, or an embedded
 * PostgreSQL whose cluster is reused between runs), migrated, with the demo data, and every
 * subgraph and the gateway on free ports. Meanwhile tsc compiles the services once for the tests
 * that run them as processes (its own process: the second core).
 */
export default async function setup(project: TestProject) {
  process.env.NODE_ENV = 'test';
  process.env.HOI_STATEMENT_STATS = '1';
  // Keys of this run only: tests sign their own tokens, and sign as the gateway where they test that.
  process.env.HOI_JWT_SECRET = randomBytes(32).toString('base64url');
  process.env.HOI_GATEWAY_SECRET = randomBytes(32).toString('base64url');
  // Every test calls from one address, most with one token: the shared system must not limit them.
  // The limits are tested on services of their own (test/service-limits.e2e.test.ts).
  process.env.HOI_RATE_LIMIT_PER_MINUTE = '1000000';
  // Two cores run every test file and every service at once: a heavy read can wait its turn past
  // the production 10 s. The timeout itself is tested on gateways of its own (outage, limits).
  process.env.HOI_SUBGRAPH_TIMEOUT_MS = '60000';
  const logFile = path.join(tmpdir(), `hoi-test-${process.pid}-${randomBytes(3).toString('hex')}.log`);
  process.env.HOI_LOG_FILE = logFile;
  const { startSystem } = await import('../scripts/system.ts');
  const database = `hoi_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const dataDir = testDataDir();
  const distDir = path.join(ROOT, '.data', `test-dist-${process.pid}-${randomBytes(3).toString('hex')}`);
  const built = build({ outDir: distDir, typeCheck: false }); // npm test's tsc --noEmit checks the types
  built.catch(() => {}); // awaited below; not an unhandled rejection while the system starts
  const system = await startSystem({
    dataDir,
    embeddedPort: await freePort(),
    database,
    portBase: 0,
    demoData: true,
    logger: createLogger('test-system'),
  });
  const teardown = async () => {
    const adminUrl = system.database.adminUrl;
    await system.gateway.stop();
    await Promise.all(system.subgraphs.map((service) => service.stop()));
    await dropDatabase(adminUrl, database);
    await system.database.stop();
    if (dataDir !== SHARED_DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    rmSync(logFile, { force: true });
    rmSync(distDir, { recursive: true, force: true });
  };
  try {
    await built;
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide('gatewayUrl', system.gateway.url);
  project.provide('subgraphUrls', Object.fromEntries(system.subgraphs.map((service) => [service.name, service.url])));
  project.provide('databaseUrl', system.databaseUrl);
  project.provide('jwtSecret', process.env.HOI_JWT_SECRET);
  project.provide('gatewaySecret', process.env.HOI_GATEWAY_SECRET);
  project.provide('logFile', logFile);
  project.provide('distDir', distDir);

  return teardown;
}

const SHARED_DATA_DIR = '.data/test-postgres';

/**
 * The embedded cluster is kept between runs (initdb once); a second run while one is going
 * (another terminal, another developer's agent) gets a cluster of its own, removed afterwards.
 */
function testDataDir(): string {
  const pidFile = path.join(SHARED_DATA_DIR, 'postmaster.pid');
  if (!existsSync(pidFile)) return SHARED_DATA_DIR;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    return SHARED_DATA_DIR; // a stale pid file: PostgreSQL recovers from it
  }
  return `.data/test-postgres-${process.pid}`;
}
