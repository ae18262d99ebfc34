import { Arg, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { PeriodInput, resolvePeriod } from '@hoi/common/period';
import { ElderlyAssociation } from '../association/elderly-association.type.ts';
import { notApproved, ReportBasis } from '@hoi/common/period-report';
import type { ElderlyContext } from '../context.ts';
import { ElderlyReportKind } from '../period-report/elderly-period-report.type.ts';
import { associationsOf, KIND } from '../period-report/elderly-reporting-completeness.resolver.ts';
import { ClusterElderlyReportingCompleteness, ElderlyTotals, EmulationClusterFigures } from './emulation-cluster.type.ts';

@Resolver(() => EmulationClusterFigures)
export class ClusterElderlyTotalsResolver {
  @FieldResolver(() => ElderlyTotals, {
    nullable: true,
    description: 'The member associations\' clubs, members and club funds at the end of a period. '
      + 'Null, with a SUBGRAPH_UNAVAILABLE error, while the elderly subgraph does not answer.',
  })
  @Directive('@requires(fields: "memberAssociationIds")')
  async elderlyTotals(
    @Root() cluster: EmulationClusterFigures,
    @Arg('period', () => PeriodInput) periodInput: PeriodInput,
    @Arg('basis', () => ReportBasis, {
      defaultValue: ReportBasis.LIVE,
      description: 'LIVE from the records now, or APPROVED: the topmost member associations\' approved reports for exactly this period (số liệu đã duyệt), added up; '
        + 'those without one are listed in unapprovedAssociationIds and not counted; none approved is NOT_APPROVED.',
    }) basis: ReportBasis,
    @Ctx() ctx: ElderlyContext,
  ): Promise<ElderlyTotals> {
    const period = resolvePeriod(periodInput);
    const associationIds = cluster.memberAssociationIds ?? [];
    const totals = await ctx.loaders.ElderlyTotalsByClusterLoader.load({ clusterId: cluster.id, associationIds, period, basis });
    if (basis === ReportBasis.APPROVED && totals.approvedReports!.length === 0) throw notApproved(associationIds, period);
    return totals;
  }
}

@Resolver(() => EmulationClusterFigures)
export class ClusterElderlyCompletenessResolver {
  @FieldResolver(() => ClusterElderlyReportingCompleteness, {
    nullable: true,
    description: 'How the member associations have reported their own reports for a period (tình hình báo cáo Hội Người cao tuổi của cụm). '
      + 'Null, with a SUBGRAPH_UNAVAILABLE error, while the elderly subgraph does not answer.',
  })
  @Directive('@requires(fields: "memberAssociationIds")')
  async elderlyCompleteness(
    @Root() cluster: EmulationClusterFigures,
    @Arg('period', () => PeriodInput) periodInput: PeriodInput,
    @Arg('kind', () => ElderlyReportKind, KIND) kind: ElderlyReportKind | null,
    @Ctx() ctx: ElderlyContext,
  ): Promise<ClusterElderlyReportingCompleteness> {
    const period = resolvePeriod(periodInput);
    const reportKind = kind ?? ElderlyReportKind.ACTIVITIES;
    const { missingIds, lateIds, groupKey: _group, ...counts } = await ctx.loaders.ElderlyCompletenessByClusterLoader.load({
      groupKey: cluster.id, associationIds: cluster.memberAssociationIds ?? [], kind: reportKind, period,
    });
    return { ...counts, kind: reportKind, period, missingAssociationIds: missingIds ?? [], lateAssociationIds: lateIds ?? [] };
  }
}

@Resolver(() => ClusterElderlyReportingCompleteness)
export class ClusterElderlyCompletenessFieldsResolver {
  @FieldResolver(() => [ElderlyAssociation], { description: 'The member associations without any report.' })
  missingAssociations(@Root() completeness: ClusterElderlyReportingCompleteness, @Ctx() ctx: ElderlyContext) {
    return associationsOf(ctx, completeness.missingAssociationIds);
  }

  @FieldResolver(() => [ElderlyAssociation], { description: 'The member associations that are late.' })
  lateAssociations(@Root() completeness: ClusterElderlyReportingCompleteness, @Ctx() ctx: ElderlyContext) {
    return associationsOf(ctx, completeness.lateAssociationIds);
  }
}
