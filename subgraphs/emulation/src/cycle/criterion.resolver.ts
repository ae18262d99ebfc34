import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { writeTransaction } from '@hoi/common/writes';
import { badInput, ruleViolation } from '@hoi/common/errors';
import { sql } from '@hoi/common/orm';
import { requireClusterWrite } from '../cluster/cluster.access.ts';
import { EmulationCluster } from '../cluster/emulation-cluster.type.ts';
import type { EmulationContext } from '../context.ts';
import { SetEmulationCriteriaInput } from './criterion.type.ts';
import { EmulationCriterionEntity } from './cycle.entity.ts';
import { assertCycleDate, cleanOptionalText, cleanText, constraintError, lockCycle, moveCycle, requireStage, todayInVietnam } from './cycle.rules.ts';
import { EmulationStage } from './cycle.type.ts';

@Resolver(() => EmulationCluster)
export class EmulationCriteriaResolver {
  @Mutation(() => EmulationCluster, {
    description:
      'Sets all the scoring criteria of a cluster year at once, in one transaction, replacing any set before; the weights must add up to 100. Moves the cycle from REGISTRATION to CRITERIA_SET; refused once scoring has started.',
  })
  async setEmulationCriteria(@Arg('input', () => SetEmulationCriteriaInput) input: SetEmulationCriteriaInput, @Ctx() ctx: EmulationContext): Promise<EmulationCluster | null> {
    const { clusterId } = input;
    await requireClusterWrite(ctx, clusterId, 'clusterId');
    const criteria = input.criteria.map((criterion, index) => ({
      id: randomUUID(),
      clusterId,
      position: index + 1,
      name: cleanText(criterion.name),
      description: cleanOptionalText(criterion.description),
      weight: criterion.weight,
      maxPoints: criterion.maxPoints,
    }));
    const names = new Map<string, number>();
    for (const [index, criterion] of criteria.entries()) {
      const key = criterion.name.toLocaleLowerCase('vi');
      if (names.has(key)) throw badInput(`criteria.${index}.name`, `criterion ${index + 1} has the name of criterion ${names.get(key)! + 1}`);
      names.set(key, index);
    }
    const total = criteria.reduce((sum, criterion) => sum + criterion.weight, 0);
    if (total !== 100) throw ruleViolation('criteria', `the weights add up to ${total}; they must add up to 100`);
    const setOn = input.setOn ?? todayInVietnam();
    try {
      await writeTransaction(ctx.em, async (em) => {
        const cycle = await lockCycle(em, clusterId);
        requireStage(cycle, [EmulationStage.REGISTRATION, EmulationStage.CRITERIA_SET], 'the criteria cannot change once scoring has started');
        assertCycleDate(cycle, setOn, 'setOn');
        await sql(em, `delete from emulation.criterion where cluster_id = ?`, [clusterId]);
        for (const criterion of criteria) em.create(EmulationCriterionEntity, criterion);
        await moveCycle(em, cycle, EmulationStage.CRITERIA_SET, setOn);
      });
    } catch (error) {
      throw constraintError(error) ?? error;
    }
    return ctx.loaders.EmulationClusterByIdLoader.load(clusterId);
  }
}
