import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { gatewayKeyFor } from '@hoi/common/identity';
import { createLogger } from '@hoi/common/logger';
import type { RunningService } from '@hoi/common/server';
import { runSubgraph } from '@hoi/common/service';
import { places } from '@hoi/places';
import { startGateway } from '@hoi/gateway';
import { inject } from 'vitest';
import { readSupergraph } from '../scripts/composition.ts';
import { gatewayUrl, subgraphUrl, tokenFor } from './graphql.ts';

/** Section 6's smaller holes, over HTTP: token lifetime, the subgraphs' rate limit, trusted proxies. */

const HOUR = 3_600;
const now = () => Math.floor(Date.now() / 1000);

/** A token signed with this run's key, with the issue and expiry times given (seconds from now). */
function token(claims: { iat?: number; exp: number }): Promise<string> {
  const jwt = new SignJWT({ role: 'analyst', scope: [] }).setProtectedHeader({ alg: 'HS256' }).setSubject('lifetime-test').setIssuer('hoi-graph').setAudience('hoi-graph');
  if (claims.iat !== undefined) jwt.setIssuedAt(now() + claims.iat);
  return jwt.setExpirationTime(now() + claims.exp).sign(Buffer.from(inject('jwtSecret'), 'base64url'));
}

const ENDPOINTS = () => [['gateway', gatewayUrl()], ...['places', 'red-cross', 'elderly', 'emulation'].map((name) => [name, subgraphUrl(name)])];

const post = (url: string, headers: Record<string, string> = {}, query = '{ __typename }') =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

describe('token lifetime (at most HOI_MAX_TOKEN_LIFETIME_SECONDS, 24 h by default)', () => {
  const CASES: [string, boolean, { iat?: number; exp: number }][] = [
    ['an hour', true, { iat: 0, exp: HOUR }],
    ['exactly 24 hours', true, { iat: 0, exp: 24 * HOUR }],
    ['issued 20 hours ago, 4 hours left', true, { iat: -20 * HOUR, exp: 4 * HOUR }],
    ['no iat, an hour left', true, { exp: HOUR }],
    ['24 hours and a minute', false, { iat: 0, exp: 24 * HOUR + 60 }],
    ['issued 30 hours ago, 1 hour left', false, { iat: -30 * HOUR, exp: HOUR }],
    ['100 years', false, { iat: 0, exp: 100 * 365 * 24 * HOUR }],
    ['no iat, 100 years left', false, { exp: 100 * 365 * 24 * HOUR }],
    ['an iat still to come, 100 years left', false, { iat: 100 * 365 * 24 * HOUR - HOUR, exp: 100 * 365 * 24 * HOUR }],
  ];
  it.each(CASES)('%s: accepted %s, on the gateway and every subgraph', async (_name, accepted, claims) => {
    const bearer = await token(claims);
    for (const [where, url] of ENDPOINTS()) {
      const response = await post(url, { authorization: `Bearer ${bearer}` });
      const body = (await response.json()) as { errors?: { message: string; extensions: Record<string, unknown> }[] };
      if (accepted) {
        expect(response.status, where).toBe(200);
        expect(body.errors, where).toBeUndefined();
      } else {
        expect(response.status, where).toBe(401);
        expect(response.headers.get('www-authenticate'), where).toBe('Bearer realm="hoi-graph", error="invalid_token"');
        expect(body.errors?.[0].extensions, where).toMatchObject({ code: 'UNAUTHENTICATED', requestId: response.headers.get('x-request-id') });
      }
    }
  });
});

describe('rate limits per caller, on a subgraph as on the gateway', () => {
  const LIMIT = 3;
  const started: RunningService[] = [];
  const saved = { ...process.env };
  /** [what, url] for a gateway and a places subgraph limited to 3 a minute, with and without a trusted proxy. */
  const instances: Record<string, string> = {};

  beforeAll(async () => {
    // The services read their keys and settings from the environment, as in a container.
    process.env.HOI_JWT_SECRET = inject('jwtSecret');
    process.env.HOI_GATEWAY_SECRET = inject('gatewaySecret');
    for (const trusted of ['', 'loopback']) {
      process.env.HOI_TRUSTED_PROXIES = trusted;
      const subgraph = await runSubgraph(places, { url: inject('databaseUrl'), port: 0, logger: createLogger('rate-limit-test'), rateLimitPerMinute: LIMIT });
      const gateway = await startGateway({
        supergraphSdl: readSupergraph(),
        subgraphUrls: { ...inject('subgraphUrls'), places: subgraph.url },
        port: 0,
        logger: createLogger('rate-limit-test'),
        gatewaySecret: inject('gatewaySecret'),
        rateLimitPerMinute: LIMIT,
      });
      started.push(gateway, subgraph);
      instances[`subgraph${trusted ? ' behind a trusted proxy' : ''}`] = subgraph.url;
      instances[`gateway${trusted ? ' behind a trusted proxy' : ''}`] = gateway.url;
    }
  });
  afterAll(async () => {
    for (const service of started) await service.stop();
    process.env = saved;
  });

  async function expectLimited(response: Response, where: string) {
    expect(response.status, where).toBe(429);
    const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0].extensions, where).toEqual({ code: 'RATE_LIMITED', requestId: response.headers.get('x-request-id') });
    expect(response.headers.get('ratelimit-policy'), where).toMatch(/q=3/);
  }

  it.each(['subgraph', 'gateway'])('%s: one bucket per address without a token, one per subject with one', async (kind) => {
    const url = instances[kind];
    for (let i = 0; i < LIMIT; i++) expect((await post(url)).status, `${kind} anonymous ${i}`).toBe(200);
    await expectLimited(await post(url), `${kind} anonymous`);
    // Forging X-Forwarded-For gets no new bucket where no proxy is trusted.
    await expectLimited(await post(url, { 'x-forwarded-for': '203.0.113.9' }), `${kind} spoofed address`);
    const own = await tokenFor({ role: 'national_admin', subject: `rate-${kind}` });
    for (let i = 0; i < LIMIT; i++) expect((await post(url, { authorization: `Bearer ${own}` })).status, `${kind} subject ${i}`).toBe(200);
    await expectLimited(await post(url, { authorization: `Bearer ${own}` }), `${kind} subject`);
  });

  it('does not count the gateway\'s own calls on a subgraph: the gateway counted them per caller', async () => {
    const url = instances.subgraph;
    const signed = { 'x-hoi-gateway-key': gatewayKeyFor(inject('gatewaySecret'), 'places') };
    for (let i = 0; i < LIMIT * 3; i++) expect((await post(url, signed)).status, `signed ${i}`).toBe(200);
    // A wrong key is a direct caller like any other, already over its limit here.
    await expectLimited(await post(url, { 'x-hoi-gateway-key': 'not-the-key' }), 'wrong key');
  });

  it.each(['subgraph', 'gateway'])('%s behind a trusted proxy: each client address its own bucket', async (kind) => {
    const url = instances[`${kind} behind a trusted proxy`];
    const from = (address: string) => ({ 'x-forwarded-for': address });
    for (let i = 0; i < LIMIT; i++) expect((await post(url, from('203.0.113.1'))).status, `${kind} client 1, ${i}`).toBe(200);
    await expectLimited(await post(url, from('203.0.113.1')), `${kind} client 1`);
    expect((await post(url, from('203.0.113.2'))).status, `${kind} client 2`).toBe(200);
    // Only the hop the proxy added is believed: a client's own X-Forwarded-For entry before it is not.
    await expectLimited(await post(url, from('198.51.100.7, 203.0.113.1')), `${kind} client 1 claiming another address`);
  });
});
