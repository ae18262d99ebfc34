import type { Request } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { sendError } from './http-status.ts';
import { ANONYMOUS, ROLES, type Caller, type Role } from './identity.ts';

export type RoleRateLimits = Partial<Record<Role, number>>;

export interface RateLimitOptions {
  /** Requests a minute for an anonymous caller and a role with no limit of its own; `HOI_RATE_LIMIT_PER_MINUTE`, 600 by default. */
  limitPerMinute?: number;
  /** Requests a minute by role; `HOI_RATE_LIMITS` (and DEFAULT_ROLE_RATE_LIMITS) by default. */
  roleLimits?: RoleRateLimits;
  callerOf(req: Request): Promise<Caller>;
  /** Requests that are not counted here (a subgraph: the gateway's, already counted per caller). */
  skip?(req: Request): boolean;
}

export const rateLimitPerMinute = () => Number(process.env.HOI_RATE_LIMIT_PER_MINUTE ?? 600);

/**
 * Analysts' scripts and partners' systems send many small queries: they get more than a person's
 * 600 a minute. `HOI_RATE_LIMITS="analyst=3000,partner=1200,national_admin=1200"` replaces these.
 */
export const DEFAULT_ROLE_RATE_LIMITS: RoleRateLimits = { analyst: 3000, partner: 1200 };

/** `role=limit,…` (HOI_RATE_LIMITS); an unknown role or a limit that is not a whole number is refused. */
export function parseRoleRateLimits(value: string | undefined): RoleRateLimits {
  if (value === undefined || !value.trim()) return DEFAULT_ROLE_RATE_LIMITS;
  const limits: RoleRateLimits = {};
  for (const entry of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    const match = /^([a-z_]+)=([1-9]\d*)$/.exec(entry);
    if (!match || !(ROLES as readonly string[]).includes(match[1])) {
      throw new Error(`HOI_RATE_LIMITS: "${entry}" is not role=requests-a-minute with a role of ${ROLES.join(', ')}`);
    }
    limits[match[1] as Role] = Number(match[2]);
  }
  return limits;
}

/**
 * One bucket per caller and service: a token's subject, or without a valid token the client's
 * address (`req.ip`, which names the client behind a proxy only through `HOI_TRUSTED_PROXIES`).
 * Its size is the caller's role's limit, else the base limit.
 */
export function callerRateLimit(options: RateLimitOptions) {
  const base = options.limitPerMinute ?? rateLimitPerMinute();
  const byRole = options.roleLimits ?? parseRoleRateLimits(process.env.HOI_RATE_LIMITS);
  const callerOf = (req: Request) => options.callerOf(req).catch(() => ANONYMOUS);
  return rateLimit({
    windowMs: 60_000,
    limit: async (req) => {
      const { role } = await callerOf(req);
      return (role && byRole[role]) || base;
    },
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: options.skip ? (req) => options.skip!(req) : undefined,
    keyGenerator: async (req) => {
      const caller = await callerOf(req);
      return caller.subject ? `subject:${caller.subject}` : `address:${ipKeyGenerator(req.ip ?? '')}`;
    },
    handler: (_req, res) => sendError(res, 429, 'RATE_LIMITED', 'too many requests; try again later'),
  });
}
