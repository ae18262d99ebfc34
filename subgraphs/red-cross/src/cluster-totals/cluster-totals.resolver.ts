import { Arg, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { PeriodInput, resolvePeriod } from '@hoi/common/period';
import { notApproved, ReportBasis } from '@hoi/common/period-report';
import type { RedCrossContext } from '../context.ts';
import { EmulationClusterFigures, RedCrossTotals } from './emulation-cluster.type.ts';

@Resolver(() => EmulationClusterFigures)
export class ClusterRedCrossTotalsResolver {
  @FieldResolver(() => RedCrossTotals, {
    nullable: true,
    description: 'The member chapters\' Red Cross figures for a period: membership from their reports, assistance from their relief activities. '
      + 'Null, with a SUBGRAPH_UNAVAILABLE error, while the red-cross subgraph does not answer.',
  })
  @Directive('@requires(fields: "memberChapterIds")')
  async redCrossTotals(
    @Root() cluster: EmulationClusterFigures,
    @Arg('period', () => PeriodInput) periodInput: PeriodInput,
    @Arg('basis', () => ReportBasis, {
      defaultValue: ReportBasis.LIVE,
      description: 'LIVE from the records now, or APPROVED: the member chapters\' approved reports for exactly this period (số liệu đã duyệt), added up; '
        + 'members without one are listed in unapprovedChapterIds and not counted; none approved is NOT_APPROVED.',
    }) basis: ReportBasis,
    @Ctx() ctx: RedCrossContext,
  ): Promise<RedCrossTotals> {
    const period = resolvePeriod(periodInput);
    const chapterIds = cluster.memberChapterIds ?? [];
    const totals = await ctx.loaders.RedCrossTotalsByClusterLoader.load({ clusterId: cluster.id, chapterIds, period, basis });
    if (basis === ReportBasis.APPROVED && totals.approvedReports!.length === 0) throw notApproved(chapterIds, period);
    return totals;
  }
}
