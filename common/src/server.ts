import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Request } from 'express';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { MikroORM } from '@mikro-orm/postgresql';
import { accessPlugin, protectSchema } from './access.ts';
import { idempotencyPlugin } from './idempotency.ts';
import { auditMutations } from './audit.ts';
import type { RequestContext } from './context.ts';
import { GATEWAY_KEY_HEADER, isGatewayKey, type CallerVerifier } from './identity.ts';
import { coercionField, ErrorCode, firstValidationFailure } from './errors.ts';
import { callerOf, listen, mountGraphQL, serviceApp } from './http.ts';
import { armorProtection, limitRefusal, MAX_TOKENS, withoutSuggestions } from './limits.ts';
import { costLimitPlugin } from './cost.ts';
import { directCallersPlugin, enforceTrustedDocuments } from './trusted-documents.ts';
import type { StatementCounter } from './statements.ts';
import { mountSpreadsheets, type SpreadsheetPlug } from './spreadsheet/routes.ts';
import { requestManager } from './orm.ts';

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
  // The gateway's error on a field whose subgraph did not answer (gateway/src/outage.ts).
  'SUBGRAPH_UNAVAILABLE',
]);

export const isExpectedCode = (code: unknown): code is string => typeof code === 'string' && EXPECTED_CODES.has(code);

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

/** One log line per operation, each unexpected error logged with its request id. */
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
              // The logger's error serializer keeps a database error's values (a person's row) out.
              contextValue.logger.error({ err: original, requestId: contextValue.requestId }, 'unexpected error');
            }
          }
        },
        async willSendResponse({ contextValue, response, operationName }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          contextValue.logger.info(
            { operationName, durationMs: Math.round(performance.now() - started), errors: errors?.length ?? 0 },
            'graphql operation',
          );
        },
      };
    },
  };
}

/**
 * A document without the operation the request names is a request error (graphql-js says so when
 * it executes); the gateway's executor reported it as an unexpected error, a 500.
 */
export function operationResolutionPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          const message = request.operationName ? `the document has no operation named ${JSON.stringify(request.operationName)}` : 'the document has several operations: name the one to run';
          throw new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } });
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
    // graphql-js stops the lexer at the limit, inside Apollo's parse step: a parse error (400), where
    // graphql-armor's plugin threw from a hook outside it (500).
    parseOptions: { maxTokens: MAX_TOKENS },
  } as const;
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
  /** Requests a minute for one direct caller (HOI_RATE_LIMIT_PER_MINUTE by default). */
  rateLimitPerMinute?: number;
  /**
   * false leaves out the check of the document before execution, leaving only the field-level
   * rules: for the test that proves those hold alone, never in a running system.
   */
  checkBeforeExecution?: boolean;
  /** The kinds of records this subgraph takes in sheets, and the summaries it prints (common/src/spreadsheet). */
  spreadsheets?: SpreadsheetPlug<RequestContext<Loaders>>;
}

export async function startSubgraph<Loaders>(options: SubgraphOptions<Loaders>): Promise<RunningService> {
  const { name, orm, logger } = options;
  const app = serviceApp();
  const httpServer = listen(app, options.port, options.host ?? '127.0.0.1');
  await new Promise<void>((resolve, reject) => httpServer.once('listening', resolve).once('error', reject));

  const armor = armorProtection();
  const apollo = new ApolloServer<RequestContext<Loaders>>({
    // The access rules where the data is resolved, as well as before execution (accessPlugin).
    schema: auditMutations(protectSchema(options.schema)),
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
      // A subgraph with mutations keeps their Idempotency-Keys in its own schema (a migration of its own).
      ...(options.schema.getMutationType() ? [idempotencyPlugin<RequestContext<Loaders>>({ table: `${orm.config.get('schema')}.idempotency_key` })] : []),
      requestLogPlugin(),
      ...(options.checkBeforeExecution === false
        ? []
        : [accessPlugin<RequestContext<Loaders>>({ subgraph: name, signedByGateway: (context) => (context as RequestContext<Loaders>).signedByGateway })]),
      costLimitPlugin() as ApolloServerPlugin<RequestContext<Loaders>>,
      directCallersPlugin<RequestContext<Loaders>>(enforceTrustedDocuments()),
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

  const signedByGateway = (req: Request) => isGatewayKey(req.headers[GATEWAY_KEY_HEADER], options.gatewayKey);
  const context = async (req: Request, requestId: string): Promise<RequestContext<Loaders>> => {
    const caller = await callerOf(req, options.verifyCaller);
    const em = requestManager(orm, requestId);
    return { requestId, caller, signedByGateway: signedByGateway(req), em, loaders: options.createLoaders(em), logger: logger.child({ requestId, role: caller.role }) };
  };
  mountGraphQL(app, {
    apollo,
    verifyCaller: options.verifyCaller,
    // The gateway's calls are counted there, per caller: counted here too, every caller behind the
    // gateway would share its one bucket (and a query's several fetches would count several times).
    rateLimit: { limitPerMinute: options.rateLimitPerMinute, skip: signedByGateway },
    context,
  });
  if (options.spreadsheets) {
    mountSpreadsheets(app, {
      subgraph: name,
      plug: options.spreadsheets,
      apollo,
      schema: options.schema,
      dbSchema: String(orm.config.get('schema')),
      verifyCaller: options.verifyCaller,
      signedByGateway,
      rateLimitPerMinute: options.rateLimitPerMinute,
      context,
    });
  }

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
