import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '@hoi/common/context';
import { createClusterLoaders } from './cluster/emulation-cluster.loaders.ts';
import { createCycleLoaders } from './cycle/cycle.loaders.ts';
import { createClusterMeetingLoaders } from './meeting/cluster-meeting.loaders.ts';
import { createRegulationLoaders } from './regulation/regulation.loaders.ts';
import { createClusterRoleLoaders } from './role/cluster-role.loaders.ts';

export function createEmulationLoaders(em: EntityManager) {
  return { ...createClusterLoaders(em), ...createClusterRoleLoaders(em), ...createRegulationLoaders(em), ...createClusterMeetingLoaders(em), ...createCycleLoaders(em) };
}

export type EmulationContext = RequestContext<ReturnType<typeof createEmulationLoaders>>;
