import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import cors from 'cors';
import express, { type ErrorRequestHandler, type Express, type Request, type RequestHandler, type Response } from 'express';
import { REQUEST_ID_HEADER } from './context.ts';
import { bearerChallenge, refusalStatus, requestIdFor, sendError } from './http-status.ts';
import type { Caller, CallerVerifier } from './identity.ts';
import { callerRateLimit, type RateLimitOptions } from './rate-limit.ts';
import { BodyError, isPlainJsonBody, JSON_BODY_LIMIT, readJsonBody } from './json-body.ts';

/**
 * The HTTP side shared by the gateway and every subgraph: the request id on every answer, the
 * trusted proxies, the rate limit, the JSON body, Apollo, and the statuses of GraphQL over HTTP.
 */

export function requestIdOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  // Accept the caller's id only when it looks like an id, so logs cannot be forged with junk.
  return value && /^[A-Za-z0-9._:-]{1,100}$/.test(value) ? value : randomUUID();
}

/**
 * `HOI_TRUSTED_PROXIES` for express's `trust proxy`: empty (the default) trusts no proxy and
 * `req.ip` is the peer's address; a hop count (`1`) or a list of addresses, subnets or express's
 * names (`loopback, 10.0.0.0/8`) takes the client's address from X-Forwarded-For only through
 * those hops. `true` would let any caller pick its own address, and is refused.
 */
export function trustedProxies(value = process.env.HOI_TRUSTED_PROXIES ?? ''): false | number | string[] {
  const setting = value.trim();
  if (!setting || setting === 'false') return false;
  if (/^\d+$/.test(setting)) return Number(setting);
  if (setting === 'true') throw new Error('HOI_TRUSTED_PROXIES=true would trust any X-Forwarded-For: give the hop count or the proxies\' addresses');
  return setting.split(',').map((entry) => entry.trim()).filter(Boolean);
}

/**
 * `HOI_CORS_ORIGINS`: the origins whose pages may call this service from a browser, exact and
 * comma-separated (`https://app.example.org, http://localhost:5173`); empty (the default), none.
 * A pattern or `*` is refused: an allowlist that matches more than it names is no allowlist.
 */
export function corsOrigins(value = process.env.HOI_CORS_ORIGINS ?? ''): string[] {
  return value.split(',').map((entry) => entry.trim()).filter(Boolean).map((entry) => {
    let origin: string | undefined;
    try {
      origin = new URL(entry).origin;
    } catch {
      // reported below
    }
    if (origin !== entry) throw new Error(`HOI_CORS_ORIGINS: "${entry}" is not an origin (scheme://host[:port], no path, no trailing slash)`);
    return entry;
  });
}

/** What a browser client sends: its JSON, its token, its request id, Apollo's CSRF header, an idempotency key. */
const CORS_REQUEST_HEADERS = ['content-type', 'authorization', REQUEST_ID_HEADER, 'apollo-require-preflight', 'idempotency-key'];

/**
 * The common request, `POST /graphql` with a plain JSON body (`isPlainJsonBody`), is answered by
 * node:http's listener itself, past express's router and body parser: the same request id, CORS
 * headers, rate limit, body rules and GraphQL handler, in the same order, on express's own request
 * and response objects. Everything else (GET, preflights, other bodies, health, spreadsheets) goes
 * to the express app. Express's routing and body parsing were a tenth of a subgraph's CPU for a
 * lookup by id.
 */
interface DirectRoute {
  cors: RequestHandler;
  /** The rate limit and the GraphQL handler, once mountGraphQL has mounted them. */
  graphql?: { limit: RequestHandler; handler: RequestHandler };
}

const directRoutes = new WeakMap<Express, DirectRoute>();

const isGraphQLPost = (req: IncomingMessage) => req.method === 'POST' && (req.url === '/graphql' || req.url!.startsWith('/graphql?')) && isPlainJsonBody(req.headers);

/**
 * Listens with an idle keep-alive longer than a load balancer's (AWS ALB, nginx, Envoy: 60 s), so
 * the balancer, not this server, closes an idle connection: closed here first, a request the
 * balancer had just sent on it would fail ("other side closed"). Node's own default is 5 s.
 */
export function listen(app: Express, port: number, host: string): Server {
  const server = createServer((req, res) => {
    const route = directRoutes.get(app);
    if (route?.graphql && isGraphQLPost(req)) answerDirectly(app, route as Required<DirectRoute>, req, res);
    else app(req, res);
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(port, host);
  return server;
}

/** What express's `app.handle` does before routing, then the route's steps, each on its `next`. */
function answerDirectly(app: Express, route: Required<DirectRoute>, req: IncomingMessage, res: ServerResponse): void {
  const request = Object.setPrototypeOf(req, app.request) as Request;
  const response = Object.setPrototypeOf(res, app.response) as Response;
  request.res = response;
  response.req = request;
  response.locals = Object.create(null) as Response['locals'];
  // A step's failure (none is expected but a body that cannot be read) is answered in JSON.
  const failed = (error: unknown) => {
    if (error instanceof BodyError) sendBodyError(response, error);
    else if (response.headersSent) response.destroy();
    else sendError(response, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  };
  const run = (step: () => unknown) => {
    try {
      Promise.resolve(step()).catch(failed);
    } catch (error) {
      failed(error);
    }
  };
  // A step that answers (a 429, a preflight) calls no `next`, and the steps after it never run.
  const then = (step: () => unknown) => (error?: unknown) => (error ? failed(error) : run(step));
  tagRequest(request, response, then(() =>
    corsHeaders(route.cors, request, response, then(() =>
      route.graphql.limit(request, response, then(async () => {
        request.body = await readJsonBody(request);
        await route.graphql.handler(request, response, failed);
      }))))));
}

/** What a browser may read of an answer besides its body. */
const EXPOSED_HEADERS = [REQUEST_ID_HEADER, 'retry-after'];

/**
 * A request without an Origin (a server's, not a page's) gets what the cors middleware gives it,
 * written directly: `Vary: Origin` and the exposed headers, no Access-Control-Allow-Origin.
 */
function corsHeaders(cors: RequestHandler, req: Request, res: Response, next: () => void): unknown {
  if (req.headers.origin !== undefined) return cors(req, res, next);
  res.vary('Origin');
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS.join(','));
  return next();
}

/** An express app with the settings every service shares. */
export function serviceApp(options: { corsOrigins?: string[] } = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  // A GraphQL answer to a POST is never revalidated: hashing each body for an ETag was wasted.
  app.set('etag', false);
  app.set('trust proxy', trustedProxies());
  app.use(tagRequest);
  // Preflights are answered here, before the rate limit and Apollo; an origin not listed gets no
  // Access-Control-Allow-Origin, so the browser keeps the answer from its page.
  const corsHandler: RequestHandler = cors({
    origin: options.corsOrigins ?? corsOrigins(),
    methods: ['GET', 'POST'],
    allowedHeaders: CORS_REQUEST_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
  app.use(corsHandler);
  directRoutes.set(app, { cors: corsHandler });
  return app;
}

/** Every answer carries the request's id: the caller's when it looks like one, else a new one. */
const tagRequest: RequestHandler = (req, res, next) => {
  const requestId = requestIdOf(req.headers[REQUEST_ID_HEADER]);
  res.locals.requestId = requestId;
  res.setHeader(REQUEST_ID_HEADER, requestId);
  next();
};

/** The caller is verified once per request: the rate limit keys on it, the context carries it. */
export function callerOf(req: Request, verify: CallerVerifier): Promise<Caller> {
  const memo = req as Request & { caller?: Promise<Caller> };
  return (memo.caller ??= verify(req.headers.authorization));
}

export interface GraphQLRouteOptions<Context extends BaseContext> {
  apollo: ApolloServer<Context>;
  verifyCaller: CallerVerifier;
  rateLimit: Omit<RateLimitOptions, 'callerOf'>;
  context(req: Request, requestId: string): Promise<Context>;
}

/**
 * Mounts `/graphql`: rate limit, JSON body, Apollo, and a JSON answer for a body it could not read;
 * the same steps answer a plain JSON POST directly (`listen`).
 */
export function mountGraphQL<Context extends BaseContext>(app: Express, options: GraphQLRouteOptions<Context>): void {
  const limiter = callerRateLimit({ ...options.rateLimit, callerOf: (req) => callerOf(req, options.verifyCaller) });
  // A request the limit skips (the gateway's, on a subgraph) goes on before express-rate-limit
  // looks at it: it works out the client's address even for those.
  const { skip } = options.rateLimit;
  const limit: RequestHandler = skip ? (req, res, next) => (skip(req) ? next() : limiter(req, res, next)) : limiter;
  const handler = graphqlHandler(options.apollo, (req, res) => options.context(req, requestIdFor(res)));
  app.use('/graphql', limit, express.json({ limit: JSON_BODY_LIMIT }), handler, bodyErrors);
  const route = directRoutes.get(app);
  if (route) route.graphql = { limit, handler };
}

/** body-parser's errors (bad JSON, too large, unknown charset) answered in JSON, not HTML. */
const bodyErrors: ErrorRequestHandler = (error: { status?: number; type?: string }, _req, res, next) => {
  if (res.headersSent || typeof error.status !== 'number' || error.status >= 500) return next(error);
  sendBodyError(res, { status: error.status, type: error.type });
};

function sendBodyError(res: Response, error: { status: number; type?: string }): void {
  const message = error.type === 'entity.too.large' ? 'the request body is too large' : error.type === 'entity.parse.failed' ? 'the request body is not valid JSON' : 'the request body cannot be read';
  sendError(res, error.status, 'BAD_REQUEST', message);
}

/** The query string of a request target (`?…`, or empty), without parsing a whole URL for it. */
export function searchOf(target: string): string {
  const start = target.indexOf('?');
  return start === -1 ? '' : target.slice(start);
}

/**
 * Apollo's own express integration, plus what it leaves out: every error carries the request id,
 * and a refusal before execution gets the status of its code (401 with a bearer challenge, 403,
 * 400 or 200 by media type) instead of Apollo's 500 for an error thrown in a plugin hook.
 */
function graphqlHandler<Context extends BaseContext>(apollo: ApolloServer<Context>, context: (req: Request, res: Response) => Promise<Context>): RequestHandler {
  return async (req, res) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method.toUpperCase(), headers, search: searchOf(req.url), body: req.body },
      context: () => context(req, res),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'chunked') {
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
      return;
    }
    // Apollo writes `errors` first; an answer without errors is sent as it is, its content type
    // already set from Apollo's headers (express's res.send would look at the body again).
    if (!response.body.string.startsWith('{"errors"')) {
      res.end(response.body.string);
      return;
    }
    const body = JSON.parse(response.body.string) as { errors: { extensions?: Record<string, unknown> }[]; data?: unknown };
    const requestId = requestIdFor(res);
    body.errors = body.errors.map((error) => ({ ...error, extensions: { ...error.extensions, requestId } }));
    if (body.data === undefined) {
      const anonymous = !req.headers.authorization;
      const graphqlResponse = String(response.headers.get('content-type')).startsWith('application/graphql-response+json');
      res.statusCode = refusalStatus(body.errors[0].extensions?.code, { anonymous, graphqlResponse }) ?? res.statusCode;
      if (res.statusCode === 401) res.setHeader('www-authenticate', bearerChallenge(anonymous));
    }
    res.send(JSON.stringify(body));
  };
}
