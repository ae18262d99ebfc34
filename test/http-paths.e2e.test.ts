import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { stableId } from '@hoi/common/ids';
import { gatewayUrl, subgraphUrl, tokenFor } from './graphql.ts';

/**
 * A POST to /graphql with a plain JSON body is answered by node:http's listener directly, any other
 * by the express app (common/src/http.ts): both must answer alike, with the same request id,
 * CORS headers and data, and the same refusal for a body that is not JSON.
 */

const CLUB = stableId('elderly:lai-chau:club:18');
const QUERY = 'query ($id: ID!) { club(id: $id) { id name } }';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] };
}

/** Posts raw bytes with the headers given (node:http, so that the framing is the test's to choose). */
function post(url: string, headers: Record<string, string>, body: Buffer, chunked = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', headers: chunked ? headers : { ...headers, 'content-length': String(body.length) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    outgoing.on('error', reject);
    // Two writes without a length: Node frames them as chunks.
    if (chunked) outgoing.write(body.subarray(0, 10));
    outgoing.end(chunked ? body.subarray(10) : body);
  });
}

const SERVICES = [
  ['the gateway', gatewayUrl],
  ['the elderly subgraph', () => subgraphUrl('elderly')],
] as const;

describe.each(SERVICES)('%s: the direct path and the express path answer alike', (_name, url) => {
  const json = Buffer.from(JSON.stringify({ query: QUERY, variables: { id: CLUB } }));
  const framings: [string, Record<string, string>, Buffer, boolean][] = [
    ['plain JSON with a length (direct)', { 'content-type': 'application/json' }, json, false],
    ['charset=utf-8 (direct)', { 'content-type': 'application/json; charset=utf-8' }, json, false],
    ['chunked, no length (express)', { 'content-type': 'application/json' }, json, true],
    ['gzip (express)', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, gzipSync(json), false],
  ];

  /** What must be the same whichever path answered: the framing, the date and the rate limit's count may differ. */
  const comparable = (answer: Answer) => ({
    status: answer.status,
    body: answer.body,
    headers: Object.fromEntries(
      Object.entries(answer.headers)
        .filter(([name]) => !['date', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'x-request-id'].includes(name))
        .map(([name, value]) => [name, name.startsWith('ratelimit') ? 'present' : value]),
    ),
  });

  it.each(framings)('%s', async (_framing, headers, body, chunked) => {
    const token = await tokenFor({ role: 'analyst' });
    const send = async (sent: Record<string, string>, bytes: Buffer, inChunks: boolean) => {
      const requestId = `paths-${randomUUID()}`;
      const answer = await post(url(), { ...sent, authorization: `Bearer ${token}`, 'x-request-id': requestId }, bytes, inChunks);
      expect(answer.headers['x-request-id']).toBe(requestId);
      return answer;
    };
    const reference = await send({ 'content-type': 'application/json' }, json, false);
    expect(reference.status).toBe(200);
    expect(reference.body).toEqual({ data: { club: { id: CLUB, name: expect.any(String) } } });
    expect(reference.headers['access-control-expose-headers']).toBe('x-request-id,retry-after');
    expect(comparable(await send(headers, body, chunked))).toEqual(comparable(reference));
  });

  it.each([
    ['direct', false],
    ['express', true],
  ] as const)('refuses a body that is not JSON with 400 and the request id (%s)', async (_path, chunked) => {
    const requestId = `paths-${randomUUID()}`;
    const answer = await post(url(), { 'content-type': 'application/json', 'x-request-id': requestId }, Buffer.from('{"query": '), chunked);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0].extensions).toEqual({ code: 'BAD_REQUEST', requestId });
    expect(answer.headers['x-request-id']).toBe(requestId);
  });
});
