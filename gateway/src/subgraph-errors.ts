import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { isExpectedCode } from '@hoi/common/server';

type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

/**
 * A subgraph's non-2xx answer that is a GraphQL refusal (400 BAD_USER_INPUT for a scalar the
 * gateway cannot check, 401/403 FORBIDDEN) reaches the client as the subgraph said it: its message,
 * code and field. Anything else stays an opaque "<status>: <text>" error, which maskError hides.
 */
export async function subgraphError(serviceName: string, response: FetcherResponse): Promise<GraphQLError> {
  const first = firstError(await response.text());
  const code = first?.extensions?.code;
  if (first && typeof first.message === 'string' && isExpectedCode(code)) {
    const field = first.extensions?.field;
    return new GraphQLError(first.message, { extensions: { code, ...(typeof field === 'string' ? { field } : {}), serviceName } });
  }
  return new GraphQLError(`${response.status}: ${response.statusText}`, { extensions: { serviceName } });
}

function firstError(body: string): { message?: unknown; extensions?: Record<string, unknown> } | undefined {
  try {
    const parsed = JSON.parse(body) as { errors?: unknown };
    return Array.isArray(parsed.errors) ? parsed.errors[0] : undefined;
  } catch {
    return undefined;
  }
}
