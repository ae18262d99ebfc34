import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { writeTransaction } from '@hoi/common/writes';
import { ruleViolation } from '@hoi/common/errors';
import { sql } from '@hoi/common/orm';
import { requireClusterWrite } from '../cluster/cluster.access.ts';
import { EmulationCluster } from '../cluster/emulation-cluster.type.ts';
import type { EmulationContext } from '../context.ts';
import { assertCycleDate, lockCycle, moveCycle, todayInVietnam } from './cycle.rules.ts';
import { EmulationStage } from './cycle.type.ts';
import { ComputeEmulationRankingInput } from './ranking.type.ts';

@Resolver(() => EmulationCluster)
export class EmulationRankingResolver {
  @Mutation(() => EmulationCluster, {
    description:
      'Closes scoring and ranks the members (moves the cycle from SCORING to RANKED); every member must be scored on every criterion. The ranking itself is computed in SQL from the frozen scores: read EmulationCluster.ranking.',
  })
  async computeEmulationRanking(@Arg('input', () => ComputeEmulationRankingInput) input: ComputeEmulationRankingInput, @Ctx() ctx: EmulationContext): Promise<EmulationCluster | null> {
    const { clusterId } = input;
    await requireClusterWrite(ctx, clusterId, 'clusterId');
    const rankedOn = input.rankedOn ?? todayInVietnam();
    await writeTransaction(ctx.em, async (em) => {
      const cycle = await lockCycle(em, clusterId);
      if (cycle.stage === EmulationStage.REGISTRATION || cycle.stage === EmulationStage.CRITERIA_SET) {
        throw ruleViolation('stage', `scoring has not started, so there is nothing to rank yet; the cycle is at ${cycle.stage}`);
      }
      if (cycle.stage !== EmulationStage.SCORING) throw ruleViolation('stage', `the ranking was computed already${cycle.rankedOn ? ` on ${cycle.rankedOn}` : ''}; the cycle is at ${cycle.stage}`);
      assertCycleDate(cycle, rankedOn, 'rankedOn', { date: cycle.scoringStartedOn, what: 'scoring started' });
      const [counts] = await sql<{ members: number; criteria: number; scores: number }>(
        em,
        `select (select count(*) from emulation.cluster_member where cluster_id = ?)::integer as members,
                (select count(*) from emulation.criterion where cluster_id = ?)::integer as criteria,
                (select count(*) from emulation.score where cluster_id = ?)::integer as scores`,
        [clusterId, clusterId, clusterId],
      );
      const expected = counts.members * counts.criteria;
      if (counts.scores < expected) {
        throw ruleViolation('scores', `${expected - counts.scores} of the ${expected} scores are missing: every member is scored on every criterion before the ranking`);
      }
      await moveCycle(em, cycle, EmulationStage.RANKED, rankedOn);
    });
    return ctx.loaders.EmulationClusterByIdLoader.load(clusterId);
  }
}
