import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { writeTransaction } from '@hoi/common/writes';
import { badInput, conflict, notFound, ruleViolation } from '@hoi/common/errors';
import { sql } from '@hoi/common/orm';
import { requireClusterWrite } from '../cluster/cluster.access.ts';
import { EmulationCluster } from '../cluster/emulation-cluster.type.ts';
import type { EmulationContext } from '../context.ts';
import { EmulationScoreEntity } from './cycle.entity.ts';
import { assertCycleDate, constraintError, lockCycle, memberOf, moveCycle, todayInVietnam } from './cycle.rules.ts';
import { EmulationStage, stageReached } from './cycle.type.ts';
import { RecordEmulationScoresInput } from './score.type.ts';

@Resolver(() => EmulationCluster)
export class EmulationScoresResolver {
  @Mutation(() => EmulationCluster, {
    description:
      'Records a batch of scores of one member, each on a criterion the member has no score on yet. Refused before the criteria are set and once the ranking is computed; the first batch moves the cycle from CRITERIA_SET to SCORING.',
  })
  async recordEmulationScores(@Arg('input', () => RecordEmulationScoresInput) input: RecordEmulationScoresInput, @Ctx() ctx: EmulationContext): Promise<EmulationCluster | null> {
    const { clusterId, memberId, scores } = input;
    await requireClusterWrite(ctx, clusterId, 'clusterId');
    const seen = new Map<string, number>();
    for (const [index, score] of scores.entries()) {
      if (seen.has(score.criterionId)) throw badInput(`scores.${index}.criterionId`, `score ${index + 1} is on the criterion of score ${seen.get(score.criterionId)! + 1}: a criterion is scored once`);
      seen.set(score.criterionId, index);
    }
    const scoredOn = input.scoredOn ?? todayInVietnam();
    try {
      await writeTransaction(ctx.em, async (em) => {
        const cycle = await lockCycle(em, clusterId);
        if (cycle.stage === EmulationStage.REGISTRATION) throw ruleViolation('stage', 'scores come after the criteria, and the criteria of this cluster year are not set yet; the cycle is at REGISTRATION');
        if (stageReached(cycle.stage, EmulationStage.RANKED)) throw ruleViolation('stage', `the ranking is computed and the scores are final; the cycle is at ${cycle.stage}`);
        await memberOf(em, cycle, memberId);
        assertCycleDate(cycle, scoredOn, 'scoredOn', { date: cycle.criteriaSetOn, what: 'the criteria were set' });
        const criteria = await sql<{ id: string; clusterId: string; maxPoints: number; scored: boolean }>(
          em,
          `select c.id, c.cluster_id as "clusterId", c.max_points as "maxPoints",
                  exists (select 1 from emulation.score s where s.criterion_id = c.id and s.member_id = ?) as scored
             from emulation.criterion c where c.id in (?)`,
          [memberId, [...seen.keys()]],
        );
        const byId = new Map(criteria.map((criterion) => [criterion.id, criterion]));
        for (const [index, score] of scores.entries()) {
          const criterion = byId.get(score.criterionId);
          if (!criterion) throw notFound(`scores.${index}.criterionId`, 'no criterion has this id');
          if (criterion.clusterId !== clusterId) throw ruleViolation(`scores.${index}.criterionId`, 'the criterion is another cluster\'s');
          if (score.points > criterion.maxPoints) throw ruleViolation(`scores.${index}.points`, `points must be between 0 and the criterion's maximum, ${criterion.maxPoints}`);
          if (criterion.scored) throw conflict(`scores.${index}.criterionId`, 'the member already has a score on this criterion');
        }
        for (const score of scores) {
          em.create(EmulationScoreEntity, { clusterId, memberId, criterionId: score.criterionId, maxPoints: byId.get(score.criterionId)!.maxPoints, points: score.points, scoredOn });
        }
        if (cycle.stage === EmulationStage.CRITERIA_SET) await moveCycle(em, cycle, EmulationStage.SCORING, scoredOn);
      });
    } catch (error) {
      throw constraintError(error) ?? error;
    }
    return ctx.loaders.EmulationClusterByIdLoader.load(clusterId);
  }
}
