import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { writeTransaction } from '@hoi/common/writes';
import { badInput, conflict, notFound, ruleViolation } from '@hoi/common/errors';
import { sql } from '@hoi/common/orm';
import { requireClusterWrite } from '../cluster/cluster.access.ts';
import { EmulationCluster } from '../cluster/emulation-cluster.type.ts';
import type { EmulationContext } from '../context.ts';
import { ClusterMeeting } from '../meeting/cluster-meeting.type.ts';
import { assertInClusterYear, cleanText, constraintError, lockCluster, todayInVietnam } from '../role/cluster-year.errors.ts';
import { RegulationEntity } from './regulation.entity.ts';
import { outcomeOf, RecordRegulationVoteInput, Regulation, RegulationStatus, votesCast } from './regulation.type.ts';

const COUNTS = ['votesFor', 'votesAgainst', 'votesAbstaining'] as const;

/**
 * The outcome of a vote. With counts it follows from them, and a status that contradicts them is
 * refused (RULE_VIOLATION): a vote with too few votes for is still recorded, as REJECTED, since a
 * cluster's record of a failed vote is a fact worth keeping. Without counts (an article that says
 * only "biểu quyết thông qua") the caller states the outcome.
 */
function decideOutcome(input: RecordRegulationVoteInput): { status: RegulationStatus; counts: [number, number, number] | null } {
  const given = COUNTS.filter((count) => input[count] != null);
  if (given.length > 0 && given.length < COUNTS.length) {
    const missing = COUNTS.find((count) => input[count] == null)!;
    throw badInput(missing, 'give votesFor, votesAgainst and votesAbstaining together, or none of them');
  }
  if (given.length === 0) {
    if (!input.status) throw badInput('status', 'without vote counts, status must say whether the regulation was adopted');
    return { status: input.status, counts: null };
  }
  const counts: [number, number, number] = [input.votesFor!, input.votesAgainst!, input.votesAbstaining!];
  const cast = votesCast(...counts);
  if (cast === 0) throw badInput('votesFor', 'no votes were cast');
  const status = outcomeOf(counts[0], cast);
  if (input.status && input.status !== status) {
    throw ruleViolation(
      'status',
      `${counts[0]} of ${cast} votes cast were for it: a regulation is adopted only when more than half of the votes cast are for it, so it is ${status}`,
    );
  }
  return { status, counts };
}

@Resolver(() => Regulation)
export class RegulationResolver {
  @Mutation(() => Regulation, {
    description: 'Records the vote (biểu quyết) on a cluster\'s regulation (quy chế hoạt động). Adopted only when the votes for are more than half of the votes cast (for, against and abstaining); otherwise recorded as REJECTED. A cluster adopts one regulation.',
  })
  async recordRegulationVote(@Arg('input', () => RecordRegulationVoteInput) input: RecordRegulationVoteInput, @Ctx() ctx: EmulationContext): Promise<Regulation> {
    const { clusterId } = input;
    await requireClusterWrite(ctx, clusterId, 'clusterId');
    const title = cleanText(input.title);
    const { status, counts } = decideOutcome(input);
    const meetingId = input.meetingId ?? null;
    const id = randomUUID();
    try {
      return await writeTransaction(ctx.em, async (em) => {
        const { year } = await lockCluster(em, clusterId);
        let votedOn = input.votedOn ?? null;
        if (meetingId) {
          const [meeting] = await sql<{ clusterId: string; heldOn: string | null }>(
            em,
            `select cluster_id as "clusterId", to_char(held_on, 'YYYY-MM-DD') as "heldOn" from emulation.cluster_meeting where id = ?`,
            [meetingId],
          );
          if (!meeting) throw notFound('meetingId', 'no cluster meeting has this id');
          if (meeting.clusterId !== clusterId) throw ruleViolation('meetingId', 'the meeting is another cluster\'s');
          if (votedOn && meeting.heldOn && votedOn !== meeting.heldOn) throw ruleViolation('votedOn', `the vote took place at the meeting, held on ${meeting.heldOn}`);
          votedOn ??= meeting.heldOn;
        }
        assertInClusterYear(year, votedOn, 'votedOn');
        if (votedOn && votedOn > todayInVietnam()) throw ruleViolation('votedOn', 'votedOn must not be in the future');
        if (status === RegulationStatus.ADOPTED) {
          const [adopted] = await sql<{ title: string }>(em, `select title from emulation.regulation where cluster_id = ? and status = 'ADOPTED'`, [clusterId]);
          if (adopted) throw conflict('clusterId', `the cluster has already adopted its regulation "${adopted.title}"`);
        }
        const [votesFor, votesAgainst, votesAbstaining] = counts ?? [null, null, null];
        em.create(RegulationEntity, { id, clusterId, title, status, votesFor, votesAgainst, votesAbstaining, votedOn, meetingId });
        return { id, clusterId, title, status, votesFor, votesAgainst, votesAbstaining, votesCast: counts ? votesCast(...counts) : null, votedOn, meetingId };
      });
    } catch (error) {
      throw constraintError(error) ?? error;
    }
  }

  @FieldResolver(() => ClusterMeeting, { nullable: true, description: 'The meeting the vote took place at, when known.' })
  meeting(@Root() regulation: Regulation, @Ctx() ctx: EmulationContext) {
    return regulation.meetingId ? ctx.loaders.ClusterMeetingByIdLoader.load(regulation.meetingId) : null;
  }

  @FieldResolver(() => EmulationCluster)
  cluster(@Root() regulation: Regulation, @Ctx() ctx: EmulationContext) {
    return ctx.loaders.EmulationClusterByIdLoader.load(regulation.clusterId);
  }
}

@Resolver(() => EmulationCluster)
export class ClusterRegulationsResolver {
  @FieldResolver(() => [Regulation], { description: 'The regulations (quy chế hoạt động) the cluster voted on, adopted or not, by the day of the vote.' })
  regulations(@Root() cluster: EmulationCluster, @Ctx() ctx: EmulationContext) {
    return ctx.loaders.RegulationsByClusterIdLoader.load(cluster.id);
  }
}
