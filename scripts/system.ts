import path from 'node:path';
import { createLogger, type Logger } from '@hoi/common/logger';
import { createDatabaseFromTemplate, ensureDatabase, startDatabaseServer, withDatabase, type DatabaseServer } from '@hoi/common/database';
import { loadDemoData, migrateSubgraph, runSubgraph } from '@hoi/common/service';
import type { RunningService } from '@hoi/common/server';
import { startGateway } from '@hoi/gateway';
import { readTrustedDocuments, readSupergraph } from './composition.ts';
import { GATEWAY_PORT, SUBGRAPHS } from './services.ts';

export interface SystemOptions {
  /** Where the embedded PostgreSQL keeps its data when DATABASE_URL is not set. */
  dataDir: string;
  embeddedPort: number;
  /** Database to create and use on the server; with DATABASE_URL unset or set, the same. */
  database?: string;
  /** 0 picks free ports (tests); otherwise the default ports. */
  portBase?: 0 | 'default';
  demoData: boolean;
  /**
   * With `database`: create it as a copy of this template database, which is migrated (and given
   * the demo data) only when it does not exist yet. The tests name it by a hash of the code, so
   * they migrate once per change of the code rather than once per run.
   */
  template?: string;
  logger?: Logger;
}

export interface RunningSystem {
  databaseUrl: string;
  database: DatabaseServer;
  subgraphs: RunningService[];
  gateway: RunningService;
  stop(): Promise<void>;
}

/**
 * Starts the whole system in one process: the database, then each subgraph's migrations (an
 * explicit step, before any service serves), the demo data, the subgraphs and the gateway.
 */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const logger = options.logger ?? createLogger('hoi-graph');
  const database = await startDatabaseServer({ dataDir: path.resolve(options.dataDir), port: options.embeddedPort, logger });
  const services: RunningService[] = [];
  try {
    let databaseUrl = database.adminUrl;
    if (options.database) {
      if (options.template) await createDatabaseFromTemplate(database.adminUrl, options.database, options.template, (url) => prepareDatabase(url, options.demoData, logger));
      else await ensureDatabase(database.adminUrl, options.database);
      databaseUrl = withDatabase(database.adminUrl, options.database);
    }
    if (!(options.database && options.template)) await prepareDatabase(databaseUrl, options.demoData, logger);
    const fixedPorts = options.portBase !== 0;
    for (const { definition, port } of SUBGRAPHS) {
      services.push(await runSubgraph(definition, { url: databaseUrl, port: fixedPorts ? port : 0, logger: logger.child({ service: definition.name }) }));
    }
    const gateway = await startGateway({
      supergraphSdl: readSupergraph(),
      subgraphUrls: Object.fromEntries(services.map((service) => [service.name, service.url])),
      port: fixedPorts ? GATEWAY_PORT : 0,
      logger: logger.child({ service: 'gateway' }),
      gatewaySecret: process.env.HOI_GATEWAY_SECRET,
      trustedDocuments: readTrustedDocuments(),
    });
    return {
      databaseUrl,
      database,
      subgraphs: services,
      gateway,
      stop: async () => {
        logger.info('stopping the gateway');
        await gateway.stop();
        logger.info('stopping the subgraphs');
        await Promise.all(services.map((service) => service.stop()));
        logger.info('stopping the database');
        await database.stop();
      },
    };
  } catch (error) {
    await Promise.allSettled(services.map((service) => service.stop()));
    await database.stop();
    throw error;
  }
}

/** Each subgraph's pending migrations (an explicit step, before any service serves), then the demo data. */
async function prepareDatabase(databaseUrl: string, demoData: boolean, logger: Logger): Promise<void> {
  for (const { definition } of SUBGRAPHS) {
    const applied = await migrateSubgraph(definition, databaseUrl, logger);
    if (applied.length) logger.info({ subgraph: definition.name, applied }, 'migrations applied');
  }
  if (demoData) {
    for (const { definition } of SUBGRAPHS) await loadDemoData(definition, databaseUrl, logger);
  }
}
