import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ErrorCode } from '@hoi/common/errors';
import { bodyHash, IDEMPOTENCY_BODY_HEADER, IDEMPOTENCY_KEY_HEADER, idempotencyRefusal, isValidIdempotencyKey, STATUS } from '@hoi/common/idempotency';

/**
 * The gateway keeps no keys: it forwards them. Each subgraph records its own share of the
 * operation under `<client key>#<n>`, n counting this request's mutation fetches to that subgraph
 * (one operation may call a subgraph's mutations twice, around another subgraph's), and compares
 * the hash of the CLIENT's body, sent beside it and trusted because the call is signed with the
 * gateway's key. A retry of the same body is planned into the same fetches and each one replays;
 * another body under the same key is refused by the first subgraph that has seen the key.
 */
export interface ClientIdempotencyKey {
  key: string;
  bodyHash: string;
  fetches: Map<string, number>;
}

export function clientIdempotencyKey(headers: Record<string, string | string[] | undefined>, body: unknown): ClientIdempotencyKey | null {
  const key = headers[IDEMPOTENCY_KEY_HEADER];
  if (typeof key !== 'string') return null;
  const request = (body ?? {}) as { query?: string; operationName?: string; variables?: Record<string, unknown> };
  return { key, bodyHash: bodyHash(request), fetches: new Map() };
}

/** Sets the subgraph's key and the client body's hash on a mutation fetch. */
export function forwardIdempotencyKey({ request }: GraphQLDataSourceProcessOptions, clientKey: ClientIdempotencyKey | null | undefined, subgraph: string): void {
  if (!clientKey || !isValidIdempotencyKey(clientKey.key) || !/^\s*mutation\b/.test(request.query ?? '')) return;
  const n = (clientKey.fetches.get(subgraph) ?? 0) + 1;
  clientKey.fetches.set(subgraph, n);
  request.http?.headers.set(IDEMPOTENCY_KEY_HEADER, `${clientKey.key}#${n}`);
  request.http?.headers.set(IDEMPOTENCY_BODY_HEADER, clientKey.bodyHash);
}

/** Refuses a malformed key on a mutation before anything runs, and gives refusals their HTTP status. */
export function gatewayIdempotencyPlugin<C extends { idempotency?: ClientIdempotencyKey | null }>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ operation, contextValue }) {
          const key = contextValue.idempotency?.key;
          if (key == null || operation.operation !== 'mutation' || isValidIdempotencyKey(key)) return null;
          return idempotencyRefusal(ErrorCode.IDEMPOTENCY_KEY_INVALID, 'the Idempotency-Key header must be 1 to 200 printable ASCII characters, without spaces');
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const code = response.body.singleResult.errors?.map((error) => error.extensions?.code as ErrorCode).find((candidate) => candidate in STATUS);
          if (code) response.http.status = STATUS[code];
        },
      };
    },
  };
}
