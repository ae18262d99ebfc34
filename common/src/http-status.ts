import type { Response } from 'express';

/**
 * The HTTP status of a refusal decided before execution, from its stable code (GraphQL over HTTP).
 * Once execution has started the answer is 200, partial data and errors alike; a refusal is never
 * a 500.
 */

/** Documents that do not parse, validate or fit the limits, and variables that do not coerce. */
const REQUEST_ERRORS = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_USER_INPUT',
  'INVALID_CURSOR',
  'QUERY_TOO_DEEP',
  'QUERY_TOO_COSTLY',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'TOO_MANY_TOKENS',
]);

/** The realm of every bearer challenge (RFC 6750). */
export const REALM = 'hoi-graph';

export interface Refused {
  /** The request carried no credentials: a refusal then asks for them (401), else it is final (403). */
  anonymous: boolean;
  /** The response is `application/graphql-response+json` (else `application/json`). */
  graphqlResponse: boolean;
}

/** The status for a pre-execution error with this code, or undefined to keep Apollo's own. */
export function refusalStatus(code: unknown, { anonymous, graphqlResponse }: Refused): number | undefined {
  switch (code) {
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return anonymous ? 401 : 403;
    case 'OPERATION_NOT_SAFELISTED':
      return 403;
    // A hash that names no trusted document (Apollo answers 200): not found, whatever the media type.
    case 'PERSISTED_QUERY_NOT_FOUND':
      return 404;
    default:
      // The spec: 400 with application/graphql-response+json; 200 for a well-formed request with
      // application/json, whose clients cannot tell a GraphQL 4xx from an intermediary's.
      if (typeof code === 'string' && REQUEST_ERRORS.has(code)) return graphqlResponse ? 400 : 200;
      return undefined;
  }
}

/** RFC 6750: no error code when the request had no credentials, `invalid_token` when they failed. */
export function bearerChallenge(anonymous: boolean): string {
  return anonymous ? `Bearer realm="${REALM}"` : `Bearer realm="${REALM}", error="invalid_token"`;
}

/** The request's id, given before anything else can answer (the rate limit, the body parser). */
export const requestIdFor = (res: Response): string => res.locals.requestId as string;

/** A GraphQL error answer made outside Apollo (rate limit, body parser), with the request id. */
export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code, requestId: requestIdFor(res) } }] });
}
