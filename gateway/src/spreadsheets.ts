import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Express, Request, Response } from 'express';
import type { Logger } from 'pino';
import { callerRefusal } from '@hoi/common/access';
import { REQUEST_ID_HEADER } from '@hoi/common/context';
import { bearerChallenge, requestIdFor, sendError } from '@hoi/common/http-status';
import { callerOf } from '@hoi/common/http';
import { GATEWAY_KEY_HEADER, type CallerVerifier } from '@hoi/common/identity';
import { callerRateLimit, type RateLimitOptions } from '@hoi/common/rate-limit';
import { parseJobId } from '@hoi/common/spreadsheet/job-id';
import { queryVariables, sendSpreadsheetError, withDerivedVariables, type DerivedVariable } from '@hoi/common/spreadsheet/routes';
import { parse, type DocumentNode, type FormattedExecutionResult, type GraphQLSchema } from 'graphql';

export interface SpreadsheetForwardingOptions {
  /** Each subgraph's GraphQL URL; its spreadsheet routes are on the same host. */
  subgraphUrls: Record<string, string>;
  gatewayKey(name: string): string | null;
  verifyCaller: CallerVerifier;
  rateLimit: Omit<RateLimitOptions, 'callerOf'>;
  logger: Logger;
  /** The supergraph's API schema now served (null before it is loaded): a supergraph export's variables are typed by it. */
  apiSchema(): GraphQLSchema | null;
  /** Runs an operation as `/graphql` runs the caller's own: the caller's token, the same access rules, the request id. */
  execute(req: Request, requestId: string, query: string, variables: Record<string, unknown>): Promise<FormattedExecutionResult>;
}

/** An export a subgraph lists as run over the supergraph: its operation runs here, its layout there. */
interface SupergraphExport {
  owner: string;
  query: string;
  document: DocumentNode;
  derivedVariables?: Record<string, DerivedVariable>;
}

/** Headers a subgraph's answer keeps on its way back. */
const ANSWER_HEADERS = ['content-type', 'content-disposition', 'content-length', 'www-authenticate', 'retry-after', 'location', 'preference-applied', 'x-import-state'];
/** How long a list of which subgraph owns which kind is trusted before a miss asks again. */
const REFRESH_MS = 10_000;

/**
 * `/templates/…`, `/imports/…` and `/exports/…` on the gateway's host: each is streamed as it is to
 * the subgraph that owns the kind or export, with the caller's token, the request id and the
 * gateway's key; the subgraph applies its own rules. Which subgraph owns what, each says at
 * `/spreadsheets`, so the gateway holds no list of its own.
 */
export function mountSpreadsheetForwarding(app: Express, options: SpreadsheetForwardingOptions): void {
  let owners = new Map<string, string>();
  let supergraphExports = new Map<string, SupergraphExport>();
  let loadedAt = 0;
  let loading: Promise<void> | null = null;
  const base = (name: string) => options.subgraphUrls[name].replace(/\/graphql$/, '');
  const load = () => {
    const supergraph = new Map<string, SupergraphExport>();
    return (loading ??= Promise.all(
      Object.keys(options.subgraphUrls).map(async (name) => {
        try {
          const response = await fetch(`${base(name)}/spreadsheets`, { signal: AbortSignal.timeout(5000) });
          if (!response.ok) return [];
          const index = (await response.json()) as { kinds: string[]; exports: string[]; supergraph?: { name: string; query: string; derivedVariables?: Record<string, DerivedVariable> }[] };
          for (const summary of index.supergraph ?? []) {
            supergraph.set(summary.name, { owner: name, query: summary.query, document: parse(summary.query), derivedVariables: summary.derivedVariables });
          }
          return [...index.kinds.map((kind) => [`kind:${kind}`, name]), ...index.exports.map((summary) => [`export:${summary}`, name])] as [string, string][];
        } catch (error) {
          options.logger.warn({ err: error, subgraph: name }, 'spreadsheet index unavailable');
          return [];
        }
      }),
    ).then((lists) => {
      owners = new Map(lists.flat());
      supergraphExports = supergraph;
      loadedAt = Date.now();
    }).finally(() => (loading = null)));
  };
  const ownerOf = async (key: string) => {
    if (!owners.has(key) && Date.now() - loadedAt > REFRESH_MS) await load();
    return owners.get(key);
  };

  /** The caller as `/graphql` refuses it (a bad token 401, a partner 403), or null when it may go on. */
  const refused = async (req: Request, res: Response): Promise<boolean> => {
    try {
      const caller = await callerOf(req, options.verifyCaller);
      const refusal = callerRefusal(caller, { subgraph: null });
      if (refusal) return (sendError(res, 403, 'FORBIDDEN', refusal.message), true);
      return false;
    } catch {
      res.setHeader('www-authenticate', bearerChallenge(false));
      return (sendError(res, 401, 'UNAUTHENTICATED', 'the token is not valid'), true);
    }
  };

  /** One request to a subgraph's spreadsheet routes, its answer streamed back as it comes. */
  const send = (req: Request, res: Response, owner: string, headers: Record<string, string>, body: Request | string | null) => {
    const target = new URL(req.originalUrl, base(owner));
    headers[REQUEST_ID_HEADER] = requestIdFor(res);
    const gatewayKey = options.gatewayKey(owner);
    if (gatewayKey) headers[GATEWAY_KEY_HEADER] = gatewayKey;
    const method = body === null ? req.method : 'POST';
    const upstream = (target.protocol === 'https:' ? httpsRequest : httpRequest)(target, { method, headers }, (answer) => {
      res.status(answer.statusCode ?? 502);
      for (const header of ANSWER_HEADERS) {
        const value = (answer.headers as IncomingHttpHeaders)[header];
        if (value !== undefined) res.setHeader(header, value);
      }
      answer.pipe(res);
    });
    upstream.on('error', (error) => {
      options.logger.warn({ err: error, subgraph: owner }, 'spreadsheet forwarding failed');
      if (!res.headersSent) sendError(res, 503, 'SUBGRAPH_UNAVAILABLE', `the ${owner} subgraph did not answer`);
      else res.destroy();
    });
    req.on('aborted', () => upstream.destroy());
    if (typeof body === 'string') upstream.end(body);
    else if (body) body.pipe(upstream);
    else upstream.end();
  };

  const forward = (key: (req: Request) => string | null) => async (req: Request, res: Response) => {
    if (await refused(req, res)) return;
    const name = key(req);
    const owner = name ? await ownerOf(name) : undefined;
    if (!owner) return sendError(res, 404, 'NOT_FOUND', `no subgraph serves ${req.path}`);
    const headers: Record<string, string> = {};
    for (const header of ['authorization', 'content-type', 'content-length', 'accept', 'prefer'] as const) {
      const value = req.headers[header];
      if (typeof value === 'string') headers[header] = value;
    }
    send(req, res, owner, headers, req.method === 'POST' ? req : null);
  };

  /**
   * An export a subgraph lists as run over the supergraph (a cluster's figures, which no subgraph
   * reads alone): its operation runs here, through the gateway's own execution, for this caller
   * (its token, the same access rules, the request id); the answer is posted to the owning
   * subgraph, which lays it out with the export's own table, and its file streamed back.
   */
  const runSupergraphExport = async (req: Request, res: Response, summary: SupergraphExport) => {
    if (await refused(req, res)) return;
    const schema = options.apiSchema();
    if (!schema) return sendError(res, 503, 'SUBGRAPH_UNAVAILABLE', 'the supergraph is not loaded yet');
    const variables = withDerivedVariables(queryVariables(schema, summary.document, req.query as Record<string, string | string[]>), summary.derivedVariables);
    const result = await options.execute(req, requestIdFor(res), summary.query, variables);
    const error = result.errors?.[0];
    if (error || !result.data) {
      return sendSpreadsheetError(req, res, error ?? { message: 'the summary could not be read', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    }
    send(req, res, summary.owner, { 'content-type': 'application/json' }, JSON.stringify({ data: result.data, variables }));
  };

  const limit = callerRateLimit({ ...options.rateLimit, callerOf: (req) => callerOf(req, options.verifyCaller) });
  const nameOf = (file: unknown, prefix: string) => {
    const name = /^([a-z0-9-]+)\.(xlsx|csv)$/.exec(String(file))?.[1];
    return name ? `${prefix}:${name}` : null;
  };
  app.get('/templates/:file', limit, forward((req) => nameOf(req.params.file, 'kind')));
  app.post('/imports/:kind', limit, forward((req) => `kind:${String(req.params.kind)}`));
  // An asynchronous import's id names its kind (`relief-activities-<uuid>`): polled where it was uploaded.
  app.get('/imports/jobs/:id', limit, forward((req) => {
    const job = parseJobId(String(req.params.id));
    return job ? `kind:${job.kind}` : null;
  }));
  const forwardExport = forward((req) => nameOf(req.params.file, 'export'));
  app.get('/exports/:file', limit, async (req, res) => {
    try {
      const key = nameOf(req.params.file, 'export');
      const summary = key && (await ownerOf(key)) ? supergraphExports.get(key.slice('export:'.length)) : undefined;
      await (summary ? runSupergraphExport(req, res, summary) : forwardExport(req, res));
    } catch (error) {
      options.logger.error({ err: error }, 'export failed');
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      else res.destroy();
    }
  });
}
