import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ROLES } from '@hoi/common/identity';
import { createLogger } from '@hoi/common/logger';
import type { RunningService } from '@hoi/common/server';
import { runSubgraph } from '@hoi/common/service';
import { documentHash, sha256 } from '@hoi/common/trusted-documents';
import { startGateway } from '@hoi/gateway';
import { places } from '@hoi/places';
import { OPERATIONS_DIR, readSupergraph, readTrustedDocuments } from '../scripts/composition.ts';
import { gatewayUrl, subgraphUrl, tokenFor } from './graphql.ts';

/**
 * Who may send what in production, over HTTP: every caller × every way of sending a document →
 * the answer, on a gateway that enforces trusted documents (as NODE_ENV=production does), and on a
 * partner's own subgraph, which runs any document within the limits.
 */

const FIND_PLACES = readFileSync(new URL('FindPlaces.graphql', OPERATIONS_DIR), 'utf8');
const VARIABLES = { search: 'Lai Chau', first: 1 };
const TRUSTED_DATA = { administrativeUnits: { edges: [{ node: { name: 'Tỉnh Lai Châu' } }] } };
const AD_HOC = `{ administrativeUnit(id: "CURRENT:01") { name } }`;
const AD_HOC_DATA = { administrativeUnit: { name: 'Thành phố Hà Nội' } };
const hashOnly = (hash: string) => ({ variables: VARIABLES, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

/** Each way a client sends a document, and what it gets when it is allowed to. */
const REQUESTS = {
  'trusted hash': { body: hashOnly(documentHash(FIND_PLACES)), trusted: true, data: TRUSTED_DATA },
  'trusted full text': { body: { query: FIND_PLACES, variables: VARIABLES }, trusted: true, data: TRUSTED_DATA },
  'trusted text, trailing newline trimmed': { body: { query: FIND_PLACES.trimEnd(), variables: VARIABLES }, trusted: true, data: TRUSTED_DATA },
  'ad hoc document': { body: { query: AD_HOC }, trusted: false, data: AD_HOC_DATA },
  'unknown hash': { body: hashOnly(sha256('query Unknown { __typename }')), trusted: false, data: null },
} as const;
type RequestKind = keyof typeof REQUESTS;

type Outcome = { status: 200; data: unknown } | { status: number; code: string };
const CALLERS = ['anonymous', ...ROLES] as const;
type CallerKind = (typeof CALLERS)[number];

/** The rule, written here as the README states it (not read from the code under test). */
const AD_HOC_CALLERS: CallerKind[] = ['national_admin', 'chapter_officer', 'association_officer', 'club_manager', 'cluster_secretary', 'analyst'];

function expected(caller: CallerKind, kind: RequestKind): Outcome {
  const request = REQUESTS[kind];
  if (kind === 'unknown hash') return { status: 404, code: 'PERSISTED_QUERY_NOT_FOUND' };
  if (caller === 'partner') return { status: 403, code: 'FORBIDDEN' }; // a partner calls its own subgraph
  if (request.trusted || AD_HOC_CALLERS.includes(caller)) return { status: 200, data: request.data };
  return { status: 403, code: 'OPERATION_NOT_SAFELISTED' };
}

const tokenOf = (caller: CallerKind) =>
  caller === 'anonymous' ? Promise.resolve(null) : tokenFor({ role: caller, subgraph: caller === 'partner' ? 'places' : undefined, subject: `trusted-${caller}` });

async function post(url: string, body: unknown, token: string | null): Promise<{ status: number; body: { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] } }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as never };
}

function expectOutcome(answer: Awaited<ReturnType<typeof post>>, outcome: Outcome, where: string) {
  if ('data' in outcome) {
    expect({ status: answer.status, errors: answer.body.errors }, where).toEqual({ status: 200, errors: undefined });
    expect(answer.body.data, where).toMatchObject(outcome.data as object);
  } else {
    expect({ status: answer.status, code: answer.body.errors?.[0]?.extensions?.code, data: answer.body.data }, where).toEqual({ status: outcome.status, code: outcome.code, data: undefined });
  }
}

const started: RunningService[] = [];
afterAll(async () => {
  for (const service of started) await service.stop();
});

describe('a production gateway: trusted documents for everyone, ad hoc documents for signed-in staff', () => {
  let url = '';
  beforeAll(async () => {
    const gateway = await startGateway({
      supergraphSdl: readSupergraph(),
      subgraphUrls: inject('subgraphUrls'),
      port: 0,
      logger: createLogger('trusted-documents-test'),
      gatewaySecret: inject('gatewaySecret'),
      trustedDocuments: readTrustedDocuments(),
      enforceSafelist: true,
    });
    started.push(gateway);
    url = gateway.url;
  });

  const CASES = CALLERS.flatMap((caller) => (Object.keys(REQUESTS) as RequestKind[]).map((kind) => ({ caller, kind })));

  it(`answers each of ${CASES.length} caller × request cases as the rule says`, async () => {
    const answers = await Promise.all(
      CASES.map(async ({ caller, kind }) => ({ caller, kind, answer: await post(url, REQUESTS[kind].body, await tokenOf(caller)) })),
    );
    for (const { caller, kind, answer } of answers) expectOutcome(answer, expected(caller, kind), `${caller} · ${kind}`);
    // The table holds each outcome at least once: a rule that let everything through would fail it.
    expect(new Set(CASES.map(({ caller, kind }) => JSON.stringify(expected(caller, kind)).replace(/"data":.*/, ''))).size).toBeGreaterThanOrEqual(4);
  });

  it('registers nothing: an anonymous hash + query pair runs nothing, and its hash stays unknown', async () => {
    const registration = { query: AD_HOC, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(AD_HOC) } } };
    expectOutcome(await post(url, registration, null), { status: 403, code: 'OPERATION_NOT_SAFELISTED' }, 'anonymous registration');
    // Even an analyst's registration, whose document runs, leaves nothing behind for anyone else.
    expectOutcome(await post(url, registration, await tokenOf('analyst')), { status: 200, data: AD_HOC_DATA }, 'analyst registration');
    expectOutcome(await post(url, { extensions: registration.extensions }, null), { status: 404, code: 'PERSISTED_QUERY_NOT_FOUND' }, 'the hash afterwards');
  });

  it('takes the committed manifest\'s hashes: each is the hash of its document, from operations/', () => {
    const documents = readTrustedDocuments();
    expect(Object.keys(documents).length).toBeGreaterThanOrEqual(3);
    for (const [hash, document] of Object.entries(documents)) expect(sha256(document)).toBe(hash);
  });
});

describe('outside enforcement (development) and on a partner\'s subgraph', () => {
  it('the development gateway also runs a trusted hash, and anyone\'s ad hoc document', async () => {
    expectOutcome(await post(gatewayUrl(), REQUESTS['trusted hash'].body, null), { status: 200, data: TRUSTED_DATA }, 'development hash');
    expectOutcome(await post(gatewayUrl(), REQUESTS['ad hoc document'].body, null), { status: 200, data: AD_HOC_DATA }, 'development ad hoc');
  });

  it('a partner sends its own documents to its own subgraph: no trusted documents there', async () => {
    const token = await tokenOf('partner');
    for (const kind of ['trusted full text', 'ad hoc document'] as const) {
      expectOutcome(await post(subgraphUrl('places'), REQUESTS[kind].body, token), { status: 200, data: REQUESTS[kind].data }, `partner on places · ${kind}`);
    }
  });
});

describe('rate limits by role', () => {
  const saved = { ...process.env };
  afterAll(() => {
    process.env = saved;
  });

  /** Requests a minute each caller gets where the base limit is 2, analysts 5 and partners 3. */
  const LIMITS: [CallerKind, 'gateway' | 'subgraph', number][] = [
    ['anonymous', 'gateway', 2],
    ['national_admin', 'gateway', 2],
    ['analyst', 'gateway', 5],
    ['anonymous', 'subgraph', 2],
    ['partner', 'subgraph', 3],
    ['analyst', 'subgraph', 5],
  ];

  it(`gives each role its own limit (${LIMITS.length} caller × service cases): HOI_RATE_LIMITS on a subgraph, the option on the gateway`, async () => {
    process.env.HOI_JWT_SECRET = inject('jwtSecret');
    process.env.HOI_RATE_LIMITS = 'analyst=5,partner=3';
    const subgraph = await runSubgraph(places, { url: inject('databaseUrl'), port: 0, logger: createLogger('role-limit-test'), rateLimitPerMinute: 2 });
    started.push(subgraph);
    delete process.env.HOI_RATE_LIMITS;
    const gateway = await startGateway({
      supergraphSdl: readSupergraph(),
      subgraphUrls: { ...inject('subgraphUrls'), places: subgraph.url },
      port: 0,
      logger: createLogger('role-limit-test'),
      gatewaySecret: inject('gatewaySecret'),
      rateLimitPerMinute: 2,
      roleRateLimits: { analyst: 5 },
    });
    started.push(gateway);
    const urls = { gateway: gateway.url, subgraph: subgraph.url };
    for (const [caller, service, limit] of LIMITS) {
      const token = await tokenOf(caller);
      for (let i = 0; i < limit; i++) expect((await post(urls[service], { query: AD_HOC }, token)).status, `${caller} on the ${service}, request ${i + 1}`).toBe(200);
      const over = await post(urls[service], { query: AD_HOC }, token);
      expect({ status: over.status, code: over.body.errors?.[0]?.extensions?.code }, `${caller} on the ${service}, over ${limit}`).toEqual({ status: 429, code: 'RATE_LIMITED' });
    }
  });

  it('refuses a malformed HOI_RATE_LIMITS at start', async () => {
    const { parseRoleRateLimits, DEFAULT_ROLE_RATE_LIMITS } = await import('@hoi/common/rate-limit');
    expect(parseRoleRateLimits(undefined)).toEqual(DEFAULT_ROLE_RATE_LIMITS);
    expect(parseRoleRateLimits('analyst=3000, partner=1200')).toEqual({ analyst: 3000, partner: 1200 });
    for (const bad of ['analyst', 'analyst=0', 'analyst=1.5', 'visitor=10']) expect(() => parseRoleRateLimits(bad), bad).toThrow(/HOI_RATE_LIMITS/);
  });
});
