import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';

/**
 * Identity: callers present a bearer JWT (signed, with an expiry), verified with jose against a
 * symmetric key from configuration or an identity provider's JWKS. The gateway forwards the
 * token and every subgraph verifies it again: a partner may call a subgraph directly.
 */
export const ROLES = ['national_admin', 'chapter_officer', 'association_officer', 'club_manager', 'cluster_secretary', 'analyst', 'partner'] as const;
export type Role = (typeof ROLES)[number];

export interface Caller {
  role: Role | null;
  /** Ids of the organisations the role covers: a chapter, an association unit, a club, a cluster. */
  scopeIds: string[];
  subject: string | null;
  /** For a partner: the one subgraph it may call. */
  subgraph: string | null;
}

export const ANONYMOUS: Caller = { role: null, scopeIds: [], subject: null, subgraph: null };

const ISSUER = 'hoi-graph';
const AUDIENCE = 'hoi-graph';

export interface IdentityConfig {
  /** base64url of a random key of at least 32 bytes (HS256). */
  secret?: string;
  /** An identity provider's key set (RS256, ES256…). */
  jwksUrl?: string;
  /** Tokens that live longer (exp − iat) are refused: a leaked one must not open the API for years. */
  maxLifetimeSeconds?: number;
}

/** 24 hours: a working day's session with room to spare; `npm run tokens` signs for 12. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;

export function identityConfigFromEnv(): IdentityConfig {
  const maxLifetime = process.env.HOI_MAX_TOKEN_LIFETIME_SECONDS;
  if (maxLifetime !== undefined && !/^[1-9]\d*$/.test(maxLifetime)) throw new Error('HOI_MAX_TOKEN_LIFETIME_SECONDS must be a whole number of seconds');
  return {
    secret: process.env.HOI_JWT_SECRET || undefined,
    jwksUrl: process.env.HOI_JWKS_URL || undefined,
    maxLifetimeSeconds: maxLifetime ? Number(maxLifetime) : undefined,
  };
}

const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

export type CallerVerifier = (authorization: string | undefined) => Promise<Caller>;

export function createCallerVerifier(config: IdentityConfig): CallerVerifier {
  let key: Uint8Array | JWTVerifyGetKey | null = null;
  if (config.jwksUrl) key = createRemoteJWKSet(new URL(config.jwksUrl));
  else if (config.secret) key = Buffer.from(config.secret, 'base64url');
  // A client sends the same token with every request; checking its signature each time was a
  // sixth of a hot read's CPU. A verified token is remembered until it expires, never longer.
  const verified = new LRUCache<string, Caller>({ max: 10_000, ttlAutopurge: false });
  const maxLifetime = config.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  return async (authorization) => {
    if (!authorization) return ANONYMOUS;
    const token = /^Bearer (\S+)$/.exec(authorization)?.[1];
    if (!token) throw unauthenticated('the Authorization header is not a bearer token');
    if (!key) throw unauthenticated('this service accepts no tokens: no key is configured');
    const known = verified.get(token);
    if (known) return known;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as Uint8Array, { issuer: ISSUER, audience: AUDIENCE, requiredClaims: ['exp', 'sub', 'role'] }));
    } catch {
      // Expired, forged, for another audience: the same answer, so a prober learns nothing.
      throw unauthenticated('the token is not valid');
    }
    // Measured from its issue, or from now when it says none (or a time still to come).
    const now = Math.floor(Date.now() / 1000);
    if (payload.exp! - Math.min(payload.iat ?? now, now) > maxLifetime) throw unauthenticated('the token lives longer than this service accepts');
    const role = payload.role as Role;
    if (!ROLES.includes(role)) throw unauthenticated('the token is not valid');
    const scope = Array.isArray(payload.scope) ? payload.scope.map(String) : [];
    const caller: Caller = Object.freeze({ role, scopeIds: Object.freeze(scope) as string[], subject: String(payload.sub), subgraph: typeof payload.subgraph === 'string' ? payload.subgraph : null });
    const remaining = payload.exp! * 1000 - Date.now();
    if (remaining > 0) verified.set(token, caller, { ttl: remaining });
    return caller;
  };
}

export interface TokenClaims {
  subject: string;
  role: Role;
  scope?: string[];
  subgraph?: string;
}

export function signToken(secret: string, claims: TokenClaims, expiresIn: string | number = '8h'): Promise<string> {
  return new SignJWT({ role: claims.role, scope: claims.scope ?? [], ...(claims.subgraph ? { subgraph: claims.subgraph } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.subject)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(Buffer.from(secret, 'base64url'));
}

/** The demo signing key: made at first start, kept in the git-ignored data folder, never committed. */
export function loadOrCreateSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

/**
 * The gateway signs its calls to each subgraph with a key of that subgraph's own, derived from one
 * gateway secret: a subgraph trusts `_entities`, `_service` and `@requires` data only from it.
 */
export const GATEWAY_KEY_HEADER = 'x-hoi-gateway-key';

export function gatewayKeyFor(gatewaySecret: string, subgraph: string): string {
  return createHmac('sha256', gatewaySecret).update(`subgraph:${subgraph}`).digest('base64url');
}

export function isGatewayKey(presented: string | string[] | undefined, expected: string | null): boolean {
  if (!expected || typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
