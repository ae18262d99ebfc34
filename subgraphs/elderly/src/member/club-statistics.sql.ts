import { shareSql } from '@hoi/common/share';
import { ClubGrouping } from './club-member.type.ts';

/**
 * Where a club lies: its own unit, or its association's when the club's is not known. The
 * province is found in the unit's own edition, then mapped to today's through the reform.
 */
const PLACE_JOINS = `
  left join elderly.association owner on owner.id = c.association_id
  left join places.administrative_unit u on u.id = coalesce(c.unit_id, owner.unit_id)
  left join places.administrative_unit up on up.id = u.parent_id
  left join lateral (
    select case
      when u.level = 'PROVINCE' then u.id
      when u.level = 'DISTRICT' then u.parent_id
      when u.level = 'COMMUNE' and u.edition = 'CURRENT' then u.parent_id
      when u.level = 'COMMUNE' then up.parent_id
    end as id
  ) province on true
  left join places.unit_succession province_now on province_now.predecessor_id = province.id`;

const GROUP_KEY: Record<ClubGrouping, string> = {
  [ClubGrouping.COMMUNE]: `case when u.level = 'COMMUNE' then u.id end`,
  [ClubGrouping.OLD_DISTRICT]: `case when u.edition = 'BEFORE_2025' and u.level = 'DISTRICT' then u.id
                                     when u.edition = 'BEFORE_2025' and u.level = 'COMMUNE' then u.parent_id end`,
  [ClubGrouping.CURRENT_PROVINCE]: `coalesce(province_now.successor_id, province.id)`,
};

/**
 * One statement: the clubs of an association subtree existing at the period's end, their members
 * then, counts and exact shares, per group and in total (grouping sets). "Over 55" means aged 56
 * or more at the period's end.
 */
export function clubStatisticsSql(groupBy: ClubGrouping | null): string {
  const key = groupBy ? GROUP_KEY[groupBy] : 'null::text';
  return `
    with recursive subtree (id) as (
      select id from elderly.association where id = ?
      union all
      select a.id from elderly.association a join subtree on a.parent_id = subtree.id
    ),
    params as (select ?::date as period_end, ?::date as founded_since),
    facts as (
      select ${key} as "unitId", c.id as club_id, c.founded_on, m.id as member_id, m.board_role, m.is_ethnic_minority,
             m.birth_date, m.poverty_status
        from elderly.club c
        cross join params
        ${PLACE_JOINS}
        left join elderly.club_member m on m.club_id = c.id and m.joined_on <= params.period_end
              and (m.left_on is null or m.left_on > params.period_end)
       where c.association_id in (select id from subtree)
         and (c.founded_on is null or c.founded_on <= params.period_end)
    ),
    figures as (
      select "unitId", grouping("unitId") = 1 as "isTotal",
             count(distinct club_id)::int as clubs,
             case when (select founded_since from params) is null then null
                  else (count(distinct club_id) filter (where founded_on >= (select founded_since from params)))::int end as "clubsFoundedSince",
             count(member_id)::int as members,
             (count(member_id) filter (where board_role is not null))::int as "boardMembers",
             (count(member_id) filter (where is_ethnic_minority))::int as "ethnicMinorityMembers",
             (count(member_id) filter (where birth_date + interval '56 years' <= (select period_end from params)))::int as "membersOver55",
             (count(member_id) filter (where poverty_status = 'POOR'))::int as "poorMembers",
             (count(member_id) filter (where poverty_status = 'NEAR_POOR'))::int as "nearPoorMembers"
        from facts
       group by grouping sets (("unitId"), ())
    )
    select figures.*,
           ${shareSql('"ethnicMinorityMembers"', 'members', 'ethnicMinority')},
           ${shareSql('"membersOver55"', 'members', 'over55')},
           ${shareSql('"poorMembers"', 'members', 'poor')},
           ${shareSql('"nearPoorMembers"', 'members', 'nearPoor')}
      from figures
     order by "isTotal" desc, "unitId" nulls last`;
}
