import type { RequestContext } from '@hoi/common/context';
import { loaderGroups } from '@hoi/common/loaders';
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

/** Fresh loaders for each request, each group made when first read: nothing cached outlives it. */
export const createRedCrossLoaders = loaderGroups(
  createChapterLoaders,
  createMembershipLoaders,
  createCampaignLoaders,
  createReliefLoaders,
  createTargetLoaders,
  createClusterTotalsLoaders,
  createBloodDonationLoaders,
  createModelProgrammeLoaders,
  createGovernanceLoaders,
  createPeriodReportLoaders,
  createReportingCompletenessLoaders,
);

export type RedCrossContext = RequestContext<ReturnType<typeof createRedCrossLoaders>>;
