import { RedCrossAuditTrailResolver } from './audit/audit-trail.resolver.ts';
import { buildFederatedSchema } from '@hoi/common/federation';
import { BloodDonationAwarenessRoundResolver, BloodDonationProgrammeResolver, BloodUnitReceiptResolver, ChapterBloodDonationResolver } from './blood-donation/blood-donation.resolver.ts';
import { CampaignResolver } from './campaign/campaign.resolver.ts';
import { ChapterResolver } from './chapter/chapter.resolver.ts';
import { ClusterRedCrossTotalsResolver } from './cluster-totals/cluster-totals.resolver.ts';
import { EmulationClusterFigures } from './cluster-totals/emulation-cluster.type.ts';
import type { RedCrossContext } from './context.ts';
import { ExecutiveCommitteeResolver, InspectionCommitteeResolver } from './governance/committee.resolver.ts';
import { OfficeHolderResolver } from './governance/office-holder.resolver.ts';
import { TermDocumentResolver } from './governance/term-document.resolver.ts';
import { ChapterTermsResolver, TermResolver } from './governance/term.resolver.ts';
import { ChapterMembershipResolver, MembershipReportResolver } from './membership/membership-report.resolver.ts';
import { ChapterModelProgrammeResolver, ModelProgrammeResolver } from './model-programme/model-programme.resolver.ts';
import { ChapterReliefResolver, ReliefActivityResolver, ReliefSummaryResolver, ReliefSummaryRowResolver } from './relief/relief-activity.resolver.ts';
import { ChapterTargetResolver, TargetResolver } from './target/target.resolver.ts';
import { ChapterPeriodReportResolver, PeriodReportResolver } from './period-report/period-report.resolver.ts';
import {
  ChapterReportingCompletenessFieldsResolver,
  ChapterReportingCompletenessResolver,
  ClusterReportingCompletenessFieldsResolver,
  ClusterReportingCompletenessResolver,
  NationalReportingCompletenessResolver,
} from './period-report/reporting-completeness.resolver.ts';

export function buildRedCrossSchema() {
  return buildFederatedSchema(
    {
      resolvers: [
        ChapterResolver,
        ChapterMembershipResolver,
        MembershipReportResolver,
        CampaignResolver,
        ReliefActivityResolver,
        ReliefSummaryResolver,
        ReliefSummaryRowResolver,
        ChapterReliefResolver,
        TargetResolver,
        ChapterTargetResolver,
        BloodDonationProgrammeResolver,
        BloodDonationAwarenessRoundResolver,
        BloodUnitReceiptResolver,
        ChapterBloodDonationResolver,
        ModelProgrammeResolver,
        ChapterModelProgrammeResolver,
        ChapterTermsResolver,
        TermResolver,
        OfficeHolderResolver,
        TermDocumentResolver,
        ExecutiveCommitteeResolver,
        InspectionCommitteeResolver,
        ClusterRedCrossTotalsResolver,
        RedCrossAuditTrailResolver,
        PeriodReportResolver,
        ChapterPeriodReportResolver,
        ChapterReportingCompletenessResolver,
        ChapterReportingCompletenessFieldsResolver,
        ClusterReportingCompletenessResolver,
        ClusterReportingCompletenessFieldsResolver,
        NationalReportingCompletenessResolver,
      ],
      // Reached only through _entities, so nothing else would make it part of the schema.
      orphanedTypes: [EmulationClusterFigures],
    },
    {
      Chapter: {
        __resolveReference: (reference: { id: string }, ctx: RedCrossContext) => ctx.loaders.ChapterByIdLoader.load(reference.id),
      },
      Campaign: {
        __resolveReference: (reference: { id: string }, ctx: RedCrossContext) => ctx.loaders.CampaignByIdLoader.load(reference.id),
      },
      // The representation carries the @requires'd member ids: it is the whole object this subgraph needs.
      EmulationCluster: {
        __resolveReference: (reference: { id: string; memberChapterIds?: string[] }) => reference,
      },
    },
  );
}
