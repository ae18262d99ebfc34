import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@hoi/common/orm';
import type { ClusterMeeting } from './cluster-meeting.type.ts';

/**
 * A meeting with its attendees (the members' own columns), guests and decisions, aggregated in
 * the same statement: lists of meetings cost one statement whatever they hold.
 */
export const MEETING_SELECT = `select mt.id, mt.cluster_id as "clusterId", mt.kind, mt.theme, mt.unit_id as "unitId", mt.venue,
    to_char(mt.held_on, 'YYYY-MM-DD') as "heldOn",
    coalesce((select json_agg(json_build_object(
                'id', m.id, 'position', m.position, 'chapterId', m.chapter_id,
                'elderlyAssociationId', m.elderly_association_id, 'externalOrganisationId', m.external_organisation_id
              ) order by m.position, m.id)
         from emulation.meeting_attendee a join emulation.cluster_member m on m.id = a.member_id
        where a.meeting_id = mt.id), '[]'::json) as attendees,
    coalesce((select json_agg(json_build_object('name', g.name, 'role', g.role) order by g.position)
         from emulation.meeting_guest g where g.meeting_id = mt.id), '[]'::json) as guests,
    coalesce((select array_agg(d.text order by d.position) from emulation.meeting_decision d where d.meeting_id = mt.id), '{}'::text[]) as decisions
  from emulation.cluster_meeting mt`;

/** Meetings of a cluster by date, those without one last. */
export const MEETING_ORDER = `mt.held_on nulls last, mt.id`;

export function createClusterMeetingLoaders(em: EntityManager) {
  return {
    ClusterMeetingByIdLoader: new DataLoader<string, ClusterMeeting | null>(async (ids) => {
      const rows = await sql<ClusterMeeting>(em, `${MEETING_SELECT} where mt.id in (?)`, [[...ids]]);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    ClusterMeetingsByClusterIdLoader: new DataLoader<string, ClusterMeeting[]>(async (clusterIds) => {
      const rows = await sql<ClusterMeeting>(em, `${MEETING_SELECT} where mt.cluster_id in (?) order by ${MEETING_ORDER}`, [[...clusterIds]]);
      const byCluster = Map.groupBy(rows, (meeting) => meeting.clusterId);
      return clusterIds.map((id) => byCluster.get(id) ?? []);
    }),
  };
}

export type ClusterMeetingLoaders = ReturnType<typeof createClusterMeetingLoaders>;
