import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { writeTransaction } from '@hoi/common/writes';
import { badInput, conflict, notFound, ruleViolation } from '@hoi/common/errors';
import { sql } from '@hoi/common/orm';
import { AdministrativeUnitReference, unitReference } from '@hoi/common/references';
import { requireClusterWrite } from '../cluster/cluster.access.ts';
import { EmulationCluster, type ClusterMember } from '../cluster/emulation-cluster.type.ts';
import type { EmulationContext } from '../context.ts';
import { assertInClusterYear, cleanOptionalText, cleanText, constraintError, lockCluster } from '../role/cluster-year.errors.ts';
import { ClusterMeetingEntity, MeetingAttendeeEntity, MeetingDecisionEntity, MeetingGuestEntity } from './cluster-meeting.entity.ts';
import { ClusterMeeting, MeetingKind, RecordClusterMeetingInput } from './cluster-meeting.type.ts';

@Resolver(() => ClusterMeeting)
export class ClusterMeetingResolver {
  @Mutation(() => ClusterMeeting, {
    description: 'Records a meeting of a cluster year with its attendees, guests and decisions. A cluster year has one review conference; attendees are members of the cluster.',
  })
  async recordClusterMeeting(@Arg('input', () => RecordClusterMeetingInput) input: RecordClusterMeetingInput, @Ctx() ctx: EmulationContext): Promise<ClusterMeeting> {
    const { clusterId, kind } = input;
    await requireClusterWrite(ctx, clusterId, 'clusterId');
    const theme = cleanOptionalText(input.theme);
    const venue = cleanOptionalText(input.venue);
    const unitId = input.unitId ?? null;
    const heldOn = input.heldOn ?? null;
    const attendeeIds = input.attendeeMemberIds ?? [];
    const guests = (input.guests ?? []).map((guest) => ({ name: cleanText(guest.name), role: cleanOptionalText(guest.role) }));
    const decisions = (input.decisions ?? []).map(cleanText);
    const repeated = attendeeIds.findIndex((memberId, index) => attendeeIds.indexOf(memberId) !== index);
    if (repeated >= 0) throw badInput(`attendeeMemberIds.${repeated}`, 'an attendee is listed once');
    const id = randomUUID();
    try {
      return await writeTransaction(ctx.em, async (em) => {
        const { year } = await lockCluster(em, clusterId);
        assertInClusterYear(year, heldOn, 'heldOn');
        const members = attendeeIds.length
          ? await sql<ClusterMember & { clusterId: string }>(
              em,
              `select id, cluster_id as "clusterId", position, chapter_id as "chapterId", elderly_association_id as "elderlyAssociationId",
                      external_organisation_id as "externalOrganisationId"
                 from emulation.cluster_member where id in (?)`,
              [attendeeIds],
            )
          : [];
        const byId = new Map(members.map((member) => [member.id, member]));
        for (const [index, memberId] of attendeeIds.entries()) {
          const member = byId.get(memberId);
          if (!member) throw notFound(`attendeeMemberIds.${index}`, 'no cluster member has this id');
          if (member.clusterId !== clusterId) throw ruleViolation(`attendeeMemberIds.${index}`, 'an attendee must be a member of this cluster; this member belongs to another cluster');
        }
        if (kind === MeetingKind.REVIEW_CONFERENCE) {
          const [review] = await sql<{ heldOn: string | null }>(
            em,
            `select to_char(held_on, 'YYYY-MM-DD') as "heldOn" from emulation.cluster_meeting where cluster_id = ? and kind = ?`,
            [clusterId, kind],
          );
          if (review) throw conflict('kind', `the cluster already has its review conference for ${year}${review.heldOn ? ` (held on ${review.heldOn})` : ''}`);
        }
        // Inserted at once, parent first: the rows reference each other by plain ids.
        await em.insert(ClusterMeetingEntity, { id, clusterId, kind, theme, unitId, venue, heldOn });
        if (attendeeIds.length) await em.insertMany(MeetingAttendeeEntity, attendeeIds.map((memberId) => ({ meetingId: id, clusterId, memberId })));
        if (guests.length) await em.insertMany(MeetingGuestEntity, guests.map((guest, index) => ({ meetingId: id, position: index + 1, ...guest })));
        if (decisions.length) await em.insertMany(MeetingDecisionEntity, decisions.map((text, index) => ({ meetingId: id, position: index + 1, text })));
        const attendees = attendeeIds
          .map((memberId) => {
            const { clusterId: _cluster, ...member } = byId.get(memberId)!;
            return member;
          })
          .sort((a, b) => a.position - b.position);
        return { id, clusterId, kind, theme, unitId, venue, heldOn, attendees, guests, decisions };
      });
    } catch (error) {
      throw constraintError(error) ?? error;
    }
  }

  @FieldResolver(() => AdministrativeUnitReference, { nullable: true, description: 'The administrative unit it was held in, e.g. Thành phố Phan Thiết.' })
  place(@Root() meeting: ClusterMeeting) {
    return unitReference(meeting.unitId);
  }

  @FieldResolver(() => EmulationCluster)
  cluster(@Root() meeting: ClusterMeeting, @Ctx() ctx: EmulationContext) {
    return ctx.loaders.EmulationClusterByIdLoader.load(meeting.clusterId);
  }
}

@Resolver(() => EmulationCluster)
export class ClusterMeetingsResolver {
  @FieldResolver(() => [ClusterMeeting], { description: 'The meetings of the cluster year (hội nghị, tọa đàm), by date, undated ones last.' })
  meetings(@Root() cluster: EmulationCluster, @Ctx() ctx: EmulationContext) {
    return ctx.loaders.ClusterMeetingsByClusterIdLoader.load(cluster.id);
  }
}
