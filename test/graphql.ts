import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** Posts one operation over HTTP, as a client would, with a request id of the caller's choosing. */
export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  requestId: string = randomUUID(),
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId },
    body: JSON.stringify({ query, variables }),
  });
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
