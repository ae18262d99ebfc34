import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { dropDatabase } from '@hoi/common/database';
import { createLogger } from '@hoi/common/logger';
import { cachedBuild } from './build-cache.ts';
import { freePort } from './ports.ts';
import { sourceFingerprint } from './source-fingerprint.ts';

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
 * subgraph and the gateway on free ports. The database is a copy of a template named by the code's
 * fingerprint, migrated and filled by the first run of that code; the services the tests run as
 * processes are compiled once per fingerprint too, by tsc in its own process (the second core)
 * while the system starts.
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
  const fingerprint = sourceFingerprint(ROOT);
  // Started first: tsc compiles on the second core while this one loads the services' code.
  const built = cachedBuild(ROOT, fingerprint);
  built.catch(() => {}); // awaited below; not an unhandled rejection while the system starts
  const { startSystem } = await import('../scripts/system.ts');
  const database = `hoi_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const dataDir = testDataDir();
  const system = await startSystem({
    dataDir,
    embeddedPort: await freePort(),
    database,
    template: `${TEMPLATE_PREFIX}${fingerprint}`,
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
  };
  let distDir: string;
  try {
    distDir = await built;
    await dropOldTemplates(system.database.adminUrl);
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

const TEMPLATE_PREFIX = 'hoi_test_template_';
/** Templates of recent code are kept (another worktree, a branch switched back to); older ones are dropped. */
const TEMPLATES_KEPT = 3;

/** Drops the template databases of older code; one another run is copying or filling right now stays (no force). */
async function dropOldTemplates(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(`select datname from pg_database where starts_with(datname, $1) order by oid desc offset $2`, [TEMPLATE_PREFIX, TEMPLATES_KEPT]);
    for (const { datname } of rows) await client.query(`drop database if exists ${client.escapeIdentifier(datname)}`).catch(() => {});
  } finally {
    await client.end();
  }
}

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
