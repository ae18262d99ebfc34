import type { AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Request } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { accessPlugin } from '@hoi/common/access';
import { costLimitPlugin } from '@hoi/common/cost';
import { REQUEST_ID_HEADER } from '@hoi/common/context';
import { callerOf, listen, mountGraphQL, serviceApp } from '@hoi/common/http';
import { createCallerVerifier, GATEWAY_KEY_HEADER, gatewayKeyFor, identityConfigFromEnv, type Caller } from '@hoi/common/identity';
import { enforceTrustedDocuments, sha256, trustedDocumentCache, trustedDocumentsPlugin, type TrustedDocuments } from '@hoi/common/trusted-documents';
import type { RoleRateLimits } from '@hoi/common/rate-limit';
import { armorProtection, SUBGRAPH_TIMEOUT_MS } from '@hoi/common/limits';
import { clientIdempotencyKey, forwardIdempotencyKey, gatewayIdempotencyPlugin, type ClientIdempotencyKey } from './idempotency.ts';
import { SubgraphOutages } from './outage.ts';
import { publishedSupergraph, publishedTrustedDocuments, type PublishedLocation, type PublishedState } from './published.ts';
import { subgraphError } from './subgraph-errors.ts';
import { mountSpreadsheetForwarding } from './spreadsheets.ts';
import { maskError, operationResolutionPlugin, protections, requestLogPlugin, type RunningService } from '@hoi/common/server';
import { giveScalarRules } from '@hoi/common/scalars';

export interface GatewayOptions {
  /** The supergraph: its SDL, served as is; or where it is published (HOI_SUPERGRAPH), polled and swapped live. */
  supergraphSdl: string | PublishedLocation;
  /** Where each subgraph runs here, by its name in the supergraph; overrides the composed URLs. */
  subgraphUrls: Record<string, string>;
  port: number;
  host?: string;
  logger: Logger;
  subgraphTimeoutMs?: number;
  /** Signs the calls to subgraphs (HOI_GATEWAY_SECRET); without it they refuse `_entities`. */
  gatewaySecret?: string;
  /** The trusted documents (hash → document, schema/trusted-documents.json): sent by hash always; or where they are published (HOI_TRUSTED_DOCUMENTS), polled. */
  trustedDocuments?: TrustedDocuments | PublishedLocation;
  /** Only trusted documents for anonymous callers and partners: production, or HOI_ENFORCE_SAFELIST=1. */
  enforceSafelist?: boolean;
  /** Requests per minute for an anonymous caller, and for a role with no limit of its own. */
  rateLimitPerMinute?: number;
  /** Requests per minute by role (HOI_RATE_LIMITS by default). */
  roleRateLimits?: RoleRateLimits;
  /** Origins allowed to call from a browser; HOI_CORS_ORIGINS by default. */
  corsOrigins?: string[];
}

interface GatewayContext {
  requestId: string;
  logger: Logger;
  caller: Caller;
  /** The caller's token, passed on to every subgraph, which verifies it and applies its own rules. */
  authorization: string | undefined;
  /** The client's Idempotency-Key, forwarded on mutation fetches (./idempotency.ts). */
  idempotency: ClientIdempotencyKey | null;
  /** The document is the server's own (a supergraph export's operation), not the caller's: no safelist check. */
  serverDocument?: boolean;
}

/**
 * Forwards the request id (one id finds the log lines of every service a query touched) and the
 * caller's token, and signs the call with this subgraph's own key.
 */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  gatewayKey: string | null = null;
  serviceName = '';

  override errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]) {
    return subgraphError(this.serviceName, response);
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const { request, context } = options;
    forwardIdempotencyKey(options, context?.idempotency, this.serviceName);
    if (context?.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context?.authorization) request.http?.headers.set('authorization', context.authorization);
    if (this.gatewayKey) request.http?.headers.set(GATEWAY_KEY_HEADER, this.gatewayKey);
  }
}

export async function startGateway(options: GatewayOptions): Promise<RunningService> {
  const { logger } = options;
  const outages = new SubgraphOutages(logger, { fetchTimeoutMs: options.subgraphTimeoutMs ?? SUBGRAPH_TIMEOUT_MS });
  const gatewayKey = (name: string) => (options.gatewaySecret ? gatewayKeyFor(options.gatewaySecret, name) : null);
  const supergraph =
    typeof options.supergraphSdl === 'string'
      ? { hook: options.supergraphSdl, state: fixedState(options.supergraphSdl) }
      : publishedSupergraph(options.supergraphSdl, logger, { subgraphUrls: options.subgraphUrls, gatewayKey });
  const trusted = isLocation(options.trustedDocuments) ? await publishedTrustedDocuments(options.trustedDocuments, logger) : null;
  const trustedDocuments = trusted?.documents ?? ((options.trustedDocuments as TrustedDocuments | undefined) ?? {});
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.hook,
    buildService: ({ name, url }) => {
      const subgraphUrl = options.subgraphUrls[name] ?? url;
      // One slow subgraph must not hold every request: each fetch gives up after a while, and a
      // subgraph that is down or frozen leaves its fields null with an error, not the whole answer.
      const source = new SubgraphDataSource({ url: subgraphUrl, fetcher: outages.fetcher(name, subgraphUrl) });
      source.gatewayKey = gatewayKey(name);
      source.serviceName = name;
      return source;
    },
    logger,
  });
  let servedSchema: GraphQLSchema | null = null;
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    giveScalarRules(apiSchema);
    servedSchema = apiSchema;
  });
  const app = serviceApp({ corsOrigins: options.corsOrigins });
  const httpServer = listen(app, options.port, options.host ?? '127.0.0.1');
  await new Promise<void>((resolve, reject) => httpServer.once('listening', resolve).once('error', reject));

  const verifyCaller = createCallerVerifier(identityConfigFromEnv());
  const armor = armorProtection();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: maskError,
    includeStacktraceInErrorResponses: false,
    ...protections(),
    // A hash alone is looked up in the trusted documents; nothing is ever registered.
    persistedQueries: { cache: trustedDocumentCache(trustedDocuments), ttl: null },
    validationRules: armor.validationRules,
    plugins: [
      ...(armor.plugins as unknown as ApolloServerPlugin<GatewayContext>[]),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No type carries cache hints; the plugin would still wrap every field resolver to look for them.
      ApolloServerPluginCacheControlDisabled(),
      requestLogPlugin(),
      operationResolutionPlugin(),
      accessPlugin<GatewayContext>({ subgraph: null }),
      gatewayIdempotencyPlugin<GatewayContext>(),
      costLimitPlugin() as ApolloServerPlugin<GatewayContext>,
      trustedDocumentsPlugin<GatewayContext>(trustedDocuments, options.enforceSafelist ?? enforceTrustedDocuments()),
    ],
  });
  await apollo.start();
  // Which supergraph and trusted documents are served (their SHA-256), and the last refused.
  const published = () => ({ supergraph: supergraph.state(), trustedDocuments: trusted?.input.state });

  // GraphiQL with its assets inlined: the explorer works with no network but this machine's.
  // Production serves none, as it answers no introspection; the image does not even hold it (a dev
  // dependency), so it is loaded only outside production.
  const explorer =
    process.env.NODE_ENV === 'production' ? null : (await import('@graphql-yoga/render-graphiql')).renderGraphiQL({ endpoint: '/graphql', title: 'hoi-graph explorer' });
  app.get(['/', '/graphql'], (req, res, next) => {
    if (explorer === null) return next();
    if (req.path === '/graphql' && !req.accepts('html')) return next();
    if (req.path === '/graphql' && req.query.query) return next();
    res.type('html').send(explorer);
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway', ...published() });
  });
  // Readiness, beside liveness: whether every subgraph answers its own health check.
  app.get('/ready', outages.readyHandler(published));
  const context = async (req: Request, requestId: string): Promise<GatewayContext> => {
    const caller = await callerOf(req, verifyCaller);
    const idempotency = clientIdempotencyKey(req.headers, req.body);
    return { requestId, logger: logger.child({ requestId, role: caller.role }), caller, authorization: req.headers.authorization, idempotency };
  };
  mountGraphQL(app, {
    apollo,
    verifyCaller,
    rateLimit: { limitPerMinute: options.rateLimitPerMinute, roleLimits: options.roleRateLimits },
    context,
  });

  mountSpreadsheetForwarding(app, {
    // The subgraphs' own hosts: as configured, else as the supergraph (given as text) names them.
    subgraphUrls: { ...(typeof options.supergraphSdl === 'string' ? joinGraphUrls(options.supergraphSdl) : {}), ...options.subgraphUrls },
    gatewayKey,
    verifyCaller,
    rateLimit: { limitPerMinute: options.rateLimitPerMinute, roleLimits: options.roleRateLimits },
    logger,
    apiSchema: () => servedSchema,
    execute: async (req, requestId, query, variables) => {
      const contextValue = { ...(await context(req, requestId)), idempotency: null, serverDocument: true };
      const response = await apollo.executeOperation({ query, variables }, { contextValue });
      return response.body.kind === 'single' ? response.body.singleResult : { errors: [{ message: 'an export answers at once', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
    },
  });

  const port = (httpServer.address() as AddressInfo).port;
  return {
    name: 'gateway',
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      trusted?.input.stop();
      await apollo.stop();
    },
  };
}

/** Each subgraph's URL as a supergraph's `@join__graph` names it. */
export function joinGraphUrls(sdl: string): Record<string, string> {
  return Object.fromEntries([...sdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)].map((match) => [match[1], match[2]]));
}

const isLocation = (value: unknown): value is PublishedLocation => typeof (value as PublishedLocation | undefined)?.location === 'string';

/** A supergraph given as text: served as it is, never polled. */
function fixedState(sdl: string): () => PublishedState {
  const state = { sha256: sha256(sdl), loadedAt: new Date().toISOString() };
  return () => state;
}
