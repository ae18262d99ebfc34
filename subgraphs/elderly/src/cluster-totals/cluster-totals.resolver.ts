import { Arg, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { PeriodInput, resolvePeriod } from '@hoi/common/period';
import { notApproved, ReportBasis } from '@hoi/common/period-report';
import type { ElderlyContext } from '../context.ts';
import { ElderlyTotals, EmulationClusterFigures } from './emulation-cluster.type.ts';

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
