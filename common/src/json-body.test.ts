import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BodyError, isPlainJsonBody, JSON_BODY_LIMIT, readJsonBody } from './json-body.ts';

describe('isPlainJsonBody: which bodies node:http reads itself, the rest going to express.json', () => {
  const plain = { 'content-type': 'application/json', 'content-length': '20' };
  it.each([
    ['application/json with a length', plain, true],
    ['charset=utf-8', { ...plain, 'content-type': 'application/json; charset=utf-8' }, true],
    ['charset="UTF-8", upper case type', { ...plain, 'content-type': 'Application/JSON;charset="UTF-8"' }, true],
    ['content-encoding identity', { ...plain, 'content-encoding': 'identity' }, true],
    ['exactly the limit', { ...plain, 'content-length': String(JSON_BODY_LIMIT) }, true],
    ['over the limit', { ...plain, 'content-length': String(JSON_BODY_LIMIT + 1) }, false],
    ['no length (chunked)', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, false],
    ['gzip', { ...plain, 'content-encoding': 'gzip' }, false],
    ['utf-16', { ...plain, 'content-type': 'application/json; charset=utf-16' }, false],
    ['another media type', { ...plain, 'content-type': 'application/graphql-response+json' }, false],
    ['a form', { ...plain, 'content-type': 'application/x-www-form-urlencoded' }, false],
    ['no media type', { 'content-length': '20' }, false],
  ])('%s: %j → %s', (_name, headers, expected) => {
    expect(isPlainJsonBody(headers)).toBe(expected);
  });
});

describe('readJsonBody, over HTTP', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      readJsonBody(req).then(
        (body) => res.end(JSON.stringify({ body })),
        (error: BodyError) => res.end(JSON.stringify({ status: error.status, type: error.type })),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Sends `parts` as the body, one write each, with its length given up front. */
  const send = (parts: (string | Buffer)[]) =>
    new Promise<unknown>((resolve, reject) => {
      const buffers = parts.map((part) => Buffer.from(part));
      const length = buffers.reduce((sum, buffer) => sum + buffer.length, 0);
      const outgoing = request({ port, host: '127.0.0.1', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': length } }, (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk)).on('end', () => resolve(JSON.parse(text)));
      });
      outgoing.on('error', reject);
      for (const buffer of buffers) outgoing.write(buffer);
      outgoing.end();
    });

  it('parses an object, as express.json does', async () => {
    expect(await send(['{"query":"{ __typename }","variables":{"a":"đồng"}}'])).toEqual({ body: { query: '{ __typename }', variables: { a: 'đồng' } } });
  });

  it('joins a body sent in pieces, even one that splits a character', async () => {
    const bytes = Buffer.from('{"name":"Hội Chữ thập đỏ"}');
    expect(await send([bytes.subarray(0, 12), bytes.subarray(12)])).toEqual({ body: { name: 'Hội Chữ thập đỏ' } });
  });

  it('reads an empty body as {} and drops a byte-order mark, as body-parser does', async () => {
    expect(await send([])).toEqual({ body: {} });
    expect(await send(['\uFEFF [1]'])).toEqual({ body: [1] });
  });

  it.each(['"a string"', '42', 'null', '   ', '{"query": '])('refuses %j as body-parser\'s strict mode does', async (text) => {
    expect(await send([text])).toEqual({ status: 400, type: 'entity.parse.failed' });
  });
});
