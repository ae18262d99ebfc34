import type { SubgraphDefinition } from '@hoi/common/service';
import { places } from '@hoi/places';
import { redCross } from '@hoi/red-cross';
import { elderly } from '@hoi/elderly';
import { emulation } from '@hoi/emulation';
import { GATEWAY_PORT, SUBGRAPH_PORTS } from './service-ports.ts';

/** The subgraphs in the order they are migrated and seeded, with their default local ports. */
export const SUBGRAPHS: { definition: SubgraphDefinition<unknown>; port: number }[] = [
  { definition: places as SubgraphDefinition<unknown>, port: SUBGRAPH_PORTS['places'] },
  { definition: redCross as SubgraphDefinition<unknown>, port: SUBGRAPH_PORTS['red-cross'] },
  { definition: elderly as SubgraphDefinition<unknown>, port: SUBGRAPH_PORTS['elderly'] },
  { definition: emulation as SubgraphDefinition<unknown>, port: SUBGRAPH_PORTS['emulation'] },
];

export { GATEWAY_PORT };
