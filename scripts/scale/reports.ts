/**
 * Period reports (báo cáo định kỳ) of the generated organisations, in SQL like the rest: for each
 * half-year and year that has ended, every organisation's report follows one timeline drawn from
 * hashes of its key — drafted, first submitted (most before the deadline, lower levels first, about
 * one in twelve late), sometimes returned with a comment and sent again, approved by the parent a
 * few days later but never before the children that reported on time (a parent approves with the
 * late ones recorded missing), and now and then reopened with a reason and approved again. The
 * state on each row is where that timeline stands at the start of the generator's day; a few
 * organisations never file, or stay in draft, or never send a returned report again, and a few
 * reports wait for a parent who never gets to them.
 *
 * Snapshots are built here in SQL with the shape the approval's figures statement writes, from
 * the generated rows (roll-ups by level instead of one statement per report, which would read a
 * province's subtree once per chapter): so `differences` of a generated report are empty, and
 * bench/seed-scale.test.ts compares a sample with the subgraph's own statement.
 *
 * Generated on the maintenance connection: no `hoi.request_id`, so the audit triggers write
 * nothing, as for every other generated row.
 */
import { DEADLINE_DAYS, REPORT_RATES } from './params.ts';
import type { Step } from './sql.ts';
import { INFLOWS } from '../../subgraphs/elderly/src/fund/club-fund.sql.ts';

export const REPORT_TAG = { redCross: 0x5c05, elderly: 0xe105 } as const;

/** `pg_temp.<p>_report_period`: the half-years and years that have ended by the generator's day. */
const periodsStep = (p: string): Step => ({
  label: `temp ${p}_report_period`,
  sql: `create temp table ${p}_report_period as
    select row_number() over (order by period_start, period_type)::int as pn, period_type, period_start, period_end,
           (case period_type ${Object.entries(DEADLINE_DAYS).map(([type, days]) => `when '${type}' then ${days}`).join(' ')} end) as days
      from pg_temp.cfg cross join lateral (
        select 'HALF_YEAR' as period_type, h::date as period_start, (h + interval '6 months' - interval '1 day')::date as period_end
          from generate_series(cfg.start_on, cfg.today, interval '6 months') h
        union all
        select 'YEAR', y::date, (y + interval '1 year' - interval '1 day')::date
          from generate_series(cfg.start_on, cfg.today, interval '1 year') y
      ) x
     where period_end < cfg.today`,
});

const DAY = `interval '1 day'`;

/**
 * `pg_temp.<p>_rp`: one row per organisation (of `pg_temp.<p>_org`: id, parent_id, depth, n) and
 * period, with its fate, its timeline and its state at the start of the day. `height` is the
 * levels below the organisation in a full tree (0 for branches and clubs): lower ones file first.
 */
const planStep = (p: string, maxDepth: number): Step => ({
  label: `temp ${p}_rp (report timelines)`,
  sql: `create temp table ${p}_rp as
    with base as (
      select o.id, o.parent_id, o.depth, ${maxDepth} - o.depth as height, per.pn, per.period_type, per.period_start, per.period_end, per.days,
             (o.n << 7) + per.pn as k,
             (per.period_end + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh' as opens,
             (cfg.today::timestamp at time zone 'Asia/Ho_Chi_Minh') as as_of
        from pg_temp.${p}_org o cross join pg_temp.${p}_report_period per cross join pg_temp.cfg
    ), u as (
      select base.*, pg_temp.rnd(k, 201) as u_fate, pg_temp.rnd(k, 202) as u_sub, pg_temp.rnd(k, 203) as u_late, pg_temp.rnd(k, 204) as u_approve,
             pg_temp.rnd(k, 205) as u_return, pg_temp.rnd(k, 206) as u_reopen, pg_temp.rnd(k, 207) as u_draft, pg_temp.rnd(k, 208) as u_hour
        from base
    ), t as (
      select u.*,
             case when u_fate < ${REPORT_RATES.never} + ${REPORT_RATES.neverLeafExtra} * (height = 0)::int then 'NEVER'
                  when u_fate < ${REPORT_RATES.never + REPORT_RATES.stuckDraft} + ${REPORT_RATES.neverLeafExtra} * (height = 0)::int then 'STUCK_DRAFT'
                  when u_fate < ${REPORT_RATES.never + REPORT_RATES.stuckDraft + REPORT_RATES.stuckReturned} + ${REPORT_RATES.neverLeafExtra} * (height = 0)::int then 'STUCK_RETURNED'
                  when u_fate < ${REPORT_RATES.never + REPORT_RATES.stuckDraft + REPORT_RATES.stuckReturned + REPORT_RATES.stuckSubmitted} + ${REPORT_RATES.neverLeafExtra} * (height = 0)::int then 'STUCK_SUBMITTED'
                  else 'FILES' end as fate,
             -- Lower levels first, within the deadline's days; some late, up to a month after it.
             opens + ${DAY} * (case when u_late < ${REPORT_RATES.late} then days + 1 + 30 * u_sub
                                   else days * least(0.97, 0.1 + 0.15 * height + 0.3 * u_sub) end)
                   + interval '1 second' * floor(u_hour * 36000) as submitted_at,
             u_return < ${REPORT_RATES.returnedOnce} as returned_once
        from u
    )
    select t.*, t.submitted_at + (case when returned_once then 5 else 0 end + 1 + 3 * u_approve) * ${DAY} as approved_at
      from t`,
});

/**
 * Parents wait for their children who filed on time (approved a day after the last of them);
 * late children are approved when they come, after the parent: recorded missing. Level by level
 * from the bottom, so a parent's wait includes its children's.
 */
const waitForChildrenSteps = (p: string, maxDepth: number): Step[] =>
  Array.from({ length: maxDepth }, (_, index) => maxDepth - 1 - index).map((depth) => ({
    label: `${p}_rp: depth ${depth} waits for its children`,
    sql: `update pg_temp.${p}_rp parent set approved_at = greatest(parent.approved_at, c.last + ${DAY})
      from (select child.parent_id, child.pn, max(child.approved_at) as last from pg_temp.${p}_rp child
             where child.depth = ${depth + 1} and child.fate = 'FILES' and child.submitted_at <= child.opens + child.days * ${DAY}
             group by child.parent_id, child.pn) c
     where parent.depth = ${depth} and c.parent_id = parent.id and c.pn = parent.pn`,
  }));

/** Each row's events and where it stands: `state` null for no report (yet). */
const stateStep = (p: string): Step => ({
  label: `temp ${p}_rs (report states)`,
  sql: `create temp table ${p}_rs as
    with e as (
      select r.*,
             case when fate = 'FILES' and returned_once or fate = 'STUCK_RETURNED' then submitted_at + 2 * ${DAY} end as returned_at,
             case when fate = 'FILES' and returned_once then submitted_at + 4 * ${DAY} end as resubmitted_at,
             -- Reopened: approved, reopened a day later with a reason, sent again, approved again.
             fate = 'FILES' and u_reopen < ${REPORT_RATES.reopened} and approved_at - 5 * ${DAY} > submitted_at + case when returned_once then 4 else 0 end * ${DAY} as reopened,
             opens + ${DAY} * (0.5 + u_draft * 3) as drafted_at
        from pg_temp.${p}_rp r
    ), v as (
      select e.*,
             case when reopened then approved_at - 4 * ${DAY} end as first_approved_at,
             case when reopened then approved_at - 3 * ${DAY} end as reopened_at,
             case when reopened then approved_at - 1 * ${DAY} end as sent_again_at,
             case when fate = 'FILES' then approved_at end as final_approved_at
        from e
    )
    select v.*,
           case
             when fate = 'NEVER' then null
             when fate = 'STUCK_DRAFT' then case when as_of >= drafted_at then 'DRAFT' end
             when as_of < submitted_at then case when u_draft < 0.5 and as_of >= drafted_at then 'DRAFT' end
             when fate = 'STUCK_RETURNED' then case when as_of < returned_at then 'SUBMITTED' else 'RETURNED' end
             when fate = 'STUCK_SUBMITTED' then 'SUBMITTED'
             when as_of < returned_at then 'SUBMITTED'
             when as_of < resubmitted_at then 'RETURNED'
             when as_of >= final_approved_at then 'APPROVED'
             when as_of < first_approved_at or first_approved_at is null then 'SUBMITTED'
             when as_of < reopened_at then 'APPROVED'
             when as_of < sent_again_at then 'DRAFT'
             else 'SUBMITTED' end as state,
           (case when as_of >= first_approved_at then 1 else 0 end + case when as_of >= final_approved_at then 1 else 0 end)::int as version,
           -- Events that have happened, latest last: the row's changed_at and its comment.
           greatest(case when fate = 'STUCK_DRAFT' or as_of < submitted_at then drafted_at end,
                    case when as_of >= submitted_at and fate <> 'STUCK_DRAFT' then submitted_at end,
                    case when as_of >= returned_at then returned_at end, case when as_of >= resubmitted_at then resubmitted_at end,
                    case when as_of >= first_approved_at then first_approved_at end, case when as_of >= reopened_at then reopened_at end,
                    case when as_of >= sent_again_at then sent_again_at end, case when as_of >= final_approved_at then final_approved_at end) as changed_at,
           case when as_of >= reopened_at then 'Mở lại để điều chỉnh số liệu cứu trợ theo kết quả rà soát.'
                when as_of >= returned_at then 'Đề nghị bổ sung số liệu hoạt động 6 tháng và gửi lại.' end as comment
      from v`,
});

/**
 * `pg_temp.<p>_missing`: for each approval that has happened (version 1 and, reopened, 2), the
 * children not finally approved by then: the approval's `missing_children`. One grouped join.
 */
const missingStep = (p: string): Step => ({
  label: `temp ${p}_missing`,
  sql: `create temp table ${p}_missing as
    select a.id, a.pn, a.version, coalesce(array_agg(c.id order by c.id) filter (where c.id is not null and (c.final_approved_at is null or c.final_approved_at > a.at)), '{}') as ids
      from (select r.id, r.pn, s.version, s.at from pg_temp.${p}_rs r
             cross join lateral (values (1, coalesce(r.first_approved_at, r.final_approved_at)), (2, r.final_approved_at)) s (version, at)
             where s.version <= r.version) a
      left join pg_temp.${p}_rs c on c.parent_id = a.id and c.pn = a.pn
     group by a.id, a.pn, a.version`,
});

const analyze = (p: string, table: string): Step => ({ label: `analyze ${p}_${table}`, sql: `analyze pg_temp.${p}_${table}` });

/**
 * The steps for one subgraph: its organisations as `pg_temp.<p>_org` (id, parent_id, depth, n)
 * are made by `orgStep`; `figuresStep` makes `pg_temp.<p>_figures (organisation_id, pn, figures)`
 * for the rows that have snapshots. Reports go to `<schema>.period_report` with the first
 * submission when the table has that column (completeness migrated), snapshots to
 * `<schema>.period_report_snapshot`.
 */
export function reportSteps(options: {
  p: string;
  schema: string;
  tag: number;
  maxDepth: number;
  orgStep: Step;
  figuresSteps: Step[];
}): Step[] {
  const { p, schema, tag, maxDepth } = options;
  const hasSubmittedAt = `select exists (select 1 from information_schema.columns
     where table_schema = '${schema}' and table_name = 'period_report' and column_name = 'submitted_at') as yes`;
  const insert = (withSubmittedAt: boolean) => `insert into ${schema}.period_report (id, organisation_id, kind, period_type, period_start, period_end, state,
      version, comment, missing_children, changed_at, changed_by${withSubmittedAt ? ', submitted_at' : ''})
    select pg_temp.seq_uuid(${tag}, r.k), r.id, 'ACTIVITIES', r.period_type, r.period_start, r.period_end, r.state, r.version, r.comment,
           case when state = 'APPROVED' then m.ids else '{}' end,
           r.changed_at, 'seed:scale'${withSubmittedAt ? `, case when r.as_of >= r.submitted_at and r.fate <> 'STUCK_DRAFT' then r.submitted_at end` : ''}
      from pg_temp.${p}_rs r left join pg_temp.${p}_missing m on m.id = r.id and m.pn = r.pn and m.version = r.version
     where r.state is not null
     order by r.k`;
  return [
    options.orgStep,
    periodsStep(p),
    planStep(p, maxDepth),
    analyze(p, 'rp'),
    ...waitForChildrenSteps(p, maxDepth),
    stateStep(p),
    analyze(p, 'rs'),
    missingStep(p),
    { label: `${schema}.period_report`, sql: insert(true), onlyIf: hasSubmittedAt },
    { label: `${schema}.period_report (no submitted_at yet)`, sql: insert(false), onlyIf: `select not (${hasSubmittedAt}) as yes` },
    ...options.figuresSteps,
    analyze(p, 'figures'),
    {
      label: `${schema}.period_report_snapshot`,
      sql: `insert into ${schema}.period_report_snapshot (report_id, version, figures, missing_children, approved_at, approved_by)
        select pg_temp.seq_uuid(${tag}, r.k), m.version, f.figures, m.ids,
               case when m.version = 1 then coalesce(r.first_approved_at, r.final_approved_at) else r.final_approved_at end, 'seed:scale'
          from pg_temp.${p}_rs r
          join pg_temp.${p}_missing m on m.id = r.id and m.pn = r.pn
          join pg_temp.${p}_figures f on f.organisation_id = r.id and f.pn = r.pn
         where r.state is not null
         order by r.k, m.version`,
    },
  ];
}

/**
 * The Red Cross's figures of each chapter and period with a snapshot, as CHAPTER_FIGURES_SQL
 * writes them: the subtree's relief (own sums per chapter, then added up every ancestor's path),
 * membership from the chapter's own report of the period (the nearest one: every chapter with
 * reports below it has one of its own here), blood donation, and for a YEAR model programmes.
 */
export const RED_CROSS_FIGURES: Step[] = [
  {
    label: 'temp rc_relief_sub (relief by subtree)',
    sql: `create temp table rc_relief_sub as
      with own as (
        select a.chapter_id, per.pn, a.kind, count(*) as activities, sum(a.quantity) as quantity, sum(a.people_reached) as people, sum(a.value_vnd) as value
          from red_cross.relief_activity a
          join pg_temp.rc_report_period per on a.occurred_on between per.period_start and per.period_end
         group by 1, 2, 3
      )
      select ancestor.id as chapter_id, own.pn, own.kind, sum(activities) as activities, sum(quantity) as quantity, sum(people) as people, sum(value) as value
        from own join red_cross.chapter c on c.id = own.chapter_id cross join lateral unnest(c.path) as ancestor (id)
       group by 1, 2, 3`,
  },
  { label: 'analyze rc_relief_sub', sql: 'analyze pg_temp.rc_relief_sub' },
  {
    label: 'temp rc_figures (snapshot figures)',
    sql: `create temp table rc_figures as
      with wanted as (select distinct r.id as organisation_id, r.pn, r.period_type, r.period_start, r.period_end from pg_temp.rc_rs r where r.version > 0),
      blood as (
        select ancestor.id as chapter_id, per.pn, sum(x.rounds) as rounds, sum(x.planned) as planned, sum(x.emergency) as emergency, sum(x.units) as units
          from (select chapter_id, held_on as day, 1 as rounds, 0 as planned, 0 as emergency, 0 as units from red_cross.blood_donation_awareness_round
                union all
                select chapter_id, received_on, 0, case when kind = 'PLANNED' then units else 0 end, case when kind = 'EMERGENCY' then units else 0 end, units
                  from red_cross.blood_unit_receipt) x
          join pg_temp.rc_report_period per on x.day between per.period_start and per.period_end
          join red_cross.chapter c on c.id = x.chapter_id cross join lateral unnest(c.path) as ancestor (id)
         group by 1, 2
      ),
      programmes as (
        select ancestor.id as chapter_id, m.year, count(*) as n
          from red_cross.model_programme m join red_cross.chapter c on c.id = m.chapter_id cross join lateral unnest(c.path) as ancestor (id)
         group by 1, 2
      ),
      relief as (
        select s.chapter_id, s.pn,
               jsonb_build_object('activities', sum(activities)::text, 'quantity', sum(quantity)::text, 'peopleReached', sum(people)::text, 'valueVnd', sum(value)::text) as total,
               jsonb_object_agg(kind, jsonb_build_object('activities', activities::text, 'quantity', quantity::text, 'peopleReached', people::text, 'valueVnd', value::text)) as by_kind
          from pg_temp.rc_relief_sub s
         where exists (select 1 from wanted w where w.organisation_id = s.chapter_id and w.pn = s.pn)
         group by 1, 2
      )
      select w.organisation_id, w.pn, jsonb_build_object(
          'membership', jsonb_build_object('reports', (m.id is not null)::int::text,
            'grassrootsOrganisations', coalesce(m.grassroots_organisations, 0)::text, 'branches', coalesce(m.branches, 0)::text,
            'individualMembers', coalesce(m.individual_members, 0)::text, 'collectiveMembers', coalesce(m.collective_members, 0)::text,
            'volunteers', coalesce(m.volunteers, 0)::text),
          'relief', jsonb_build_object(
            'total', coalesce(relief.total, jsonb_build_object('activities', '0', 'quantity', '0', 'peopleReached', '0', 'valueVnd', '0')),
            'byKind', coalesce(relief.by_kind, '{}'::jsonb)),
          'bloodDonation', jsonb_build_object('awarenessRounds', coalesce(blood.rounds, 0)::text, 'plannedUnits', coalesce(blood.planned, 0)::text,
            'emergencyUnits', coalesce(blood.emergency, 0)::text, 'totalUnits', coalesce(blood.units, 0)::text),
          'modelProgrammes', case when w.period_type = 'YEAR' then coalesce(programmes.n, 0)::text end
        ) as figures
        from wanted w
        left join red_cross.membership_report m on m.chapter_id = w.organisation_id and m.period_type = w.period_type and m.period_start = w.period_start
        left join relief on relief.chapter_id = w.organisation_id and relief.pn = w.pn
        left join blood on blood.chapter_id = w.organisation_id and blood.pn = w.pn
        left join programmes on programmes.chapter_id = w.organisation_id and programmes.year = extract(year from w.period_start)`,
  },
];

export const RED_CROSS_REPORT_STEPS: Step[] = reportSteps({
  p: 'rc',
  schema: 'red_cross',
  tag: REPORT_TAG.redCross,
  maxDepth: 4,
  orgStep: {
    label: 'temp rc_org',
    sql: `create temp table rc_org as
      select id, parent_id, array_position(array['NATIONAL', 'PROVINCE', 'DISTRICT', 'GRASSROOTS', 'BRANCH'], level) - 1 as depth,
             row_number() over (order by id) as n
        from red_cross.chapter`,
  },
  figuresSteps: RED_CROSS_FIGURES,
});

/**
 * fundStatistics' rules for every club at every period end at once (its own statement reads a
 * few clubs' ledgers through an index and would take minutes over every club): an entry counts
 * when dated by the day, not a reversal and not reversed by then; repayments pay a borrower's
 * oldest loans first. bench/seed-scale.test.ts compares the snapshots with the subgraph's own.
 */
const FUND_OF_EVERY_CLUB = `
  with days as (select distinct period_end as day from pg_temp.el_report_period),
  live as (
    select d.day, e.club_id, e.kind, e.amount_vnd, e.borrower_ref, e.due_on, e.occurred_on, e.seq
      from days d join elderly.club_fund_entry e on e.occurred_on <= d.day and e.kind <> 'REVERSAL'
     where not exists (select 1 from elderly.club_fund_entry r where r.reverses_id = e.id and r.occurred_on <= d.day)
  ),
  money as (
    select day, club_id, coalesce(sum(amount_vnd) filter (where kind in (${INFLOWS})), 0) as total,
           coalesce(sum(amount_vnd) filter (where kind in ('MEMBER_CONTRIBUTION', 'SOCIETY_RAISED')), 0) as raised,
           coalesce(sum(case kind when 'LOAN_DISBURSED' then amount_vnd when 'REPAYMENT' then -amount_vnd end), 0) as out_on_loan
      from live group by day, club_id
  ),
  repaid as (select day, club_id, borrower_ref, sum(amount_vnd) as amount from live where kind = 'REPAYMENT' group by 1, 2, 3),
  loans as (
    select l.day, l.club_id, l.borrower_ref, l.due_on,
           greatest(0, least(l.amount_vnd, sum(l.amount_vnd) over (partition by l.day, l.club_id, l.borrower_ref order by l.occurred_on, l.seq)
                                           - coalesce(p.amount, 0))) as outstanding
      from live l left join repaid p on p.day = l.day and p.club_id = l.club_id and p.borrower_ref = l.borrower_ref
     where l.kind = 'LOAN_DISBURSED'
  ),
  debt as (
    select day, club_id, count(distinct borrower_ref) filter (where outstanding > 0) as borrowers,
           count(*) filter (where outstanding > 0 and due_on < day) as overdue_loans,
           coalesce(sum(outstanding) filter (where outstanding > 0 and due_on < day), 0) as overdue_amount
      from loans group by day, club_id
  )
  select c.id, d.day, coalesce(m.total, 0) as "totalFund", coalesce(m.raised, 0) as "contributedOrRaised", coalesce(m.out_on_loan, 0) as "outOnLoan",
         coalesce(x.borrowers, 0) as borrowers, coalesce(x.overdue_loans, 0) as "overdueLoans", coalesce(x.overdue_amount, 0) as "overdueAmount"
    from elderly.club c cross join days d
    left join money m on m.club_id = c.id and m.day = d.day
    left join debt x on x.club_id = c.id and x.day = d.day`;

/**
 * The Elderly Association's figures of each unit or club and period with a snapshot, as
 * ORGANISATION_FIGURES_SQL writes them. Every figure adds up over clubs (a unit's are its
 * subtree's clubs'), so each club's are computed once per period end — its members then, and its
 * fund by the subgraph's own fund statement for all clubs at once — and summed up the chain of
 * units; intake is the units' own, summed the same way.
 */
export const ELDERLY_FIGURES: Step[] = [
  {
    // Each club under itself and under each unit above it; each unit under itself and those above.
    label: 'temp el_chain',
    sql: `create temp table el_chain as
      select c.id as member_id, true as is_club, x.organisation_id
        from elderly.club c
        join elderly.association a1 on a1.id = c.association_id
        left join elderly.association a2 on a2.id = a1.parent_id
        left join elderly.association a3 on a3.id = a2.parent_id
       cross join lateral (values (c.id), (a1.id), (a2.id), (a3.id)) x (organisation_id)
       where x.organisation_id is not null
      union all
      select a1.id, false, x.organisation_id
        from elderly.association a1
        left join elderly.association a2 on a2.id = a1.parent_id
        left join elderly.association a3 on a3.id = a2.parent_id
       cross join lateral (values (a1.id), (a2.id), (a3.id)) x (organisation_id)
       where x.organisation_id is not null`,
  },
  {
    label: 'temp el_club_day (members and funds of each club at each period end)',
    sql: `do $do$
      begin
        create temp table el_fund as ${FUND_OF_EVERY_CLUB};
        create temp table el_club_day as
          select c.id as club_id, d.day, c.founded_on is null or c.founded_on <= d.day as founded,
                 count(m.id) as members, count(m.id) filter (where m.board_role is not null) as board,
                 count(m.id) filter (where m.is_ethnic_minority) as minority,
                 count(m.id) filter (where m.birth_date + interval '56 years' <= d.day) as over55,
                 count(m.id) filter (where m.poverty_status = 'POOR') as poor, count(m.id) filter (where m.poverty_status = 'NEAR_POOR') as near_poor
            from elderly.club c
            cross join (select distinct period_end as day from pg_temp.el_report_period) d
            left join elderly.club_member m on m.club_id = c.id and (c.founded_on is null or c.founded_on <= d.day)
                 and m.joined_on <= d.day and (m.left_on is null or m.left_on > d.day)
           group by c.id, d.day, c.founded_on;
        analyze pg_temp.el_fund;
        analyze pg_temp.el_club_day;
        analyze pg_temp.el_chain;
      end $do$`,
  },
  {
    label: 'temp el_figures (snapshot figures)',
    sql: `create temp table el_figures as
      with wanted as (select distinct r.id as organisation_id, r.pn, r.period_start, r.period_end from pg_temp.el_rs r where r.version > 0),
      clubs as (
        select w.organisation_id, w.pn, count(*) filter (where cd.founded) as clubs, sum(cd.members) as members, sum(cd.board) as board,
               sum(cd.minority) as minority, sum(cd.over55) as over55, sum(cd.poor) as poor, sum(cd.near_poor) as near_poor,
               count(*) as fund_clubs, sum(f."totalFund"::numeric) as total_fund, sum(f."contributedOrRaised"::numeric) as raised,
               sum(f."outOnLoan"::numeric) as out_on_loan, sum(f.borrowers) as borrowers, sum(f."overdueLoans") as overdue_loans,
               sum(f."overdueAmount"::numeric) as overdue_amount
          from wanted w
          join pg_temp.el_chain ch on ch.organisation_id = w.organisation_id and ch.is_club
          join pg_temp.el_club_day cd on cd.club_id = ch.member_id and cd.day = w.period_end
          join pg_temp.el_fund f on f.id = ch.member_id and f.day = w.period_end
         group by 1, 2
      ),
      intake as (
        select w.organisation_id, w.pn, sum(i.new_members) as n
          from wanted w
          join pg_temp.el_chain ch on ch.organisation_id = w.organisation_id and not ch.is_club
          join elderly.membership_intake i on i.association_id = ch.member_id and i.period_start >= w.period_start and i.period_end <= w.period_end
         group by 1, 2
      )
      select w.organisation_id, w.pn, jsonb_build_object(
          'intake', coalesce(intake.n, 0)::text,
          'clubs', coalesce(c.clubs, 0)::text,
          'members', jsonb_build_object('members', coalesce(c.members, 0)::text, 'boardMembers', coalesce(c.board, 0)::text,
            'ethnicMinorityMembers', coalesce(c.minority, 0)::text, 'membersOver55', coalesce(c.over55, 0)::text,
            'poorMembers', coalesce(c.poor, 0)::text, 'nearPoorMembers', coalesce(c.near_poor, 0)::text),
          'fund', jsonb_build_object('clubs', coalesce(c.fund_clubs, 0)::text, 'balance', (coalesce(c.total_fund, 0) - coalesce(c.out_on_loan, 0))::text,
            'totalFund', coalesce(c.total_fund, 0)::text, 'contributedOrRaised', coalesce(c.raised, 0)::text, 'outOnLoan', coalesce(c.out_on_loan, 0)::text,
            'borrowers', coalesce(c.borrowers, 0)::text, 'overdueLoans', coalesce(c.overdue_loans, 0)::text, 'overdueAmount', coalesce(c.overdue_amount, 0)::text)
        ) as figures
        from wanted w
        left join clubs c on c.organisation_id = w.organisation_id and c.pn = w.pn
        left join intake on intake.organisation_id = w.organisation_id and intake.pn = w.pn`,
  },
];

export const ELDERLY_REPORT_STEPS: Step[] = reportSteps({
  p: 'el',
  schema: 'elderly',
  tag: REPORT_TAG.elderly,
  maxDepth: 3,
  orgStep: {
    // Units by level; a club one level below the unit that runs it.
    label: 'temp el_org',
    sql: `create temp table el_org as
      select id, parent_id, depth, row_number() over (order by id) as n from (
        select id, parent_id, array_position(array['PROVINCE', 'DISTRICT', 'COMMUNE'], level) - 1 as depth from elderly.association
        union all
        select c.id, c.association_id, array_position(array['PROVINCE', 'DISTRICT', 'COMMUNE'], a.level) from elderly.club c join elderly.association a on a.id = c.association_id
      ) x`,
  },
  figuresSteps: ELDERLY_FIGURES,
});
