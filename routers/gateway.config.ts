/**
 * Hive Gateway in place of @apollo/gateway, on the committed supergraph:
 *
 *   eval "$(npm run -s gateway-keys)"   # HOI_GATEWAY_KEY_<SUBGRAPH> from HOI_GATEWAY_SECRET
 *   PLACES_URL=… RED_CROSS_URL=… ELDERLY_URL=… EMULATION_URL=… PORT=4000 \
 *     npx hive-gateway supergraph schema/supergraph.graphql -c routers/gateway.config.ts
 *
 * The rules are apollo-router.yaml's: each subgraph at its `<SUBGRAPH>_URL` (else the composed
 * URL), the caller's token, request id and Idempotency-Key passed on, and each call signed with
 * that subgraph's own key. test/routers.e2e.test.ts runs this file and compares its answers with
 * @apollo/gateway's.
 */
import type { defineConfig } from '@graphql-hive/gateway';
import { REQUEST_ID_HEADER } from '../common/src/context.ts';
import { gatewayLimits } from './hive-limits.ts';
import { GATEWAY_KEY_HEADER, gatewayKeyVariable, PROPAGATED_HEADERS, SUBGRAPH_NAMES, subgraphUrlVariable } from './environment.ts';

type GatewayConfig = ReturnType<typeof defineConfig>;

function gatewayKey(subgraph: string): string {
  const key = process.env[gatewayKeyVariable(subgraph)];
  // Without its key a subgraph refuses `_entities`: every cross-subgraph field would fail.
  if (!key) throw new Error(`${gatewayKeyVariable(subgraph)} is not set (npm run gateway-keys prints each subgraph's key)`);
  return key;
}

export const gatewayConfig: GatewayConfig = {
  transportEntries: Object.fromEntries(
    SUBGRAPH_NAMES.map((subgraph) => {
      const location = process.env[subgraphUrlVariable(subgraph)];
      return [subgraph, { ...(location ? { location } : {}), headers: [[GATEWAY_KEY_HEADER, gatewayKey(subgraph)]] }];
    }),
  ),
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => Object.fromEntries(PROPAGATED_HEADERS.map((name) => [name, request.headers.get(name) ?? undefined])),
  },
  // The client's x-request-id (or a new one) reaches every subgraph and comes back on the answer.
  requestId: { headerName: REQUEST_ID_HEADER },
  // @apollo/gateway's limits, refused as it refuses them; each subgraph enforces them again.
  plugins: () => gatewayLimits(),
  blockFieldSuggestions: true,
};
