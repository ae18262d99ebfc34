import type { SubgraphDefinition } from '@hoi/common/service';
import { places } from '@hoi/places';
import { redCross } from '@hoi/red-cross';
import { elderly } from '@hoi/elderly';
import { emulation } from '@hoi/emulation';

/** The subgraphs in the order they are migrated and seeded, with their default local ports. */
export const SUBGRAPHS: { definition: SubgraphDefinition<unknown>; port: number }[] = [
  { definition: places as SubgraphDefinition<unknown>, port: 4001 },
  { definition: redCross as SubgraphDefinition<unknown>, port: 4002 },
  { definition: elderly as SubgraphDefinition<unknown>, port: 4003 },
  { definition: emulation as SubgraphDefinition<unknown>, port: 4004 },
];

export const GATEWAY_PORT = 4000;
