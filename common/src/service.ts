import 'reflect-metadata';
import type { Constructor } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { serviceConfig } from './config.ts';
import { createCallerVerifier, gatewayKeyFor, identityConfigFromEnv } from './identity.ts';
import { createLogger } from './logger.ts';
import { migrate, openOrm, type EntityManager } from './orm.ts';
import { startSubgraph, type RunningService } from './server.ts';
import { StatementCounter } from './statements.ts';
import type { RequestContext } from './context.ts';
import type { SpreadsheetPlug } from './spreadsheet/routes.ts';

/** Everything the start script, the tests and a container need to know to run one subgraph. */
export interface SubgraphDefinition<L> {
  name: string;
  /** The PostgreSQL schema the subgraph owns. */
  schemaName: string;
  entities: Constructor[];
  migrations: Constructor<Migration>[];
  buildSchema(): Promise<GraphQLSchema>;
  createLoaders(em: EntityManager): L;
  /** Loads the demo data; idempotent, so every start may call it. */
  loadDemoData(em: EntityManager): Promise<void>;
  /** Its spreadsheet templates, imports and exports, if it has any. */
  spreadsheets?: SpreadsheetPlug<RequestContext<L>>;
}

export async function migrateSubgraph<L>(definition: SubgraphDefinition<L>, url: string, logger: Logger): Promise<string[]> {
  const orm = await openOrm({ url, schema: definition.schemaName, entities: definition.entities, migrations: definition.migrations, logger, poolSize: 1 });
  try {
    return await migrate(orm);
  } finally {
    await orm.close();
  }
}

export async function loadDemoData<L>(definition: SubgraphDefinition<L>, url: string, logger: Logger): Promise<void> {
  const orm = await openOrm({ url, schema: definition.schemaName, entities: definition.entities, migrations: definition.migrations, logger, poolSize: 1 });
  try {
    await orm.em.fork().transactional((em) => definition.loadDemoData(em));
  } finally {
    await orm.close();
  }
}

export async function runSubgraph<L>(
  definition: SubgraphDefinition<L>,
  options: { url: string; port: number; host?: string; logger?: Logger; rateLimitPerMinute?: number; checkBeforeExecution?: boolean },
): Promise<RunningService> {
  const logger = options.logger ?? createLogger(definition.name);
  const counter = new StatementCounter();
  const orm = await openOrm({
    url: options.url,
    schema: definition.schemaName,
    entities: definition.entities,
    migrations: definition.migrations,
    logger,
    counter,
    audited: true,
  });
  const schema = await definition.buildSchema();
  const gatewaySecret = process.env.HOI_GATEWAY_SECRET;
  return startSubgraph({
    name: definition.name,
    verifyCaller: createCallerVerifier(identityConfigFromEnv()),
    gatewayKey: gatewaySecret ? gatewayKeyFor(gatewaySecret, definition.name) : null,
    schema,
    orm,
    logger,
    counter,
    port: options.port,
    host: options.host,
    createLoaders: definition.createLoaders,
    rateLimitPerMinute: options.rateLimitPerMinute,
    checkBeforeExecution: options.checkBeforeExecution,
    spreadsheets: definition.spreadsheets,
  });
}

/** Runs a service until SIGINT or SIGTERM, then drains it: in-flight requests finish first. */
export function stopOnSignal(service: { stop(): Promise<void> }, logger: Logger, onStopped: () => void = () => {}): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'stopping');
      service.stop().then(
        () => {
          onStopped();
          process.exit(0);
        },
        (error) => {
          logger.error({ err: error }, 'stop failed');
          process.exit(1);
        },
      );
    });
  }
}

/** A subgraph as its own process (a container): DATABASE_URL is required, migrations are not run. */
export async function subgraphMain<L>(definition: SubgraphDefinition<L>, defaultPort: number): Promise<void> {
  const config = serviceConfig(defaultPort);
  const logger = createLogger(definition.name);
  const service = await runSubgraph(definition, { url: config.DATABASE_URL, port: config.PORT, host: config.HOST, logger });
  logger.info({ url: service.url }, 'listening');
  stopOnSignal(service, logger);
}
