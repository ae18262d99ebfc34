// The fund check reuses the elderly subgraph's statements, whose module loads decorated types.
import 'reflect-metadata';
import type pg from 'pg';
import { fundFiguresRollupSql, fundFiguresSql } from '../../subgraphs/elderly/src/fund/club-fund.sql.ts';

/** A fund statement for every provincial association's subtree (every club), on the day `day` (an SQL expression). */
const provincialFunds = (statement: string, day: string) =>
  statement.replace('?', `(${day})`).replace('?', `select id from elderly.association where level = 'PROVINCE'`);

/** Month ends the fund roll-up is checked on: the last before today, and the one a year before. */
const FUND_CHECK_DAYS = [`date_trunc('month', p.today::timestamp)::date - 1`, `(date_trunc('month', p.today::timestamp) - interval '1 year')::date - 1`];

/**
 * What generated data must satisfy beyond the tables' own constraints and triggers: each query
 * counts the rows that break one rule, so every count must be 0.
 */
export const SCALE_CHECKS: Record<string, string> = {
  // The path trigger ran for every row: path = the parent's path plus the chapter's own id.
  chapterPathMismatch: `
    select count(*) from red_cross.chapter c left join red_cross.chapter p on p.id = c.parent_id
     where c.path is distinct from coalesce(p.path, '{}') || c.id`,
  chapterOutsideNationalTree: `
    select count(*) from red_cross.chapter c
     where c.path[1] <> (select id from red_cross.chapter where level = 'NATIONAL')`,
  chapterLevelSkipped: `
    select count(*) from red_cross.chapter c join red_cross.chapter p on p.id = c.parent_id
     where array_position(array['NATIONAL', 'PROVINCE', 'DISTRICT', 'GRASSROOTS', 'BRANCH'], c.level)
        <> array_position(array['NATIONAL', 'PROVINCE', 'DISTRICT', 'GRASSROOTS', 'BRANCH'], p.level) + 1`,
  associationLevelSkipped: `
    select count(*) from elderly.association c join elderly.association p on p.id = c.parent_id
     where array_position(array['PROVINCE', 'DISTRICT', 'COMMUNE'], c.level) <> array_position(array['PROVINCE', 'DISTRICT', 'COMMUNE'], p.level) + 1`,
  // A report above grassroots is the sum of the reports of its children for the same period.
  membershipReportNotSumOfChildren: `
    select count(*) from (
      select r.id from red_cross.membership_report r
        join red_cross.chapter c on c.id = r.chapter_id and c.level <> 'GRASSROOTS'
        join red_cross.chapter child on child.parent_id = c.id
        join red_cross.membership_report cr on cr.chapter_id = child.id and cr.period_type = r.period_type and cr.period_start = r.period_start
       group by r.id, r.individual_members, r.branches
      having sum(cr.individual_members) <> r.individual_members or sum(cr.branches) <> r.branches
    ) x`,
  reliefOutsideWindowOrFuture: `
    select count(*) from red_cross.relief_activity where occurred_on > p.today or occurred_on < p.start_on`,
  // The roll-up triggers kept up with the bulk inserts: each rolled-up chapter's months match its subtree's activities.
  reliefRollupMismatch: `
    select count(*) from (
      select r.chapter_id, r.month from red_cross.relief_rollup_month r
        full join (
          select p.id as chapter_id, date_trunc('month', a.occurred_on)::date as month, count(*) as activities, sum(a.value_vnd) as value_vnd
            from red_cross.relief_activity a
            join red_cross.chapter c on c.id = a.chapter_id
            join red_cross.chapter p on p.id = any (c.path) and p.level in ('NATIONAL', 'PROVINCE')
           group by 1, 2
        ) a using (chapter_id, month)
       where coalesce(r.activities, 0) <> coalesce(a.activities, 0) or coalesce(r.value_vnd, 0) <> coalesce(a.value_vnd, 0)
    ) x`,
  // recordReliefActivity's rule: the chapter lies in the subtree of the campaign's organiser.
  reliefCampaignOutsideOrganiserSubtree: `
    select count(*) from red_cross.relief_activity a
      join red_cross.campaign k on k.id = a.campaign_id
      join red_cross.chapter c on c.id = a.chapter_id
     where not c.path @> array[k.organiser_chapter_id]`,
  memberJoinedBeforeClubFounded: `
    select count(*) from elderly.club_member m join elderly.club c on c.id = m.club_id
     where m.joined_on < c.founded_on or m.joined_on > p.today or m.left_on > p.today`,
  clubWithoutHead: `
    select count(*) from elderly.club c
     where exists (select 1 from elderly.club_member m where m.club_id = c.id)
       and not exists (select 1 from elderly.club_member m where m.club_id = c.id and m.board_role = 'HEAD' and m.left_on is null)`,
  // The clubStatistics roll-up was rebuilt after the bulk inserts and its triggers are back on:
  // summed over all time, a provincial association's rows of each grain (UNIT and PROVINCE) give
  // the clubs of its subtree and their members who have not left (every other member's changes
  // cancel out).
  clubStatisticsRollupMismatch: `
    with recursive tree (root_id, id) as (
      select id, id from elderly.association where level = 'PROVINCE'
      union all
      select tree.root_id, a.id from tree join elderly.association a on a.parent_id = tree.id
    ),
    counted as (
      select tree.root_id, count(distinct c.id) as clubs, count(m.id) filter (where m.left_on is null) as members
        from tree join elderly.club c on c.association_id = tree.id left join elderly.club_member m on m.club_id = c.id
       group by tree.root_id
    ),
    rolled as (
      select association_id as root_id, grain, sum(clubs) as clubs, sum(members) as members
        from elderly.club_statistics_change
       where resolution = 'YEAR' and association_id in (select id from elderly.association where level = 'PROVINCE')
       group by association_id, grain
    ),
    expected as (select counted.*, g.grain from counted cross join (values ('UNIT'), ('PROVINCE')) g (grain))
    select count(*) + (select count(*) from pg_trigger where tgname like 'club\\_statistics\\_%' and tgenabled = 'D')
      from expected full join rolled using (root_id, grain)
     where coalesce(expected.clubs, 0) <> coalesce(rolled.clubs, 0) or coalesce(expected.members, 0) <> coalesce(rolled.members, 0)`,
  // The PROVINCE grain is the UNIT grain summed per province (the unit's own, its parent or its
  // grandparent by level and edition, before the succession; null for no or an unknown unit), for
  // every provincial association, month and year, and every figure.
  clubStatisticsProvinceGrainMismatch: `
    with provincial as (select id from elderly.association where level = 'PROVINCE'),
    by_unit as (
      select r.association_id, r.resolution, r.period_start,
             coalesce(case
               when u.level = 'PROVINCE' then u.id
               when u.level = 'DISTRICT' then u.parent_id
               when u.level = 'COMMUNE' and u.edition = 'CURRENT' then u.parent_id
               when u.level = 'COMMUNE' then up.parent_id
             end, '') as province_id,
             sum(clubs) as clubs, sum(members) as members, sum(board_members) as board_members, sum(ethnic_minority) as ethnic_minority,
             sum(over55) as over55, sum(poor) as poor, sum(near_poor) as near_poor
        from elderly.club_statistics_change r
        left join places.administrative_unit u on u.id = r.unit_id
        left join places.administrative_unit up on up.id = u.parent_id
       where r.grain = 'UNIT' and r.association_id in (select id from provincial)
       group by 1, 2, 3, 4
    ),
    by_province as (
      select association_id, resolution, period_start, coalesce(unit_id, '') as province_id,
             clubs, members, board_members, ethnic_minority, over55, poor, near_poor
        from elderly.club_statistics_change
       where grain = 'PROVINCE' and association_id in (select id from provincial)
    )
    select count(*) from by_unit full join by_province using (association_id, resolution, period_start, province_id)
     where (coalesce(by_unit.clubs, 0), coalesce(by_unit.members, 0), coalesce(by_unit.board_members, 0), coalesce(by_unit.ethnic_minority, 0),
            coalesce(by_unit.over55, 0), coalesce(by_unit.poor, 0), coalesce(by_unit.near_poor, 0))
        <> (coalesce(by_province.clubs, 0), coalesce(by_province.members, 0), coalesce(by_province.board_members, 0), coalesce(by_province.ethnic_minority, 0),
            coalesce(by_province.over55, 0), coalesce(by_province.poor, 0), coalesce(by_province.near_poor, 0))`,
  // The ledger in the order it was recorded: dates never go back, the cash never goes below zero.
  fundEntryDatedBeforePrevious: `
    select count(*) from (
      select occurred_on < lag(occurred_on) over (partition by club_id order by seq) as back from elderly.club_fund_entry
    ) x where back`,
  fundCashNegative: `
    select count(*) from (
      select sum(case
                   when e.kind = 'LOAN_DISBURSED' then -e.amount_vnd
                   when e.kind = 'REVERSAL' then case r.kind when 'LOAN_DISBURSED' then e.amount_vnd else -e.amount_vnd end
                   else e.amount_vnd end) over (partition by e.club_id order by e.seq) as cash
        from elderly.club_fund_entry e left join elderly.club_fund_entry r on r.id = e.reverses_id
    ) x where cash < 0`,
  fundRepaidMoreThanOwed: `
    select count(*) from (
      select sum(case kind when 'LOAN_DISBURSED' then amount_vnd else -amount_vnd end)
               over (partition by club_id, borrower_ref order by seq) as owed
        from elderly.club_fund_entry where borrower_ref is not null
    ) x where owed < 0`,
  fundEntryInFuture: `select count(*) from elderly.club_fund_entry where occurred_on > p.today`,
  // The fund roll-up was rebuilt after the bulk inserts and its trigger is back on: at month ends,
  // every figure it gives for each provincial subtree is the ledger statement's.
  fundRollupMismatch: `
    select (select count(*) from pg_trigger where tgname = 'club_fund_rollup_insert' and tgenabled = 'D')
      ${FUND_CHECK_DAYS.map((day) => `+ (select count(*) from (${provincialFunds(fundFiguresSql('association'), day)}) ledger
           full join (${provincialFunds(fundFiguresRollupSql('association'), day)}) rolled using (id)
          where row(ledger.*) is distinct from row(rolled.*))`).join('\n      ')}`,
  // Members name chapters and associations by ids derived from unit codes: each must exist.
  clusterMemberChapterMissing: `
    select count(*) from emulation.cluster_member m
     where m.chapter_id is not null and not exists (select 1 from red_cross.chapter c where c.id = m.chapter_id)`,
  clusterMemberAssociationMissing: `
    select count(*) from emulation.cluster_member m
     where m.elderly_association_id is not null and not exists (select 1 from elderly.association a where a.id = m.elderly_association_id)`,
  clusterReportedCountBelowMembers: `
    select count(*) from emulation.cluster c where c.reported_member_count < (select count(*) from emulation.cluster_member m where m.cluster_id = c.id)`,
};

/** Runs every check; `p.start_on` and `p.today` in a check are the first and the last day generated. */
export async function runScaleChecks(client: pg.Client, start: string, today: string): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  for (const [name, query] of Object.entries(SCALE_CHECKS)) {
    const { rows } = await client.query(`select (${query.trim()}) as n from (select $1::date as start_on, $2::date as today) p`, [start, today]);
    results[name] = Number(rows[0].n);
  }
  return results;
}
