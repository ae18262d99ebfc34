import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { MikroORM } from '@mikro-orm/postgresql';
import { accessPlugin } from './access.ts';
import { REQUEST_ID_HEADER, type RequestContext } from './context.ts';
import { GATEWAY_KEY_HEADER, isGatewayKey, type CallerVerifier } from './identity.ts';
import { coercionField, ErrorCode, firstValidationFailure } from './errors.ts';
import { armorProtection, limitRefusal, withoutSuggestions } from './limits.ts';
import type { StatementCounter } from './statements.ts';

export interface RunningService {
  name: string;
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Error codes raised by GraphQL itself or by our resolvers on purpose: they reach the client. */
const EXPECTED_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
  'QUERY_TOO_DEEP',
  'QUERY_TOO_COSTLY',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'TOO_MANY_TOKENS',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'UNAUTHENTICATED',
  'OPERATION_NOT_SAFELISTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Expected failures keep their message, code and field; anything else is masked. */
export function maskError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const refusal = limitRefusal(formatted);
  if (refusal) return refusal;
  const original = unwrapResolverError(error);
  const code = formatted.extensions?.code;
  // class-validator failures (type-graphql's ArgumentValidationError) become one message and the field at fault.
  const failures = formatted.extensions?.validationErrors;
  if (code === ErrorCode.BAD_USER_INPUT && Array.isArray(failures)) {
    const failure = firstValidationFailure(failures);
    return {
      message: failure?.message ?? 'invalid input',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code, ...(failure ? { field: failure.field } : {}) },
    };
  }
  if (typeof code === 'string' && EXPECTED_CODES.has(code) && (original instanceof GraphQLError || code !== 'INTERNAL_SERVER_ERROR')) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    const field = code === ErrorCode.BAD_USER_INPUT && !extensions.field ? coercionField(formatted.message) : null;
    return { ...formatted, message: withoutSuggestions(formatted.message), extensions: field ? { ...extensions, field } : extensions };
  }
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/**
 * One log line per operation, each unexpected error logged with its request id, and the id put on
 * every error sent back so that a user's report finds the log lines.
 */
export function requestLogPlugin(): ApolloServerPlugin<{ requestId: string; logger: Logger }> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            const code = error.extensions?.code ?? (original instanceof GraphQLError ? original.extensions?.code : undefined);
            if (!EXPECTED_CODES.has(String(code))) {
              const err = original instanceof Error ? { type: original.name, message: original.message, stack: original.stack } : original;
              contextValue.logger.error({ err, requestId: contextValue.requestId }, 'unexpected error');
            }
          }
        },
        async willSendResponse({ contextValue, response, operationName }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          contextValue.logger.info(
            { operationName, durationMs: Math.round(performance.now() - started), errors: errors?.length ?? 0 },
            'graphql operation',
          );
          if (response.body.kind !== 'single' || !errors) return;
          response.body.singleResult.errors = errors.map((error) => ({
            ...error,
            extensions: { ...error.extensions, requestId: contextValue.requestId },
          }));
        },
      };
    },
  };
}

/** Apollo's own protections, the same on the gateway and every subgraph. */
export function protections() {
  const production = process.env.NODE_ENV === 'production';
  return {
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // The process stops its services itself, in order (gateway, subgraphs, database): five servers
    // in one process each stopping on the signal, and re-raising it, would race that.
    stopOnTerminationSignals: false,
    introspection: !production,
    // Caps the work of validating a query that repeats selections exponentially.
    maxRecursiveSelections: true,
  } as const;
}

export function requestIdOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  // Accept the caller's id only when it looks like an id, so logs cannot be forged with junk.
  return value && /^[A-Za-z0-9._:-]{1,100}$/.test(value) ? value : randomUUID();
}

export interface SubgraphOptions<Loaders> {
  name: string;
  schema: GraphQLSchema;
  orm: MikroORM;
  logger: Logger;
  createLoaders: (em: MikroORM['em']) => Loaders;
  counter: StatementCounter;
  port: number;
  host?: string;
  verifyCaller: CallerVerifier;
  /** This subgraph's key from the gateway; null refuses `_entities` and `_service` to everyone. */
  gatewayKey: string | null;
}

export async function startSubgraph<Loaders>(options: SubgraphOptions<Loaders>): Promise<RunningService> {
  const { name, orm, logger } = options;
  const app: Express = express();
  app.disable('x-powered-by');
  const httpServer = app.listen(options.port, options.host ?? '127.0.0.1');
  await new Promise<void>((resolve, reject) => httpServer.once('listening', resolve).once('error', reject));

  const armor = armorProtection();
  const apollo = new ApolloServer<RequestContext<Loaders>>({
    schema: options.schema,
    formatError: maskError,
    includeStacktraceInErrorResponses: false,
    ...protections(),
    validationRules: armor.validationRules,
    plugins: [
      // graphql-armor types its plugins against Apollo's CommonJS build; they are plain objects.
      ...(armor.plugins as unknown as ApolloServerPlugin<RequestContext<Loaders>>[]),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      // No type carries cache hints; the plugin would still wrap every field resolver to look for them.
      ApolloServerPluginCacheControlDisabled(),
      requestLogPlugin(),
      accessPlugin<RequestContext<Loaders>>({ subgraph: name, signedByGateway: (context) => (context as RequestContext<Loaders>).signedByGateway }),
      { requestDidStart: async ({ contextValue }) => options.counter.recordOperation(contextValue.requestId) },
    ],
  });
  await apollo.start();

  app.get('/health', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      res.json({ status: 'ok', service: name });
    } catch (error) {
      logger.error({ err: error }, 'health check failed');
      res.status(503).json({ status: 'unavailable', service: name });
    }
  });

  if (process.env.HOI_STATEMENT_STATS === '1') {
    // Test and benchmark aid: how many SQL statements a request id cost this subgraph.
    app.get('/debug/statements/:requestId', (req, res) => {
      const { requestId } = req.params;
      res.json({ requestId, statements: options.counter.count(requestId), operations: options.counter.operations(requestId) });
    });
  }

  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = requestIdOf(req.headers[REQUEST_ID_HEADER]);
        const caller = await options.verifyCaller(req.headers.authorization);
        const signedByGateway = isGatewayKey(req.headers[GATEWAY_KEY_HEADER], options.gatewayKey);
        const em = orm.em.fork({ loggerContext: { requestId } });
        return { requestId, caller, signedByGateway, em, loaders: options.createLoaders(em), logger: logger.child({ requestId, role: caller.role }) };
      },
    }),
  );

  const port = (httpServer.address() as AddressInfo).port;
  return {
    name,
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      await apollo.stop();
      await orm.close();
    },
  };
}
