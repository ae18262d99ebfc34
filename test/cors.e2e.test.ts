import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import chromium from '@sparticuz/chromium';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { corsOrigins } from '@hoi/common/http';
import { createLogger } from '@hoi/common/logger';
import type { RunningService } from '@hoi/common/server';
import { runSubgraph } from '@hoi/common/service';
import { places } from '@hoi/places';
import { startGateway } from '@hoi/gateway';
import { readSupergraph } from '../scripts/composition.ts';
import { gatewayUrl, tokenFor } from './graphql.ts';

/**
 * CORS in a real browser: a page served from another local port fetches from a gateway (and a
 * subgraph) that allows one origin. The allowed page reads the answer and its request id; any other
 * origin, and every origin where no allowlist is set, gets a TypeError from `fetch`.
 */

/** A plain HTTP server serving an empty page; its origin is the page's origin. */
async function pageServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>client</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

type Outcome = { ok: true; status: number; body: unknown; requestId: string | null } | { ok: false; error: string };

describe('CORS (HOI_CORS_ORIGINS), from a browser', () => {
  let browser: Browser;
  const pages: Record<'allowed' | 'other', { server: Server; origin: string }> = {} as never;
  const started: RunningService[] = [];
  const targets: Record<string, { url: string; query: string; data: unknown; allows: 'allowed' | null }> = {};
  const saved = { ...process.env };

  beforeAll(async () => {
    const [executablePath, allowed, other] = await Promise.all([chromium.executablePath(), pageServer(), pageServer()]);
    Object.assign(pages, { allowed, other });
    // The package's flags turn the same-origin policy off (made for scraping): CORS is what is under test.
    const args = chromium.args.filter((arg) => !['--disable-web-security', '--allow-running-insecure-content'].includes(arg));
    browser = await puppeteer.launch({ executablePath, args: [...args, '--no-sandbox'], headless: true });
    const gateway = await startGateway({
      supergraphSdl: readSupergraph(),
      subgraphUrls: inject('subgraphUrls'),
      port: 0,
      logger: createLogger('cors-test'),
      gatewaySecret: inject('gatewaySecret'),
      corsOrigins: [allowed.origin],
    });
    // A partner's page calling one subgraph directly: the subgraph reads the same variable.
    process.env.HOI_JWT_SECRET = inject('jwtSecret');
    process.env.HOI_CORS_ORIGINS = `${allowed.origin}, http://localhost:1`;
    const subgraph = await runSubgraph(places, { url: inject('databaseUrl'), port: 0, logger: createLogger('cors-test') });
    started.push(gateway, subgraph);
    const clusters = { query: '{ emulationClusters(year: 2022) { totalCount } }', data: { emulationClusters: { totalCount: 1 } } };
    targets['a gateway allowing one origin'] = { url: gateway.url, ...clusters, allows: 'allowed' };
    targets['the shared gateway, no HOI_CORS_ORIGINS'] = { url: gatewayUrl(), ...clusters, allows: null };
    targets['a subgraph allowing one origin'] = { url: subgraph.url, query: '{ __typename }', data: { __typename: 'Query' }, allows: 'allowed' };
  }, 60_000);

  afterAll(async () => {
    process.env = saved;
    await browser?.close();
    for (const service of started) await service.stop();
    for (const { server } of Object.values(pages)) server.close();
  });

  /** Runs `fetch` inside a page loaded from `origin`, as a frontend would. */
  async function fetchFrom(origin: string, url: string, init: { method: string; headers: Record<string, string>; body?: string }): Promise<Outcome> {
    const page = await browser.newPage();
    try {
      await page.goto(origin);
      return await page.evaluate(async (url, init) => {
        try {
          const response = await fetch(url, init);
          return { ok: true as const, status: response.status, body: await response.json(), requestId: response.headers.get('x-request-id') };
        } catch (error) {
          return { ok: false as const, error: `${(error as Error).name}: ${(error as Error).message}` };
        }
      }, url, init);
    } finally {
      await page.close();
    }
  }

  // Every header a client sends, each forcing a preflight: JSON, a token, a request id, Apollo's CSRF header, an idempotency key.
  const REQUESTS: [string, (query: string, token: string) => { method: string; headers: Record<string, string>; body?: string }][] = [
    ['POST application/json', (query) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })],
    ['POST with every client header', (query, token) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'cors-browser-1', 'apollo-require-preflight': 'true', 'idempotency-key': 'cors-browser-key-1' },
      body: JSON.stringify({ query }),
    })],
    ['GET with apollo-require-preflight', () => ({ method: 'GET', headers: { 'apollo-require-preflight': 'true' } })],
  ];

  const CASES = ['a gateway allowing one origin', 'the shared gateway, no HOI_CORS_ORIGINS', 'a subgraph allowing one origin'].flatMap((target) =>
    (['allowed', 'other'] as const).flatMap((page) => REQUESTS.map(([request]) => [target, page, request] as const)),
  );

  it.each(CASES)('%s, a page from the %s origin, %s', async (target, page, request) => {
    const { url, query, data, allows } = targets[target];
    const token = await tokenFor({ role: 'analyst' });
    const init = REQUESTS.find(([name]) => name === request)![1](query, token);
    const at = init.method === 'GET' ? `${url}?query=${encodeURIComponent(query)}` : url;
    const outcome = await fetchFrom(pages[page].origin, at, { method: init.method, headers: init.headers, body: init.body });
    if (allows === page) {
      expect(outcome).toMatchObject({ ok: true, status: 200, body: { data } });
      // The exposed request id: the caller's own when it sent one.
      expect(outcome.ok && outcome.requestId).toEqual(init.headers['x-request-id'] ?? expect.stringMatching(/^[0-9a-f-]{36}$/));
    } else {
      expect(outcome).toEqual({ ok: false, error: 'TypeError: Failed to fetch' });
    }
  });

  it('answers a preflight for an allowed origin with the client headers, and one for another origin without any CORS header', async () => {
    const url = targets['a gateway allowing one origin'].url;
    const preflight = (origin: string) => fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' } });
    const allowed = await preflight(pages.allowed.origin);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(pages.allowed.origin);
    expect(allowed.headers.get('access-control-allow-headers')?.split(',')).toEqual(['content-type', 'authorization', 'x-request-id', 'apollo-require-preflight', 'idempotency-key']);
    const other = await preflight(pages.other.origin);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('HOI_CORS_ORIGINS is read as exact origins', () => {
  it.each([
    ['', []],
    ['https://app.example.org', ['https://app.example.org']],
    [' http://localhost:5173 , https://a.example ', ['http://localhost:5173', 'https://a.example']],
  ])('%j → %j', (value, origins) => expect(corsOrigins(value)).toEqual(origins));
  it.each(['*', 'https://app.example.org/', 'app.example.org', 'https://a.example/path'])('%j is refused', (value) => {
    expect(() => corsOrigins(value)).toThrow(/HOI_CORS_ORIGINS/);
  });
});
