/**
 * What a router other than @apollo/gateway needs from its environment, one variable pair per
 * subgraph: where the subgraph runs (`PLACES_URL`, as gateway/src/main.ts reads it) and the
 * subgraph's own gateway key (`HOI_GATEWAY_KEY_PLACES`), which the router sends as a static header.
 * The router never sees HOI_GATEWAY_SECRET: `npm run gateway-keys` derives the keys from it.
 */
import { REQUEST_ID_HEADER } from '../common/src/context.ts';
import { IDEMPOTENCY_KEY_HEADER } from '../common/src/idempotency.ts';
import { GATEWAY_KEY_HEADER } from '../common/src/identity.ts';

export { GATEWAY_KEY_HEADER };

/** The subgraphs of schema/supergraph.graphql (a test checks this list against it and apollo-router.yaml). */
export const SUBGRAPH_NAMES = ['places', 'red-cross', 'elderly', 'emulation'] as const;

/** Headers a router passes on from the client to every subgraph, as @apollo/gateway does. */
export const PROPAGATED_HEADERS = ['authorization', REQUEST_ID_HEADER, IDEMPOTENCY_KEY_HEADER] as const;

const suffix = (subgraph: string) => subgraph.toUpperCase().replaceAll('-', '_');

/** `HOI_GATEWAY_KEY_RED_CROSS` for `red-cross`. */
export const gatewayKeyVariable = (subgraph: string) => `HOI_GATEWAY_KEY_${suffix(subgraph)}`;

/** `RED_CROSS_URL` for `red-cross`: the variable @apollo/gateway reads too. */
export const subgraphUrlVariable = (subgraph: string) => `${suffix(subgraph)}_URL`;

/**
 * Grafbase's CLI, as the npm package @grafbase/cli-x86_64-unknown-linux-musl ships it (the package
 * declares no `bin`, so `npm run grafbase` names this path).
 */
export const GRAFBASE_BINARY = 'node_modules/@grafbase/cli-x86_64-unknown-linux-musl/grafbase';

/**
 * The demo's HS256 token key as a JSON Web Key Set (RFC 7517 `oct` key: `k` is the key's base64url,
 * which HOI_JWT_SECRET already is), for a router that verifies tokens from a key file.
 */
export const jwksOfSecret = (secret: string) => ({ keys: [{ kty: 'oct', alg: 'HS256', use: 'sig', k: secret }] });

/** The subgraphs `schema/supergraph.graphql` composes, by their `@join__graph` names: what each router's file must name. */
export const composedSubgraphNames = (supergraphSdl: string) => [...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)"/g)].map((m) => m[1]);
