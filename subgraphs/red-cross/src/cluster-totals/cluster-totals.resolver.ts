import { Arg, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { PeriodInput, resolvePeriod } from '@hoi/common/period';
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
  redCrossTotals(@Root() cluster: EmulationClusterFigures, @Arg('period', () => PeriodInput) period: PeriodInput, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.RedCrossTotalsByClusterLoader.load({ clusterId: cluster.id, chapterIds: cluster.memberChapterIds ?? [], period: resolvePeriod(period) });
  }
}
