import { subgraphMain } from '@hoi/common/service';
import { emulation } from './index.ts';

await subgraphMain(emulation, 4004);
