import { shareSql } from '@hoi/common/share';
import { ClubGrouping } from './club-member.type.ts';

/**
 * Where a club lies: its own unit, or its association's when the club's is not known. The
 * province is found in the unit's own edition, then mapped to today's through the reform.
 */
const unitJoins = (unitId: string) => `
  left join places.administrative_unit u on u.id = ${unitId}
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

const PLACE_JOINS = `
  left join elderly.association owner on owner.id = c.association_id
  ${unitJoins('coalesce(c.unit_id, owner.unit_id)')}`;

const GROUP_KEY: Record<ClubGrouping, string> = {
  [ClubGrouping.COMMUNE]: `case when u.level = 'COMMUNE' then u.id end`,
  [ClubGrouping.OLD_DISTRICT]: `case when u.edition = 'BEFORE_2025' and u.level = 'DISTRICT' then u.id
                                     when u.edition = 'BEFORE_2025' and u.level = 'COMMUNE' then u.parent_id end`,
  [ClubGrouping.CURRENT_PROVINCE]: `coalesce(province_now.successor_id, province.id)`,
};

const SHARES = `
  ${shareSql('"ethnicMinorityMembers"', 'members', 'ethnicMinority')},
  ${shareSql('"membersOver55"', 'members', 'over55')},
  ${shareSql('"poorMembers"', 'members', 'poor')},
  ${shareSql('"nearPoorMembers"', 'members', 'nearPoor')}`;

/**
 * The plain statement, from the base tables: the clubs of an association subtree existing at the
 * period's end, their members then, counts and exact shares, per group and in total (grouping
 * sets). "Over 55" means aged 56 or more at the period's end. It defines the figures; it reads
 * every member of the subtree (1.7 s for a large province), so the API reads the roll-up instead
 * (`clubStatisticsSql`), which the tests hold to this statement's answer.
 * Parameters: association id (null: the whole country, every root association's subtree), period
 * end, founded since (or null).
 */
export function clubStatisticsPlainSql(groupBy: ClubGrouping | null): string {
  const key = groupBy ? GROUP_KEY[groupBy] : 'null::text';
  return `
    with recursive params as (select ?::uuid as association_id, ?::date as period_end, ?::date as founded_since),
    subtree (id) as (
      select a.id from elderly.association a cross join params
       where a.id = params.association_id or (params.association_id is null and a.parent_id is null)
      union all
      select a.id from elderly.association a join subtree on a.parent_id = subtree.id
    ),
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
    select figures.*, ${SHARES}
      from figures
     order by "isTotal" desc, "unitId" nulls last`;
}

const FIGURES = {
  clubs: 'clubs',
  members: 'members',
  boardMembers: 'board_members',
  ethnicMinorityMembers: 'ethnic_minority',
  membersOver55: 'over55',
  poorMembers: 'poor',
  nearPoorMembers: 'near_poor',
};

/** The roll-up's grains: per place (unit), or per province before the reform's succession. */
export type RollupGrain = 'UNIT' | 'PROVINCE';

/**
 * The roll-up rows (`elderly.club_statistics_change`, see its migration) whose sum is the figures
 * of association `association` as of a period's last day `end`: the YEAR rows of the years before
 * `end`'s and the MONTH rows of its year up to its month, of one grain (both sum to the same
 * totals; PROVINCE has far fewer rows). Exact because `end` is the last day of a month, as every
 * period's is. Two ranges of the roll-up's key, so both are index range scans.
 */
export const rollupRowsAsOf = (association: string, end: string, grain: RollupGrain = 'UNIT') => `(
  select r.* from elderly.club_statistics_change r
   where r.association_id = ${association} and r.grain = '${grain}' and r.resolution = 'YEAR' and r.period_start < date_trunc('year', (${end})::timestamp)::date
  union all
  select r.* from elderly.club_statistics_change r
   where r.association_id = ${association} and r.grain = '${grain}' and r.resolution = 'MONTH'
     and r.period_start >= date_trunc('year', (${end})::timestamp)::date and r.period_start <= date_trunc('month', (${end})::timestamp)::date
)`;

/**
 * The same rows as `clubStatisticsPlainSql`, from the roll-up: the figures of the association's
 * subtree (or of every root association's, for the whole country) per place, then per group and
 * in total. The totals and the CURRENT_PROVINCE grouping read the PROVINCE grain (a few dozen
 * rows per association), mapped to today's provinces as the plain statement maps them; COMMUNE
 * and OLD_DISTRICT read the UNIT grain (a few thousand rows for a large province). A group
 * appears, as in the plain statement, when it has a club existing at the period's end. Clubs
 * founded since a day are counted on the clubs themselves, and only when asked.
 * Parameters: association id (null: the whole country), period end (the last day of a month),
 * founded since (or null).
 */
export function clubStatisticsSql(groupBy: ClubGrouping | null): string {
  const byProvince = groupBy === null || groupBy === ClubGrouping.CURRENT_PROVINCE;
  const figures = Object.entries(FIGURES);
  const place = byProvince
    ? {
      key: groupBy ? 'coalesce(province_now.successor_id, units.unit_id)' : 'null::text',
      joins: groupBy ? 'left join places.unit_succession province_now on province_now.predecessor_id = units.unit_id' : '',
    }
    : { key: GROUP_KEY[groupBy], joins: unitJoins('units.unit_id') };
  // The clubs founded since a day are placed from their units, as in the plain statement.
  const foundedKey = groupBy ? GROUP_KEY[groupBy] : 'null::text';
  return `
    with recursive params as (select ?::uuid as association_id, ?::date as period_end, ?::date as founded_since),
    roots (id) as (
      select a.id from params join elderly.association a on a.id = params.association_id
      union all
      select a.id from params join elderly.association a on a.parent_id is null where params.association_id is null
    ),
    units as (
      select r.unit_id, ${figures.map(([, column]) => `sum(r.${column}) as ${column}`).join(', ')}
        from params
       cross join roots
       cross join lateral ${rollupRowsAsOf('roots.id', 'params.period_end', byProvince ? 'PROVINCE' : 'UNIT')} r
       group by r.unit_id
    ),
    placed as (
      select ${place.key} as "unitId", units.*
        from units
        ${place.joins}
    ),
    figures as (
      select "unitId", grouping("unitId") = 1 as "isTotal",
             ${figures.map(([name, column]) => `coalesce(sum(${column}), 0)::int as "${name}"`).join(',\n             ')}
        from placed
       group by grouping sets (("unitId"), ())
      having grouping("unitId") = 1 or sum(clubs) > 0
    ),
    subtree (id) as (
      select id from elderly.association where id = (select association_id from params) and (select founded_since from params) is not null
      union all
      select a.id from elderly.association a join subtree on a.parent_id = subtree.id
    ),
    -- For the whole country, every club (each is in some root's subtree).
    founded_units as (
      select coalesce(c.unit_id, owner.unit_id) as unit_id, count(*) as clubs
        from elderly.club c
        join elderly.association owner on owner.id = c.association_id
       where (select founded_since from params) is not null
         and ((select association_id from params) is null or c.association_id in (select id from subtree))
         and c.founded_on >= (select founded_since from params) and c.founded_on <= (select period_end from params)
       group by 1
    ),
    founded as (
      select ${foundedKey} as "unitId", sum(founded_units.clubs)::int as clubs
        from founded_units
        ${unitJoins('founded_units.unit_id')}
       group by 1
    )
    select figures."unitId", figures."isTotal", figures.clubs,
           case when (select founded_since from params) is null then null
                when figures."isTotal" then coalesce((select sum(clubs) from founded), 0)::int
                else coalesce((select founded.clubs from founded where founded."unitId" is not distinct from figures."unitId"), 0) end as "clubsFoundedSince",
           ${figures.slice(1).map(([name]) => `figures."${name}"`).join(', ')},
           ${SHARES}
      from figures
     order by "isTotal" desc, "unitId" nulls last`;
}
