import type { AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import express from 'express';
import type { Logger } from 'pino';
import { CALLER_ROLE_HEADER, CALLER_SCOPE_HEADER, REQUEST_ID_HEADER } from '@hoi/common/context';
import { armorProtection, SUBGRAPH_TIMEOUT_MS } from '@hoi/common/limits';
import { maskError, protections, requestIdOf, requestLogPlugin, type RunningService } from '@hoi/common/server';

export interface GatewayOptions {
  supergraphSdl: string;
  /** Where each subgraph runs here, by its name in the supergraph; overrides the composed URLs. */
  subgraphUrls: Record<string, string>;
  port: number;
  host?: string;
  logger: Logger;
  subgraphTimeoutMs?: number;
}

interface GatewayContext {
  requestId: string;
  logger: Logger;
  /** Caller headers passed on to every subgraph, which applies its own rules. */
  forwarded: Record<string, string>;
}

const FORWARDED_HEADERS = [CALLER_ROLE_HEADER, CALLER_SCOPE_HEADER];

/** Forwards the request id (one id finds the log lines of every service a query touched) and the caller. */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (context?.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    const forwarded: Record<string, string> = context?.forwarded ?? {};
    for (const [name, value] of Object.entries(forwarded)) request.http?.headers.set(name, value);
  }
}

export async function startGateway(options: GatewayOptions): Promise<RunningService> {
  const { logger } = options;
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) =>
      new SubgraphDataSource({
        url: options.subgraphUrls[name] ?? url,
        // One slow subgraph must not hold every request: each fetch gives up after a while.
        fetcher: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(options.subgraphTimeoutMs ?? SUBGRAPH_TIMEOUT_MS) } as RequestInit),
      }),
    logger,
  });
  const app = express();
  app.disable('x-powered-by');
  const httpServer = app.listen(options.port, options.host ?? '127.0.0.1');
  await new Promise<void>((resolve, reject) => httpServer.once('listening', resolve).once('error', reject));

  const armor = armorProtection();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: maskError,
    includeStacktraceInErrorResponses: false,
    ...protections(),
    validationRules: armor.validationRules,
    plugins: [...(armor.plugins as unknown as ApolloServerPlugin<GatewayContext>[]), ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), requestLogPlugin()],
  });
  await apollo.start();

  // GraphiQL with its assets inlined: the explorer works with no network but this machine's.
  // Production serves none, as it answers no introspection.
  const explorer = renderGraphiQL({ endpoint: '/graphql', title: 'hoi-graph explorer' });
  app.get(['/', '/graphql'], (req, res, next) => {
    if (process.env.NODE_ENV === 'production') return next();
    if (req.path === '/graphql' && !req.accepts('html')) return next();
    if (req.path === '/graphql' && req.query.query) return next();
    res.type('html').send(explorer);
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = requestIdOf(req.headers[REQUEST_ID_HEADER]);
        const forwarded = Object.fromEntries(
          FORWARDED_HEADERS.flatMap((name) => (typeof req.headers[name] === 'string' ? [[name, req.headers[name] as string]] : [])),
        );
        return { requestId, logger: logger.child({ requestId }), forwarded };
      },
    }),
  );

  const port = (httpServer.address() as AddressInfo).port;
  return {
    name: 'gateway',
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    stop: () => apollo.stop(),
  };
}
