import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@hoi/common/orm';
import { MEMBER_COLUMNS } from '../member/club-member.loaders.ts';
import type { ClubMember } from '../member/club-member.type.ts';
import { MIN_SMALL_GROUP_MEMBERS, type ClubSmallGroup } from './small-group.type.ts';

/**
 * Small groups matching `where` (on `g`, the group), each with its members as a JSON list of
 * ClubMember rows (the member module's own columns), in one statement: clubs' groups in Vietnamese
 * name order, members in Vietnamese name order.
 */
export async function readSmallGroups(em: EntityManager, where: string, params: unknown[]): Promise<ClubSmallGroup[]> {
  const rows = await sql<{ id: string; clubId: string; name: string; residentialArea: string; members: ClubMember[] }>(
    em,
    `select g.id, g.club_id as "clubId", g.name, g.residential_area as "residentialArea", coalesce(seated.members, '[]'::json) as members
       from elderly.club_small_group g
       left join lateral (
         select json_agg(row_to_json(member) order by member."fullName", member.id) as members
           from (select ${MEMBER_COLUMNS} from elderly.club_member
                  where id in (select s.member_id from elderly.club_small_group_member s where s.group_id = g.id)) member
       ) seated on true
      where ${where}
      order by g.club_id, g.name, g.id`,
    params,
  );
  return rows.map((row) => ({ ...row, memberCount: row.members.length, complete: row.members.length >= MIN_SMALL_GROUP_MEMBERS }));
}

export function createSmallGroupLoaders(em: EntityManager) {
  return {
    /** Each club's small groups with their members: one statement for the whole batch. */
    ClubSmallGroupsByClubIdLoader: new DataLoader<string, ClubSmallGroup[]>(async (clubIds) => {
      const groups = await readSmallGroups(em, 'g.club_id in (?)', [clubIds]);
      const byClub = Map.groupBy(groups, (group) => group.clubId);
      return clubIds.map((id) => byClub.get(id) ?? []);
    }),
  };
}
