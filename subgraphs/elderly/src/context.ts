import type { RequestContext } from '@hoi/common/context';
import { loaderGroups } from '@hoi/common/loaders';
import { createAssociationLoaders } from './association/elderly-association.loaders.ts';
import { createClubLifeLoaders } from './club-life/club-life.loaders.ts';
import { createClubLoaders } from './club/club.loaders.ts';
import { createElderlyTotalsLoaders } from './cluster-totals/cluster-totals.loaders.ts';
import { createClubFundLoaders } from './fund/club-fund.loaders.ts';
import { createMemberLoaders } from './member/club-member.loaders.ts';
import { createReplicationSchemeLoaders } from './scheme/replication-scheme.loaders.ts';
import { createTrainingLoaders } from './training/training.loaders.ts';
import { createRepresentativeBoardLoaders } from './representative-board/representative-board.loaders.ts';
import { createSmallGroupLoaders } from './small-group/small-group.loaders.ts';
import { createElderlyPeriodReportLoaders } from './period-report/elderly-period-report.loaders.ts';
import { createElderlyReportingCompletenessLoaders } from './period-report/elderly-reporting-completeness.loaders.ts';

/** Fresh loaders for each request, each group made when first read: nothing cached outlives it. */
export const createElderlyLoaders = loaderGroups(
  createAssociationLoaders,
  createClubLoaders,
  createClubFundLoaders,
  createMemberLoaders,
  createTrainingLoaders,
  createReplicationSchemeLoaders,
  createClubLifeLoaders,
  createElderlyTotalsLoaders,
  createRepresentativeBoardLoaders,
  createSmallGroupLoaders,
  createElderlyPeriodReportLoaders,
  createElderlyReportingCompletenessLoaders,
);

export type ElderlyContext = RequestContext<ReturnType<typeof createElderlyLoaders>>;
