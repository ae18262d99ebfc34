import { Arg, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { PeriodInput, resolvePeriod } from '@hoi/common/period';
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
  elderlyTotals(@Root() cluster: EmulationClusterFigures, @Arg('period', () => PeriodInput) period: PeriodInput, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ElderlyTotalsByClusterLoader.load({ clusterId: cluster.id, associationIds: cluster.memberAssociationIds ?? [], period: resolvePeriod(period) });
  }
}
