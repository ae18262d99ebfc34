// The fund check reuses the elderly subgraph's statements, whose module loads decorated types.
import 'reflect-metadata';
import type pg from 'pg';
import { fundFiguresRollupSql, fundFiguresSql } from '../../subgraphs/elderly/src/fund/club-fund.sql.ts';

/** A fund statement for every provincial association's subtree (every club), on the day `day` (an SQL expression); the roots are one array, as prepared() binds them. */
const provincialFunds = (statement: string, day: string) =>
  statement.replace('?', `(${day})`).replace('?', `array(select id from elderly.association where level = 'PROVINCE')`);

/** Month ends the fund roll-up is checked on: the last before today, and the one a year before. */
const FUND_CHECK_DAYS = [`date_trunc('month', p.today::timestamp)::date - 1`, `(date_trunc('month', p.today::timestamp) - interval '1 year')::date - 1`];

const ASSOCIATION_FUND_FIGURES = ['total_fund', 'contributed_or_raised', 'out_on_loan', 'borrowers', 'overdue_loans', 'overdue_amount'];

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
  // The per-association fund roll-up was rebuilt after the club one and its triggers are back on:
  // each association's month rows are the sums of its subtree's club rows (all-zero rows aside).
  associationFundRollupMismatch: `
    with recursive up (association_id, ancestor_id) as (
      select id, id from elderly.association
      union all
      select up.association_id, a.parent_id from up join elderly.association a on a.id = up.ancestor_id where a.parent_id is not null
    ),
    expected as (
      select up.ancestor_id as association_id, f.month, ${ASSOCIATION_FUND_FIGURES.map((f) => `sum(f.${f}) as ${f}`).join(', ')}
        from elderly.club_fund_month f join elderly.club c on c.id = f.club_id join up on up.association_id = c.association_id
       group by 1, 2
    )
    select (select count(*) from pg_trigger where tgname like 'association_fund_rollup_%' and tgenabled = 'D') + count(*)
      from expected e full join elderly.association_fund_month k on k.association_id = e.association_id and k.month = e.month
     where row(${ASSOCIATION_FUND_FIGURES.map((f) => `coalesce(e.${f}, 0)`).join(', ')}) is distinct from row(${ASSOCIATION_FUND_FIGURES.map((f) => `coalesce(k.${f}, 0)`).join(', ')})`,
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

/** Each organisation's children, as (parent_id, id), per subgraph with reports. */
const REPORT_TREES = {
  red_cross: `select parent_id, id from red_cross.chapter where parent_id is not null`,
  elderly: `select parent_id, id from elderly.association where parent_id is not null union all select association_id, id from elderly.club`,
} as const;

/**
 * The period reports' rules, for each subgraph: the cycle's states hold together, and their
 * times agree with each other and with the deadlines. `submitted_at` is read through to_jsonb so
 * that a schema without it yet (completeness not migrated) passes as having none.
 */
function reportChecks(schema: keyof typeof REPORT_TREES): Record<string, string> {
  const submitted = `(to_jsonb(r) ->> 'submitted_at')::timestamptz`;
  const name = (rule: string) => `${schema === 'red_cross' ? 'redCross' : 'elderly'}${rule}`;
  return {
    // Approval is bottom-up: a parent approved with a child not approved names it missing.
    [name('ApprovedParentWithUnrecordedChild')]: `
      select count(*) from ${schema}.period_report r
        join (${REPORT_TREES[schema]}) t on t.parent_id = r.organisation_id
        left join ${schema}.period_report c on c.organisation_id = t.id and c.kind = r.kind and c.period_type = r.period_type and c.period_start = r.period_start
       where r.state = 'APPROVED' and c.state is distinct from 'APPROVED' and not t.id = any (r.missing_children)`,
    // A child approved in time for its parent's approval was approved before it.
    [name('ChildApprovedAfterParentNotRecorded')]: `
      select count(*) from ${schema}.period_report r
        join ${schema}.period_report_snapshot rs on rs.report_id = r.id and rs.version = r.version
        join (${REPORT_TREES[schema]}) t on t.parent_id = r.organisation_id
        join ${schema}.period_report c on c.organisation_id = t.id and c.kind = r.kind and c.period_type = r.period_type and c.period_start = r.period_start
        join ${schema}.period_report_snapshot cs on cs.report_id = c.id and cs.version = c.version
       where r.state = 'APPROVED' and not t.id = any (rs.missing_children) and cs.approved_at > rs.approved_at`,
    // Versions count the approvals: snapshots 1..version, the latest holding the report's missing children.
    [name('ReportVersionsNotSnapshots')]: `
      select count(*) from ${schema}.period_report r
       where r.version <> (select count(*) from ${schema}.period_report_snapshot s where s.report_id = r.id)
          or r.version <> coalesce((select max(version) from ${schema}.period_report_snapshot s where s.report_id = r.id), 0)
          or (r.state = 'APPROVED') <> (r.version >= 1 and r.state = 'APPROVED')
          or (r.state = 'APPROVED' and r.missing_children is distinct from
               (select s.missing_children from ${schema}.period_report_snapshot s where s.report_id = r.id and s.version = r.version))`,
    // Submitted, returned and approved reports were submitted; a draft never approved was not.
    // Nothing happens before the period ends or after the generator's day; a return or a
    // reopening says why.
    [name('ReportTimesOrCommentsInconsistent')]: `
      select count(*) from ${schema}.period_report r
       where (r.state in ('SUBMITTED', 'RETURNED', 'APPROVED') and ${submitted} is null and exists (
                select 1 from information_schema.columns where table_schema = '${schema}' and table_name = 'period_report' and column_name = 'submitted_at'))
          or (r.state = 'DRAFT' and r.version = 0 and ${submitted} is not null)
          or ${submitted} < (r.period_end + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'
          or ${submitted} > r.changed_at
          or r.changed_at < (r.period_end + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'
          or r.changed_at >= (p.today + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'
          or (r.state = 'RETURNED' or (r.state = 'DRAFT' and r.version > 0)) and r.comment is null`,
    // Every approval after the first submission, in version order, none after the report's last change.
    [name('SnapshotTimesInconsistent')]: `
      select count(*) from ${schema}.period_report r join ${schema}.period_report_snapshot s on s.report_id = r.id
       where s.approved_at > r.changed_at or s.approved_at < coalesce(${submitted}, '-infinity')
          or exists (select 1 from ${schema}.period_report_snapshot later where later.report_id = s.report_id and later.version > s.version and later.approved_at <= s.approved_at)`,
  };
}

Object.assign(SCALE_CHECKS, reportChecks('red_cross'), reportChecks('elderly'), {
  // The completeness roll-up (kept by triggers through the bulk inserts) counts what the reports say.
  redCrossCompletenessRollupMismatch: `
    select count(*) from (
      select g.group_key, r.kind, r.period_type, r.period_start, g.level,
             count(*) filter (where r.state = 'DRAFT') as draft, count(*) filter (where r.state = 'SUBMITTED') as submitted,
             count(*) filter (where r.state = 'RETURNED') as returned, count(*) filter (where r.state = 'APPROVED') as approved,
             count(r.submitted_at) as submitted_ever
        from red_cross.period_report r
        join (select c.id, p.unit_id as group_key, c.level from red_cross.chapter c join red_cross.chapter p on p.id = c.path[2] and p.level = 'PROVINCE') g
          on g.id = r.organisation_id
       group by 1, 2, 3, 4, 5
    ) a full join (select * from red_cross.report_completeness_rollup where (draft, submitted, returned, approved, submitted_ever) <> (0, 0, 0, 0, 0)) b
      using (group_key, kind, period_type, period_start, level)
     where (a.draft, a.submitted, a.returned, a.approved, a.submitted_ever) is distinct from (b.draft, b.submitted, b.returned, b.approved, b.submitted_ever)`,
});

/** Runs every check; `p.start_on` and `p.today` in a check are the first and the last day generated. */
export async function runScaleChecks(client: pg.Client, start: string, today: string): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  for (const [name, query] of Object.entries(SCALE_CHECKS)) {
    const { rows } = await client.query(`select (${query.trim()}) as n from (select $1::date as start_on, $2::date as today) p`, [start, today]);
    results[name] = Number(rows[0].n);
  }
  return results;
}

/** `?` placeholders (MikroORM's) as `$1`, `$2`, … for pg. */
const numbered = (text: string) => {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
};

/**
 * Snapshots the generator built against the figures each subgraph's approval computes (its own
 * figures statement), for a sample of the latest snapshots of every level: the reports whose
 * figures differ.
 */
export async function snapshotMismatches(client: pg.Client, sample: number): Promise<{ compared: number; mismatches: { schema: string; reportId: string; generated: unknown; computed: unknown }[] }> {
  const { CHAPTER_FIGURES_SQL, RELIEF_BY_MONTH_FIGURES } = await import('../../subgraphs/red-cross/src/period-report/period-report.plug.ts');
  const { ORGANISATION_FIGURES_SQL } = await import('../../subgraphs/elderly/src/period-report/elderly-period-report.plug.ts');
  const found: { schema: string; reportId: string; generated: unknown; computed: unknown }[] = [];
  let compared = 0;
  for (const [schema, statement, withYear] of [['red_cross', CHAPTER_FIGURES_SQL, true], ['elderly', ORGANISATION_FIGURES_SQL, false]] as const) {
    // Every level (and period type) is in the sample: the first few of each by id.
    const { rows } = await client.query(`
      select * from (
        select r.id, r.organisation_id, r.period_type, to_char(r.period_start, 'YYYY-MM-DD') as period_start, to_char(r.period_end, 'YYYY-MM-DD') as period_end, s.figures,
               row_number() over (partition by r.period_type, cardinality(r.missing_children) > 0, r.organisation_id in (select parent_id from ${schema === 'red_cross' ? 'red_cross.chapter' : 'elderly.association'}) order by r.id) as nth
          from ${schema}.period_report r join ${schema}.period_report_snapshot s on s.report_id = r.id and s.version = r.version
         where r.state = 'APPROVED') x
       where nth <= $1`, [sample]);
    if (rows.length === 0) continue;
    const array = (values: string[]) => `{${values.join(',')}}`;
    const params = [
      array(rows.map((row) => row.organisation_id)),
      ...(withYear ? [array(rows.map((row) => row.period_type))] : []),
      array(rows.map((row) => row.period_start)),
      array(rows.map((row) => row.period_end)),
      ...(withYear ? [array(rows.map((row) => row.period_start.slice(0, 4)))] : []),
    ];
    const computed = (await client.query(numbered(statement), params)).rows;
    compared += rows.length;
    rows.forEach((row, index) => {
      // Generated snapshots are like those approved before approvals froze months: they hold no
      // relief by month (reliefByMonth on them is NOT_IN_APPROVED_FIGURES, as the product says).
      if (schema === 'red_cross') delete (computed[index].figures.relief as Record<string, unknown>)[RELIEF_BY_MONTH_FIGURES.split('.')[1]];
      if (JSON.stringify(sortKeys(row.figures)) !== JSON.stringify(sortKeys(computed[index].figures))) {
        found.push({ schema, reportId: row.id, generated: row.figures, computed: computed[index].figures });
      }
    });
  }
  return { compared, mismatches: found };
}

function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)).map(([key, inner]) => [key, sortKeys(inner)]));
}
