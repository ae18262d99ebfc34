import { gatewayKeyFor, loadOrCreateSecret } from '@hoi/common/identity';
import { gatewayKeyVariable, SUBGRAPH_NAMES } from '../routers/environment.ts';

/**
 * Each subgraph's gateway key for HOI_GATEWAY_SECRET (or the demo secret `npm start` made), as
 * shell assignments for a router that is not @apollo/gateway (routers/): `eval "$(npm run -s gateway-keys)"`.
 */
const secret = process.env.HOI_GATEWAY_SECRET || loadOrCreateSecret('.data/keys/gateway-secret');
for (const subgraph of SUBGRAPH_NAMES) console.log(`export ${gatewayKeyVariable(subgraph)}=${gatewayKeyFor(secret, subgraph)}`);
