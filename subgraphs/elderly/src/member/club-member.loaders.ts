import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@hoi/common/orm';
import { loadChildPages, type ChildPageKey, type Connection } from '@hoi/common/pagination';
import { storedPeriod } from '@hoi/common/period';
import type { ClubMember, MembershipIntake } from './club-member.type.ts';

export const MEMBER_COLUMNS = `id, club_id as "clubId", full_name as "fullName", sex, board_role as "boardRole",
  to_char(joined_on, 'YYYY-MM-DD') as "joinedOn", to_char(birth_date, 'YYYY-MM-DD') as "birthDate",
  ethnic_group as "ethnicGroup", poverty_status as "povertyStatus"`;

export function createMemberLoaders(em: EntityManager) {
  return {
    IntakesByAssociationIdLoader: new DataLoader<string, MembershipIntake[]>(async (associationIds) => {
      const rows = await sql<{ id: string; associationId: string; periodType: string; periodStart: string; newMembers: number }>(
        em,
        `select id, association_id as "associationId", period_type as "periodType", to_char(period_start, 'YYYY-MM-DD') as "periodStart",
                new_members as "newMembers"
           from elderly.membership_intake where association_id in (?) order by period_start desc, period_type, id`,
        [associationIds],
      );
      const byAssociation = Map.groupBy(
        rows.map(({ periodType, periodStart, ...intake }) => ({ ...intake, period: storedPeriod(periodType, periodStart) })),
        (intake) => intake.associationId,
      );
      return associationIds.map((id) => byAssociation.get(id) ?? []);
    }),
    MembersByClubIdLoader: new DataLoader<ChildPageKey, Connection<ClubMember>, string>(
      (keys) =>
        loadChildPages<ClubMember>(em, {
          table: 'elderly.club_member',
          parentColumn: 'club_id',
          orderColumns: ['full_name', 'id'],
          select: MEMBER_COLUMNS,
        }, keys),
      { cacheKeyFn: (key) => JSON.stringify(key) },
    ),
    /** Members by id (a fund entry's borrower): one statement for a page of entries. */
    ClubMemberByIdLoader: new DataLoader<string, ClubMember | null>(async (ids) => {
      const rows = await sql<ClubMember>(em, `select ${MEMBER_COLUMNS} from elderly.club_member where id in (?)`, [ids]);
      const byId = new Map(rows.map((row) => [String(row.id), row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** For each club, the association that runs it and every association above: who may see its members' personal data. */
    ManagingUnitIdsByClubIdLoader: new DataLoader<string, string[]>(async (clubIds) => {
      const rows = await sql<{ clubId: string; unitIds: string[] }>(
        em,
        `with recursive chain (club_id, association_id) as (
           select id, association_id from elderly.club where id in (?)
           union all
           select chain.club_id, a.parent_id from chain join elderly.association a on a.id = chain.association_id where a.parent_id is not null
         )
         select club_id as "clubId", array_agg(association_id::text) as "unitIds" from chain group by club_id`,
        [clubIds],
      );
      const byClub = new Map(rows.map((row) => [row.clubId, row.unitIds]));
      return clubIds.map((id) => byClub.get(id) ?? []);
    }),
  };
}
