import { buildFederatedSchema } from '@hoi/common/federation';
import { ChapterResolver } from './chapter/chapter.resolver.ts';
import type { RedCrossContext } from './context.ts';
import { ChapterMembershipResolver, MembershipReportResolver } from './membership/membership-report.resolver.ts';
import { CampaignResolver } from './campaign/campaign.resolver.ts';
import { ChapterReliefResolver, ReliefActivityResolver, ReliefSummaryResolver, ReliefSummaryRowResolver } from './relief/relief-activity.resolver.ts';
import { ChapterTargetResolver, TargetResolver } from './target/target.resolver.ts';
import { BloodDonationAwarenessRoundResolver, BloodDonationProgrammeResolver, BloodUnitReceiptResolver, ChapterBloodDonationResolver } from './blood-donation/blood-donation.resolver.ts';
import { ChapterModelProgrammeResolver, ModelProgrammeResolver } from './model-programme/model-programme.resolver.ts';
import { ChapterTermsResolver, TermResolver } from './governance/term.resolver.ts';
import { OfficeHolderResolver } from './governance/office-holder.resolver.ts';
import { TermDocumentResolver } from './governance/term-document.resolver.ts';
import { ExecutiveCommitteeResolver, InspectionCommitteeResolver } from './governance/committee.resolver.ts';

export function buildRedCrossSchema() {
  return buildFederatedSchema(
    { resolvers: [ChapterResolver, ChapterMembershipResolver, MembershipReportResolver, CampaignResolver, ReliefActivityResolver, ReliefSummaryResolver, ReliefSummaryRowResolver, ChapterReliefResolver, TargetResolver, ChapterTargetResolver, BloodDonationProgrammeResolver, BloodDonationAwarenessRoundResolver, BloodUnitReceiptResolver, ChapterBloodDonationResolver, ModelProgrammeResolver, ChapterModelProgrammeResolver, ChapterTermsResolver, TermResolver, OfficeHolderResolver, TermDocumentResolver, ExecutiveCommitteeResolver, InspectionCommitteeResolver] },
    {
      Chapter: {
        __resolveReference: (reference: { id: string }, ctx: RedCrossContext) => ctx.loaders.ChapterByIdLoader.load(reference.id),
      },
      Campaign: {
        __resolveReference: (reference: { id: string }, ctx: RedCrossContext) => ctx.loaders.CampaignByIdLoader.load(reference.id),
      },
    },
  );
}
