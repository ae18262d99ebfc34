import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { writeTransaction } from '@hoi/common/writes';
import { conflict } from '@hoi/common/errors';
import { sql } from '@hoi/common/orm';
import { requireClusterWrite } from '../cluster/cluster.access.ts';
import type { EmulationContext } from '../context.ts';
import { EmulationRegistrationEntity } from './cycle.entity.ts';
import { assertCycleDate, cleanOptionalText, cleanText, constraintError, lockCycle, memberOf, requireStage, todayInVietnam } from './cycle.rules.ts';
import { EmulationStage } from './cycle.type.ts';
import { EmulationRegistration, RegisterEmulationCommitmentInput } from './registration.type.ts';

@Resolver(() => EmulationRegistration)
export class EmulationRegistrationResolver {
  @Mutation(() => EmulationRegistration, {
    description: 'Registers an emulation commitment (đăng ký giao ước thi đua) or a model programme of a member; only while the cycle is at REGISTRATION.',
  })
  async registerEmulationCommitment(
    @Arg('input', () => RegisterEmulationCommitmentInput) input: RegisterEmulationCommitmentInput,
    @Ctx() ctx: EmulationContext,
  ): Promise<EmulationRegistration> {
    const { clusterId, memberId, kind } = input;
    await requireClusterWrite(ctx, clusterId, 'clusterId');
    const title = cleanText(input.title);
    const description = cleanOptionalText(input.description);
    const registeredOn = input.registeredOn ?? todayInVietnam();
    const id = randomUUID();
    try {
      return await writeTransaction(ctx.em, async (em) => {
        const cycle = await lockCycle(em, clusterId);
        requireStage(cycle, [EmulationStage.REGISTRATION], 'commitments and model programmes are registered at the start of the cycle, before the criteria are set');
        const member = await memberOf(em, cycle, memberId);
        assertCycleDate(cycle, registeredOn, 'registeredOn');
        const [existing] = await sql(em, `select 1 from emulation.registration where member_id = ? and kind = ? and lower(title) = lower(?)`, [memberId, kind, title]);
        if (existing) throw conflict('title', `the member has already registered "${title}" as a ${kind}`);
        em.create(EmulationRegistrationEntity, { id, clusterId, memberId, kind, title, description, registeredOn });
        return { id, clusterId, member, kind, title, description, registeredOn };
      });
    } catch (error) {
      throw constraintError(error) ?? error;
    }
  }
}
