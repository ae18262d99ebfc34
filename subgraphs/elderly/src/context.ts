import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '@hoi/common/context';
import { createAssociationLoaders } from './association/elderly-association.loaders.ts';
import { createClubLoaders } from './club/club.loaders.ts';

export function createElderlyLoaders(em: EntityManager) {
  return { ...createAssociationLoaders(em), ...createClubLoaders(em) };
}

export type ElderlyContext = RequestContext<ReturnType<typeof createElderlyLoaders>>;
