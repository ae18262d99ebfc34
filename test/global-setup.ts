import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { dropDatabase } from '@hoi/common/database';
import { createLogger } from '@hoi/common/logger';
import { freePort } from './ports.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    subgraphUrls: Record<string, string>;
    databaseUrl: string;
  }
}

/**
 * One system for the whole run: a fresh database (on DATABASE_URL's server, or an embedded
 * PostgreSQL whose cluster is reused between runs), migrated, with the demo data, and every
 * subgraph and the gateway on free ports.
 */
export default async function setup(project: TestProject) {
  process.env.NODE_ENV = 'test';
  process.env.HOI_STATEMENT_STATS = '1';
  const { startSystem } = await import('../scripts/system.ts');
  const database = `hoi_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const system = await startSystem({
    dataDir: '.data/test-postgres',
    embeddedPort: await freePort(),
    database,
    portBase: 0,
    demoData: true,
    logger: createLogger('test-system'),
  });
  project.provide('gatewayUrl', system.gateway.url);
  project.provide('subgraphUrls', Object.fromEntries(system.subgraphs.map((service) => [service.name, service.url])));
  project.provide('databaseUrl', system.databaseUrl);

  return async () => {
    const adminUrl = system.database.adminUrl;
    await system.gateway.stop();
    await Promise.all(system.subgraphs.map((service) => service.stop()));
    await dropDatabase(adminUrl, database);
    await system.database.stop();
  };
}
