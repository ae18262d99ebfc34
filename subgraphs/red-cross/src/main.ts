import { subgraphMain } from '@hoi/common/service';
import { redCross } from './index.ts';

await subgraphMain(redCross, 4002);
