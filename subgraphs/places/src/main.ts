import { subgraphMain } from '@hoi/common/service';
import { places } from './index.ts';

await subgraphMain(places, 4001);
