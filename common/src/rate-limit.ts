import type { Request } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { sendError } from './http-status.ts';
import { ANONYMOUS, type Caller } from './identity.ts';

export interface RateLimitOptions {
  /** Requests a minute for one caller; `HOI_RATE_LIMIT_PER_MINUTE`, 600 by default. */
  limitPerMinute?: number;
  callerOf(req: Request): Promise<Caller>;
  /** Requests that are not counted here (a subgraph: the gateway's, already counted per caller). */
  skip?(req: Request): boolean;
}

export const rateLimitPerMinute = () => Number(process.env.HOI_RATE_LIMIT_PER_MINUTE ?? 600);

/**
 * One bucket per caller and service: a token's subject, or without a valid token the client's
 * address (`req.ip`, which names the client behind a proxy only through `HOI_TRUSTED_PROXIES`).
 */
export function callerRateLimit(options: RateLimitOptions) {
  return rateLimit({
    windowMs: 60_000,
    limit: options.limitPerMinute ?? rateLimitPerMinute(),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: options.skip ? (req) => options.skip!(req) : undefined,
    keyGenerator: async (req) => {
      const caller = await options.callerOf(req).catch(() => ANONYMOUS);
      return caller.subject ? `subject:${caller.subject}` : `address:${ipKeyGenerator(req.ip ?? '')}`;
    },
    handler: (_req, res) => sendError(res, 429, 'RATE_LIMITED', 'too many requests; try again later'),
  });
}
