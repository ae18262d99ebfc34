import type { AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import express, { type Request } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Logger } from 'pino';
import { accessPlugin } from '@hoi/common/access';
import { REQUEST_ID_HEADER } from '@hoi/common/context';
import { ANONYMOUS, createCallerVerifier, GATEWAY_KEY_HEADER, gatewayKeyFor, identityConfigFromEnv, type Caller } from '@hoi/common/identity';
import { safelistPlugin } from '@hoi/common/safelist';
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
  /** Signs the calls to subgraphs (HOI_GATEWAY_SECRET); without it they refuse `_entities`. */
  gatewaySecret?: string;
  /** The committed operation safelist (hash → name), enforced in production or when asked. */
  safelist?: Record<string, string>;
  enforceSafelist?: boolean;
  /** Requests per minute for one caller (token subject, or address without a token). */
  rateLimitPerMinute?: number;
}

interface GatewayContext {
  requestId: string;
  logger: Logger;
  caller: Caller;
  /** The caller's token, passed on to every subgraph, which verifies it and applies its own rules. */
  authorization: string | undefined;
}

/**
 * Forwards the request id (one id finds the log lines of every service a query touched) and the
 * caller's token, and signs the call with this subgraph's own key.
 */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  gatewayKey: string | null = null;

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (context?.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context?.authorization) request.http?.headers.set('authorization', context.authorization);
    if (this.gatewayKey) request.http?.headers.set(GATEWAY_KEY_HEADER, this.gatewayKey);
  }

  /**
   * A subgraph answers 400 for a variable its scalars refuse (a LocalDate that is no day, a Vnd
   * that is no whole number): the gateway's supergraph cannot check them, so it passes the
   * subgraph's clear error on instead of a bare "400: Bad Request".
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    const body = (error.extensions.response as { body?: unknown } | undefined)?.body;
    const first = (body as { errors?: { message?: unknown; extensions?: { code?: unknown; field?: unknown } }[] } | undefined)?.errors?.[0];
    if (response.status !== 400 || first?.extensions?.code !== 'BAD_USER_INPUT') return error;
    const { field } = first.extensions;
    return new GraphQLError(String(first.message), { extensions: { code: 'BAD_USER_INPUT', ...(typeof field === 'string' ? { field } : {}) } });
  }
}

export async function startGateway(options: GatewayOptions): Promise<RunningService> {
  const { logger } = options;
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => {
      const source = new SubgraphDataSource({
        url: options.subgraphUrls[name] ?? url,
        // One slow subgraph must not hold every request: each fetch gives up after a while.
        fetcher: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(options.subgraphTimeoutMs ?? SUBGRAPH_TIMEOUT_MS) } as RequestInit),
      });
      source.gatewayKey = options.gatewaySecret ? gatewayKeyFor(options.gatewaySecret, name) : null;
      return source;
    },
    logger,
  });
  const app = express();
  app.disable('x-powered-by');
  const httpServer = app.listen(options.port, options.host ?? '127.0.0.1');
  await new Promise<void>((resolve, reject) => httpServer.once('listening', resolve).once('error', reject));

  const verifyCaller = createCallerVerifier(identityConfigFromEnv());
  const armor = armorProtection();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: maskError,
    includeStacktraceInErrorResponses: false,
    ...protections(),
    validationRules: armor.validationRules,
    plugins: [
      ...(armor.plugins as unknown as ApolloServerPlugin<GatewayContext>[]),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No type carries cache hints; the plugin would still wrap every field resolver to look for them.
      ApolloServerPluginCacheControlDisabled(),
      requestLogPlugin(),
      accessPlugin<GatewayContext>({ subgraph: null }),
      safelistPlugin(options.safelist ?? {}, options.enforceSafelist ?? (process.env.NODE_ENV === 'production' || process.env.HOI_ENFORCE_SAFELIST === '1')),
    ],
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
  // The caller is verified once per request: the rate limit keys on it, the context carries it.
  const callerOf = (req: Request): Promise<Caller> => ((req as Request & { caller?: Promise<Caller> }).caller ??= verifyCaller(req.headers.authorization));
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: options.rateLimitPerMinute ?? Number(process.env.HOI_RATE_LIMIT_PER_MINUTE ?? 600),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: async (req) => {
      const caller = await callerOf(req).catch(() => ANONYMOUS);
      return caller.subject ? `subject:${caller.subject}` : `address:${ipKeyGenerator(req.ip ?? '')}`;
    },
    handler: (_req, res) => {
      res.status(429).json({ errors: [{ message: 'too many requests; try again later', extensions: { code: 'RATE_LIMITED' } }] });
    },
  });
  app.use(
    '/graphql',
    limiter,
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = requestIdOf(req.headers[REQUEST_ID_HEADER]);
        const caller = await callerOf(req);
        return { requestId, logger: logger.child({ requestId, role: caller.role }), caller, authorization: req.headers.authorization };
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
