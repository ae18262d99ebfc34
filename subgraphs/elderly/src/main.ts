import { subgraphMain } from '@hoi/common/service';
import { elderly } from './index.ts';

await subgraphMain(elderly, 4003);
