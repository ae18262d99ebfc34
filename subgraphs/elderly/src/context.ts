import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '@hoi/common/context';
import { createAssociationLoaders } from './association/elderly-association.loaders.ts';
import { createClubLoaders } from './club/club.loaders.ts';
import { createMemberLoaders } from './member/club-member.loaders.ts';

export function createElderlyLoaders(em: EntityManager) {
  return { ...createAssociationLoaders(em), ...createClubLoaders(em), ...createMemberLoaders(em) };
}

export type ElderlyContext = RequestContext<ReturnType<typeof createElderlyLoaders>>;
