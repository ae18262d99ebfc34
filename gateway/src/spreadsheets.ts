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

export interface SpreadsheetForwardingOptions {
  /** Each subgraph's GraphQL URL; its spreadsheet routes are on the same host. */
  subgraphUrls: Record<string, string>;
  gatewayKey(name: string): string | null;
  verifyCaller: CallerVerifier;
  rateLimit: Omit<RateLimitOptions, 'callerOf'>;
  logger: Logger;
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
  let loadedAt = 0;
  let loading: Promise<void> | null = null;
  const base = (name: string) => options.subgraphUrls[name].replace(/\/graphql$/, '');
  const load = () =>
    (loading ??= Promise.all(
      Object.keys(options.subgraphUrls).map(async (name) => {
        try {
          const response = await fetch(`${base(name)}/spreadsheets`, { signal: AbortSignal.timeout(5000) });
          if (!response.ok) return [];
          const index = (await response.json()) as { kinds: string[]; exports: string[] };
          return [...index.kinds.map((kind) => [`kind:${kind}`, name]), ...index.exports.map((summary) => [`export:${summary}`, name])] as [string, string][];
        } catch (error) {
          options.logger.warn({ err: error, subgraph: name }, 'spreadsheet index unavailable');
          return [];
        }
      }),
    ).then((lists) => {
      owners = new Map(lists.flat());
      loadedAt = Date.now();
    }).finally(() => (loading = null)));
  const ownerOf = async (key: string) => {
    if (!owners.has(key) && Date.now() - loadedAt > REFRESH_MS) await load();
    return owners.get(key);
  };

  const forward = (key: (req: Request) => string | null) => async (req: Request, res: Response) => {
    try {
      const caller = await callerOf(req, options.verifyCaller);
      const refusal = callerRefusal(caller, { subgraph: null });
      if (refusal) return sendError(res, 403, 'FORBIDDEN', refusal.message);
    } catch {
      res.setHeader('www-authenticate', bearerChallenge(false));
      return sendError(res, 401, 'UNAUTHENTICATED', 'the token is not valid');
    }
    const name = key(req);
    const owner = name ? await ownerOf(name) : undefined;
    if (!owner) return sendError(res, 404, 'NOT_FOUND', `no subgraph serves ${req.path}`);
    const target = new URL(req.originalUrl, base(owner));
    const headers: Record<string, string> = { [REQUEST_ID_HEADER]: requestIdFor(res) };
    for (const header of ['authorization', 'content-type', 'content-length', 'accept', 'prefer'] as const) {
      const value = req.headers[header];
      if (typeof value === 'string') headers[header] = value;
    }
    const gatewayKey = options.gatewayKey(owner);
    if (gatewayKey) headers[GATEWAY_KEY_HEADER] = gatewayKey;
    const upstream = (target.protocol === 'https:' ? httpsRequest : httpRequest)(target, { method: req.method, headers }, (answer) => {
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
    if (req.method === 'POST') req.pipe(upstream);
    else upstream.end();
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
  app.get('/exports/:file', limit, forward((req) => nameOf(req.params.file, 'export')));
}
