import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '@hoi/common/context';
import { createClusterLoaders } from './cluster/emulation-cluster.loaders.ts';

export function createEmulationLoaders(em: EntityManager) {
  return { ...createClusterLoaders(em) };
}

export type EmulationContext = RequestContext<ReturnType<typeof createEmulationLoaders>>;
