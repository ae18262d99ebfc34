import type { RequestContext } from '@hoi/common/context';
import { loaderGroups } from '@hoi/common/loaders';
import { createClusterLoaders } from './cluster/emulation-cluster.loaders.ts';
import { createCycleLoaders } from './cycle/cycle.loaders.ts';
import { createClusterMeetingLoaders } from './meeting/cluster-meeting.loaders.ts';
import { createRegulationLoaders } from './regulation/regulation.loaders.ts';
import { createClusterRoleLoaders } from './role/cluster-role.loaders.ts';

/** Fresh loaders for each request, each group made when first read: nothing cached outlives it. */
export const createEmulationLoaders = loaderGroups(createClusterLoaders, createClusterRoleLoaders, createRegulationLoaders, createClusterMeetingLoaders, createCycleLoaders);

export type EmulationContext = RequestContext<ReturnType<typeof createEmulationLoaders>>;
