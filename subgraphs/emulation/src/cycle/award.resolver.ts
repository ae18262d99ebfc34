import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { writeTransaction } from '@hoi/common/writes';
import { conflict } from '@hoi/common/errors';
import { sql } from '@hoi/common/orm';
import { requireClusterWrite } from '../cluster/cluster.access.ts';
import type { EmulationContext } from '../context.ts';
import { CommendationProposal, EmulationTitleAward, ProposeEmulationCommendationInput, VoteEmulationTitleInput } from './award.type.ts';
import { CommendationProposalEntity, EmulationTitleAwardEntity } from './cycle.entity.ts';
import { cleanOptionalText, constraintError, enterVote, lockCycle, memberOf, todayInVietnam } from './cycle.rules.ts';

@Resolver(() => EmulationTitleAward)
export class EmulationAwardResolver {
  @Mutation(() => EmulationTitleAward, {
    description: 'Records an emulation title the cluster voted (suy tôn) for one of its members; once the cycle is RANKED. The first vote or proposal moves the cycle to TITLES_VOTED.',
  })
  async voteEmulationTitle(@Arg('input', () => VoteEmulationTitleInput) input: VoteEmulationTitleInput, @Ctx() ctx: EmulationContext): Promise<EmulationTitleAward> {
    const { clusterId, memberId, title } = input;
    await requireClusterWrite(ctx, clusterId, 'clusterId');
    const note = cleanOptionalText(input.note);
    const votedOn = input.votedOn ?? todayInVietnam();
    const id = randomUUID();
    try {
      return await writeTransaction(ctx.em, async (em) => {
        const cycle = await lockCycle(em, clusterId);
        await enterVote(em, cycle, votedOn, 'votedOn');
        const member = await memberOf(em, cycle, memberId);
        const [existing] = await sql(em, `select 1 from emulation.title_award where member_id = ? and title = ?`, [memberId, title]);
        if (existing) throw conflict('title', `the member already has the title ${title}`);
        em.create(EmulationTitleAwardEntity, { id, clusterId, memberId, title, votedOn, note });
        return { id, clusterId, member, title, votedOn, note };
      });
    } catch (error) {
      throw constraintError(error) ?? error;
    }
  }

  @Mutation(() => CommendationProposal, {
    description: 'Records a commendation the cluster proposed (đề nghị khen thưởng) for one of its members; once the cycle is RANKED. The first vote or proposal moves the cycle to TITLES_VOTED.',
  })
  async proposeEmulationCommendation(
    @Arg('input', () => ProposeEmulationCommendationInput) input: ProposeEmulationCommendationInput,
    @Ctx() ctx: EmulationContext,
  ): Promise<CommendationProposal> {
    const { clusterId, memberId, form } = input;
    await requireClusterWrite(ctx, clusterId, 'clusterId');
    const reason = cleanOptionalText(input.reason);
    const proposedOn = input.proposedOn ?? todayInVietnam();
    const id = randomUUID();
    try {
      return await writeTransaction(ctx.em, async (em) => {
        const cycle = await lockCycle(em, clusterId);
        await enterVote(em, cycle, proposedOn, 'proposedOn');
        const member = await memberOf(em, cycle, memberId);
        const [existing] = await sql(em, `select 1 from emulation.commendation_proposal where member_id = ? and form = ?`, [memberId, form]);
        if (existing) throw conflict('form', `the member is already proposed for ${form}`);
        em.create(CommendationProposalEntity, { id, clusterId, memberId, form, proposedOn, reason });
        return { id, clusterId, member, form, proposedOn, reason };
      });
    } catch (error) {
      throw constraintError(error) ?? error;
    }
  }
}
