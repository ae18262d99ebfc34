import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** The largest JSON body a GraphQL request may have (express.json's `1mb`). */
export const JSON_BODY_LIMIT = 1_048_576;

/** `application/json`, in UTF-8 (said or not): the media type every GraphQL client sends. */
const UTF8_JSON = /^application\/json[ \t]*(?:;[ \t]*charset="?utf-8"?[ \t]*)?$/i;

/**
 * Whether the body can be read here as express.json would read it, without its general machinery:
 * UTF-8 JSON, not compressed, of a length given up front and within the limit. Anything else (a
 * compressed or chunked body, another charset or media type, one over the limit) is left to
 * express.json, which accepts or refuses it as it always did.
 */
export function isPlainJsonBody(headers: IncomingHttpHeaders): boolean {
  const type = headers['content-type'];
  const length = headers['content-length'];
  const encoding = headers['content-encoding'];
  return (
    type !== undefined &&
    UTF8_JSON.test(type) &&
    length !== undefined &&
    Number(length) <= JSON_BODY_LIMIT &&
    (encoding === undefined || encoding.toLowerCase() === 'identity') &&
    headers['transfer-encoding'] === undefined
  );
}

/** A body that could not be read or parsed, shaped as body-parser's errors (`status`, `type`). */
export class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly type: 'entity.parse.failed' | 'request.aborted',
  ) {
    super(type);
  }
}

/**
 * The parsed body of a request `isPlainJsonBody` accepted, by body-parser's strict rules: an empty
 * body is `{}`, a byte-order mark is dropped, and only an object or an array is JSON here.
 */
export function readJsonBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (req.destroyed) return reject(new BodyError(400, 'request.aborted'));
    const chunks: Buffer[] = [];
    let ended = false;
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => {
      ended = true;
      try {
        resolve(parseStrictJson((chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8')));
      } catch {
        reject(new BodyError(400, 'entity.parse.failed'));
      }
    });
    // An aborted request: its answer reaches nobody, but the promise must settle.
    req.once('error', () => reject(new BodyError(400, 'request.aborted')));
    req.once('close', () => {
      if (!ended) reject(new BodyError(400, 'request.aborted'));
    });
  });
}

function parseStrictJson(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.length === 0) return {};
  const first = /^[ \t\n\r]*(.)/s.exec(body)?.[1];
  if (first !== '{' && first !== '[') throw new SyntaxError('not an object or an array');
  return JSON.parse(body);
}
