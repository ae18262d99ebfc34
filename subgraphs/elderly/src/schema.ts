import { ElderlyAuditTrailResolver } from './audit/audit-trail.resolver.ts';
import { buildFederatedSchema } from '@hoi/common/federation';
import { AssociationPeriodReportResolver, ClubPeriodReportResolver, ElderlyPeriodReportResolver } from './period-report/elderly-period-report.resolver.ts';
import { ElderlyAssociationResolver } from './association/elderly-association.resolver.ts';
import { ClubActivityResolver, ClubLifeResolver, ClubMeetingResolver, ClubSpecialisedGroupResolver } from './club-life/club-life.resolver.ts';
import { ClubResolver } from './club/club.resolver.ts';
import { ClusterElderlyCompletenessFieldsResolver, ClusterElderlyCompletenessResolver, ClusterElderlyTotalsResolver } from './cluster-totals/cluster-totals.resolver.ts';
import { AssociationReportingCompletenessResolver, ElderlyReportingCompletenessFieldsResolver, NationalElderlyReportingCompletenessResolver } from './period-report/elderly-reporting-completeness.resolver.ts';
import { EmulationClusterFigures } from './cluster-totals/emulation-cluster.type.ts';
import type { ElderlyContext } from './context.ts';
import { AssociationFundResolver, ClubFundResolver, FundEntryResolver, FundStatisticsResolver } from './fund/club-fund.resolver.ts';
import { AssociationIntakeResolver, ClubMemberResolver, ClubMembersResolver, ClubStatisticsResolver, MembershipIntakeResolver } from './member/club-member.resolver.ts';
import { AssociationReplicationSchemeResolver, ReplicationSchemeResolver } from './scheme/replication-scheme.resolver.ts';
import { AssociationTrainingResolver, TrainingResolver } from './training/training.resolver.ts';
import { AssociationRepresentativeBoardResolver, RepresentativeBoardMemberResolver } from './representative-board/representative-board.resolver.ts';
import { ClubSmallGroupResolver, ClubSmallGroupsResolver } from './small-group/small-group.resolver.ts';

export function buildElderlySchema() {
  return buildFederatedSchema(
    {
      resolvers: [
        ElderlyAuditTrailResolver,
        ElderlyAssociationResolver,
        ClubResolver,
        FundEntryResolver,
        ClubFundResolver,
        FundStatisticsResolver,
        AssociationFundResolver,
        ClubMemberResolver,
        ClubMembersResolver,
        ClubStatisticsResolver,
        MembershipIntakeResolver,
        AssociationIntakeResolver,
        TrainingResolver,
        AssociationTrainingResolver,
        ReplicationSchemeResolver,
        AssociationReplicationSchemeResolver,
        ClubMeetingResolver,
        ClubActivityResolver,
        ClubSpecialisedGroupResolver,
        ClubLifeResolver,
        ClusterElderlyTotalsResolver,
        RepresentativeBoardMemberResolver,
        AssociationRepresentativeBoardResolver,
        ClubSmallGroupResolver,
        ClubSmallGroupsResolver,
        ElderlyPeriodReportResolver,
        AssociationPeriodReportResolver,
        ClubPeriodReportResolver,
        AssociationReportingCompletenessResolver,
        ElderlyReportingCompletenessFieldsResolver,
        NationalElderlyReportingCompletenessResolver,
        ClusterElderlyCompletenessResolver,
        ClusterElderlyCompletenessFieldsResolver,
      ],
      // Reached only through _entities, so nothing else would make it part of the schema.
      orphanedTypes: [EmulationClusterFigures],
    },
    {
      ElderlyAssociation: {
        __resolveReference: (reference: { id: string }, ctx: ElderlyContext) => ctx.loaders.ElderlyAssociationByIdLoader.load(reference.id),
      },
      Club: {
        __resolveReference: (reference: { id: string }, ctx: ElderlyContext) => ctx.loaders.ClubByIdLoader.load(reference.id),
      },
      // The representation carries the @requires'd member ids: it is the whole object this subgraph needs.
      EmulationCluster: {
        __resolveReference: (reference: { id: string; memberAssociationIds?: string[] }) => reference,
      },
    },
  );
}
