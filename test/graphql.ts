import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { gatewayKeyFor, signToken, type TokenClaims } from '@hoi/common/identity';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** A token of this test run for the given role and scope. */
export function tokenFor(claims: Omit<TokenClaims, 'subject'> & { subject?: string }, expiresIn: string | number = '1h'): Promise<string> {
  return signToken(inject('jwtSecret'), { subject: claims.subject ?? `test-${claims.role}`, ...claims }, expiresIn);
}

let adminToken: Promise<string> | undefined;

export interface CallOptions {
  /** The caller's token; by default a national administrator's; null calls without one. */
  token?: string | null;
  /** Sign the call with the gateway's key for this subgraph, as the gateway does. */
  asGatewayTo?: string;
}

/** Posts one operation over HTTP, as a client would, with a request id of the caller's choosing. */
export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  requestId: string = randomUUID(),
  options: CallOptions = {},
): Promise<GraphQLResponse<T>> {
  const token = options.token === undefined ? await (adminToken ??= tokenFor({ role: 'national_admin' })) : options.token;
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': requestId };
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.asGatewayTo) headers['x-hoi-gateway-key'] = gatewayKeyFor(inject('gatewaySecret'), options.asGatewayTo);
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as GraphQLResponse<T>;
}

export const gatewayUrl = () => inject('gatewayUrl');
export const subgraphUrl = (name: string) => inject('subgraphUrls')[name];

/** SQL statements a request id cost in each subgraph. */
export async function statementsFor(requestId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, url] of Object.entries(inject('subgraphUrls'))) {
    const response = await fetch(url.replace(/\/graphql$/, `/debug/statements/${requestId}`));
    counts[name] = ((await response.json()) as { statements: number }).statements;
  }
  return counts;
}

/** GraphQL operations each subgraph served for a request id: the gateway's fetches to it. */
export async function fetchesFor(requestId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, url] of Object.entries(inject('subgraphUrls'))) {
    const response = await fetch(url.replace(/\/graphql$/, `/debug/statements/${requestId}`));
    counts[name] = ((await response.json()) as { operations: number }).operations;
  }
  return counts;
}
