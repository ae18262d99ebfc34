import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '@hoi/common/context';
import { createChapterLoaders } from './chapter/chapter.loaders.ts';
import { createMembershipLoaders } from './membership/membership-report.loaders.ts';

export function createRedCrossLoaders(em: EntityManager) {
  return { ...createChapterLoaders(em), ...createMembershipLoaders(em) };
}

export type RedCrossContext = RequestContext<ReturnType<typeof createRedCrossLoaders>>;
