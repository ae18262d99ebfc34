import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '@hoi/common/context';
import { createChapterLoaders } from './chapter/chapter.loaders.ts';
import { createMembershipLoaders } from './membership/membership-report.loaders.ts';
import { createCampaignLoaders } from './campaign/campaign.loaders.ts';
import { createReliefLoaders } from './relief/relief-activity.loaders.ts';
import { createTargetLoaders } from './target/target.loaders.ts';
import { createClusterTotalsLoaders } from './cluster-totals/cluster-totals.loaders.ts';
import { createBloodDonationLoaders } from './blood-donation/blood-donation.loaders.ts';
import { createModelProgrammeLoaders } from './model-programme/model-programme.loaders.ts';
import { createGovernanceLoaders } from './governance/term.loaders.ts';
import { createPeriodReportLoaders } from './period-report/period-report.loaders.ts';
import { createReportingCompletenessLoaders } from './period-report/reporting-completeness.loaders.ts';

export function createRedCrossLoaders(em: EntityManager) {
  return { ...createChapterLoaders(em), ...createMembershipLoaders(em), ...createCampaignLoaders(em), ...createReliefLoaders(em), ...createTargetLoaders(em), ...createClusterTotalsLoaders(em), ...createBloodDonationLoaders(em), ...createModelProgrammeLoaders(em), ...createGovernanceLoaders(em), ...createPeriodReportLoaders(em), ...createReportingCompletenessLoaders(em) };
}

export type RedCrossContext = RequestContext<ReturnType<typeof createRedCrossLoaders>>;
