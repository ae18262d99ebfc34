import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableId } from '@hoi/common/ids';
import { createLogger } from '@hoi/common/logger';
import { startGateway } from '@hoi/gateway';
import { inject } from 'vitest';
import { readSupergraph, readTrustedDocuments } from '../scripts/composition.ts';
import { gatewayUrl, graphql, subgraphUrl, tokenFor } from './graphql.ts';
import { overCostly, overDeep } from './over-limit.ts';

/**
 * GraphQL over HTTP: every kind of refusal decided before execution × every service × both media
 * types → the status, the stable code, the bearer challenge, and the request id in body and header.
 */

const GRAPHQL_RESPONSE = 'application/graphql-response+json';
const JSON_MEDIA = 'application/json';
const ACCEPTS = [GRAPHQL_RESPONSE, JSON_MEDIA] as const;
type Accept = (typeof ACCEPTS)[number];

const CLUB = stableId('elderly:lai-chau:club:18');
const LAO_CAI = stableId('red-cross:lao-cai');
const ELDERLY_RECORDS = `query ($id: ID!) { club(id: $id) { members(first: 1) { edges { node { fullName } } } } }`;
const RED_CROSS_RECORDS = `query ($id: ID!) { chapter(id: $id) { reliefActivities(first: 1) { edges { node { kind } } } } }`;
const ELDERLY_WRITE = `mutation ($input: ClubMeetingInput!) { recordClubMeeting(input: $input) { __typename } }`;
const RED_CROSS_WRITE = `mutation ($input: BloodDonationProgrammeInput!) { createBloodDonationProgramme(input: $input) { __typename } }`;
const EMULATION_WRITE = `mutation ($input: VoteEmulationTitleInput!) { voteEmulationTitle(input: $input) { __typename } }`;
const PLACE = `{ administrativeUnit(id: "CURRENT:01") { name } }`;

interface Service {
  name: string;
  url: () => string;
  /** One field of the service's own schema (graphql-armor counts no alias of `__typename`). */
  field: string;
  /** A query of individual records, with its variables, where the service has any. */
  records?: [string, Record<string, unknown>];
  write?: string;
  /** Queries that exceed the depth and cost limits, where the schema nests deeply enough. */
  deep?: string;
  costly?: string;
  subgraph: boolean;
}


const SERVICES: Service[] = [
  { name: 'gateway', url: gatewayUrl, field: 'administrativeUnit(id: "CURRENT:01") { id }', records: [ELDERLY_RECORDS, { id: CLUB }], write: ELDERLY_WRITE, deep: overDeep, costly: overCostly, subgraph: false },
  { name: 'places', url: () => subgraphUrl('places'), field: 'administrativeUnit(id: "CURRENT:01") { id }', deep: overDeep, costly: overCostly, subgraph: true },
  { name: 'red-cross', url: () => subgraphUrl('red-cross'), field: 'chapter(id: "x") { id }', records: [RED_CROSS_RECORDS, { id: LAO_CAI }], write: RED_CROSS_WRITE, subgraph: true },
  { name: 'elderly', url: () => subgraphUrl('elderly'), field: 'club(id: "x") { id }', records: [ELDERLY_RECORDS, { id: CLUB }], write: ELDERLY_WRITE, subgraph: true },
  { name: 'emulation', url: () => subgraphUrl('emulation'), field: 'emulationCluster(id: "x") { id }', write: EMULATION_WRITE, subgraph: true },
];

interface Request {
  body: string;
  token?: () => Promise<string>;
}
interface Expected {
  status: Record<Accept, number>;
  code: string;
  /** The WWW-Authenticate header a 401 carries. */
  challenge?: string;
}
interface Refusal {
  kind: string;
  request(service: Service): Request | null;
  expected: Expected;
}

const post = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });
const analyst = () => tokenFor({ role: 'analyst' });
const both = (status: number) => ({ [GRAPHQL_RESPONSE]: status, [JSON_MEDIA]: status }) as Record<Accept, number>;
/** A document that does not parse or validate: 400 for graphql-response+json, 200 for application/json. */
const requestError = (code: string): Expected => ({ status: { [GRAPHQL_RESPONSE]: 400, [JSON_MEDIA]: 200 }, code });
const ANONYMOUS_CHALLENGE = 'Bearer realm="hoi-graph"';
const INVALID_TOKEN_CHALLENGE = 'Bearer realm="hoi-graph", error="invalid_token"';

const REFUSALS: Refusal[] = [
  { kind: 'a token that does not verify', request: () => ({ body: post(PLACE), token: async () => 'not-a-jwt' }), expected: { status: both(401), code: 'UNAUTHENTICATED', challenge: INVALID_TOKEN_CHALLENGE } },
  {
    kind: 'a forged token',
    request: () => ({ body: post(PLACE), token: async () => (await tokenFor({ role: 'national_admin' })).replace(/.{4}$/, 'AAAA') }),
    expected: { status: both(401), code: 'UNAUTHENTICATED', challenge: INVALID_TOKEN_CHALLENGE },
  },
  { kind: 'anonymous access to records', request: (s) => (s.records ? { body: post(...s.records) } : null), expected: { status: both(401), code: 'FORBIDDEN', challenge: ANONYMOUS_CHALLENGE } },
  { kind: 'an analyst reading records', request: (s) => (s.records ? { body: post(...s.records), token: analyst } : null), expected: { status: both(403), code: 'FORBIDDEN' } },
  { kind: 'an anonymous mutation', request: (s) => (s.write ? { body: post(s.write) } : null), expected: { status: both(401), code: 'FORBIDDEN', challenge: ANONYMOUS_CHALLENGE } },
  { kind: 'an analyst\'s mutation', request: (s) => (s.write ? { body: post(s.write), token: analyst } : null), expected: { status: both(403), code: 'FORBIDDEN' } },
  {
    kind: 'a partner at the gateway, or at another partner\'s subgraph',
    request: (s) => ({ body: post('{ __typename }'), token: () => tokenFor({ role: 'partner', subgraph: s.subgraph ? `not-${s.name}` : 'red-cross' }) }),
    expected: { status: both(403), code: 'FORBIDDEN' },
  },
  {
    kind: '_entities without the gateway key, with a token',
    request: (s) => (s.subgraph ? { body: post(`query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }`, { r: [] }), token: analyst } : null),
    expected: { status: both(403), code: 'FORBIDDEN' },
  },
  {
    kind: '_service without the gateway key, anonymous',
    request: (s) => (s.subgraph ? { body: post(`{ _service { sdl } }`) } : null),
    expected: { status: both(401), code: 'FORBIDDEN', challenge: ANONYMOUS_CHALLENGE },
  },
  { kind: 'a document that does not parse', request: () => ({ body: post('{ __typename') }), expected: requestError('GRAPHQL_PARSE_FAILED') },
  { kind: 'an unknown field', request: () => ({ body: post('{ noSuchField }') }), expected: requestError('GRAPHQL_VALIDATION_FAILED') },
  { kind: 'an unknown operation name', request: () => ({ body: JSON.stringify({ query: 'query A { __typename }', operationName: 'B' }) }), expected: requestError('OPERATION_RESOLUTION_FAILURE') },
  { kind: 'a missing variable', request: () => ({ body: post("query ($n: Boolean!) { __typename @include(if: $n) }") }), expected: requestError('BAD_USER_INPUT') },
  { kind: 'too many tokens', request: () => ({ body: post(`{ ${'__typename '.repeat(6_000)}}`) }), expected: requestError('TOO_MANY_TOKENS') },
  { kind: 'too many aliases', request: (s) => ({ body: post(`{ ${Array.from({ length: 25 }, (_, i) => `a${i}: ${s.field}`).join(' ')} }`) }), expected: requestError('TOO_MANY_ALIASES') },
  {
    kind: 'too many directives',
    request: (s) => ({ body: post(`{ ${s.field.replace('{ id }', `{ ${'id @include(if: true) '.repeat(31)}}`)} }`) }),
    expected: requestError('TOO_MANY_DIRECTIVES'),
  },
  { kind: 'a query nested too deeply', request: (s) => (s.deep ? { body: post(s.deep) } : null), expected: requestError('QUERY_TOO_DEEP') },
  { kind: 'a query costing too much', request: (s) => (s.costly ? { body: post(s.costly) } : null), expected: requestError('QUERY_TOO_COSTLY') },
  { kind: 'a body that is not JSON', request: () => ({ body: '{"query": ' }), expected: { status: both(400), code: 'BAD_REQUEST' } },
  { kind: 'a body over the size limit', request: () => ({ body: post(`{ __typename }`, { pad: 'x'.repeat(1_100_000) }) }), expected: { status: both(413), code: 'BAD_REQUEST' } },
  { kind: 'a request without a query', request: () => ({ body: JSON.stringify({ variables: {} }) }), expected: { status: both(400), code: 'BAD_REQUEST' } },
];

interface Answer {
  status: number;
  contentType: string | null;
  challenge: string | null;
  requestIdHeader: string | null;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function send(url: string, request: Request, accept: Accept, requestId: string): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept, 'x-request-id': requestId };
  if (request.token) headers.authorization = `Bearer ${await request.token()}`;
  const response = await fetch(url, { method: 'POST', headers, body: request.body });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    challenge: response.headers.get('www-authenticate'),
    requestIdHeader: response.headers.get('x-request-id'),
    body: (await response.json()) as Answer['body'],
  };
}

function expectRefusal(answer: Answer, expected: Expected, accept: Accept, requestId: string, where: string): void {
  expect({ status: answer.status, code: answer.body.errors?.[0]?.extensions?.code }, where).toEqual({ status: expected.status[accept], code: expected.code });
  expect(answer.body.data, where).toBeUndefined();
  expect(answer.requestIdHeader, where).toBe(requestId);
  for (const error of answer.body.errors ?? []) expect(error.extensions?.requestId, where).toBe(requestId);
  expect(answer.challenge, where).toBe(answer.status === 401 ? expected.challenge : null);
  expect(answer.body.errors?.[0]?.message, where).not.toMatch(/\d{3,}/); // no limit, no internals
}

const CASES = SERVICES.flatMap((service) =>
  REFUSALS.flatMap((refusal) => ACCEPTS.map((accept) => ({ service, refusal, accept }))),
);

describe('HTTP statuses of refusals before execution (GraphQL over HTTP)', () => {
  it('generates the whole matrix', () => {
    const applicable = CASES.filter(({ service, refusal }) => refusal.request(service) !== null);
    // Every refusal kind meets at least the gateway or one subgraph, each in both media types.
    for (const refusal of REFUSALS) expect(applicable.some((c) => c.refusal === refusal), refusal.kind).toBe(true);
    expect(applicable.length).toBe(182); // 91 (service, refusal) pairs × 2 media types
  });

  it.each(SERVICES.map((service) => [service.name, service] as const))('%s: every refusal × both media types', async (_name, service) => {
    let checked = 0;
    for (const { refusal, accept } of CASES.filter((c) => c.service === service)) {
      const request = refusal.request(service);
      if (!request) continue;
      const requestId = `status-${randomUUID()}`;
      const answer = await send(service.url(), request, accept, requestId);
      expectRefusal(answer, refusal.expected, accept, requestId, `${service.name} · ${refusal.kind} · ${accept}`);
      if (answer.status !== 413 && answer.body.errors?.[0]?.extensions?.code !== 'BAD_REQUEST') expect(answer.contentType).toMatch(new RegExp(`^${accept.replace('+', '\\+')}`));
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });

  describe('a gateway that runs only trusted documents for anonymous callers', () => {
    let url = '';
    let stop: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      const gateway = await startGateway({
        supergraphSdl: readSupergraph(),
        subgraphUrls: inject('subgraphUrls'),
        port: 0,
        logger: createLogger('safelist-status-test'),
        gatewaySecret: inject('gatewaySecret'),
        trustedDocuments: readTrustedDocuments(),
        enforceSafelist: true,
      });
      url = gateway.url;
      stop = gateway.stop;
    });
    afterAll(async () => stop?.());

    it.each(ACCEPTS)('refuses an anonymous ad hoc document with 403, and an unknown hash with 404 (%s)', async (accept) => {
      const unknownHash = JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } });
      for (const [body, status, code] of [[post(PLACE), 403, 'OPERATION_NOT_SAFELISTED'], [unknownHash, 404, 'PERSISTED_QUERY_NOT_FOUND']] as const) {
        for (const token of [undefined, analyst]) {
          // An analyst may send its own documents, never a hash nobody registered.
          if (token && status === 403) continue;
          const requestId = `status-${randomUUID()}`;
          const answer = await send(url, { body, token }, accept, requestId);
          expectRefusal(answer, { status: both(status), code }, accept, requestId, `trusted documents ${accept}`);
        }
      }
    });
  });

  it('keeps a refusal met during execution a partial 200 answer: data with null and the error', async () => {
    const query = `query ($id: ID!) { club(id: $id) { name members(first: 1) { edges { node { fullName birthDate } } } } }`;
    for (const url of [gatewayUrl(), subgraphUrl('elderly')]) {
      for (const accept of ACCEPTS) {
        const requestId = `status-${randomUUID()}`;
        const answer = await send(url, { body: post(query, { id: CLUB }), token: () => tokenFor({ role: 'national_admin' }) }, accept, requestId);
        expect(answer.status, url).toBe(200);
        expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'birthDate', requestId });
        expect(answer.body.data).toMatchObject({ club: { name: expect.any(String), members: { edges: [{ node: { fullName: expect.any(String), birthDate: null } }] } } });
        expect(answer.requestIdHeader).toBe(requestId);
      }
    }
  });

  it('gives every answer a request id, the caller\'s when it looks like one', async () => {
    for (const service of SERVICES) {
      const ok = await fetch(service.url(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: post('{ __typename }') });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const junk = await graphql(service.url(), '{ nope }', {}, 'bad id with spaces');
      expect(junk.errors?.[0].extensions?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
