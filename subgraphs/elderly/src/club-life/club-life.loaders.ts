import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@hoi/common/orm';
import { loadChildPages, type ChildPageKey, type Connection } from '@hoi/common/pagination';
import type { ClubActivity, ClubMeeting, ClubSpecialisedGroup } from './club-life.type.ts';

export const MEETING_COLUMNS = `m.id, to_char(m.held_on, 'YYYY-MM-DD') as "heldOn", m.attendance, m.note, m.club_id as "clubId"`;
export const ACTIVITY_COLUMNS = `a.id, a.kind, to_char(a.held_on, 'YYYY-MM-DD') as "heldOn", a.participants, a.note, a.club_id as "clubId"`;
export const GROUP_COLUMNS = `g.id, g.name, g.club_id as "clubId"`;

/** Each list of club life comes for many clubs in one statement per batch, newest first. */
export function createClubLifeLoaders(em: EntityManager) {
  return {
    ClubMeetingsByClubIdLoader: new DataLoader<ChildPageKey, Connection<ClubMeeting>, string>(
      (keys) =>
        loadChildPages<ClubMeeting>(em, {
          table: 'elderly.club_meeting m',
          parentColumn: 'm.club_id',
          orderColumns: [`(date '1970-01-01' - m.held_on)`, 'm.id'],
          select: MEETING_COLUMNS,
        }, keys),
      { cacheKeyFn: (key) => JSON.stringify(key) },
    ),
    ClubActivitiesByClubIdLoader: new DataLoader<ChildPageKey, Connection<ClubActivity>, string>(
      (keys) =>
        loadChildPages<ClubActivity>(em, {
          table: 'elderly.club_activity a',
          parentColumn: 'a.club_id',
          orderColumns: [`(date '1970-01-01' - a.held_on)`, 'a.kind', 'a.id'],
          select: ACTIVITY_COLUMNS,
        }, keys),
      { cacheKeyFn: (key) => JSON.stringify(key) },
    ),
    /** A club's specialised groups (five at most: no pages) in Vietnamese order. */
    ClubSpecialisedGroupsByClubIdLoader: new DataLoader<string, ClubSpecialisedGroup[]>(async (clubIds) => {
      const rows = await sql<ClubSpecialisedGroup>(
        em,
        `select ${GROUP_COLUMNS} from elderly.club_specialised_group g where g.club_id in (?) order by g.club_id, g.name, g.id`,
        [clubIds],
      );
      const byClub = Map.groupBy(rows, (group) => group.clubId);
      return clubIds.map((id) => byClub.get(id) ?? []);
    }),
  };
}
