import { Migration } from '@mikro-orm/migrations';

/**
 * A maintained roll-up of the club fund ledgers: per club and month, the changes in every fund
 * figure. A figure as of the last day D of a month is the sum of the club's rows of the months up
 * to D's; fundStatistics, the cluster totals and the reports read a dozen rows a club instead of
 * its whole ledger.
 *
 * Why month rows are exact at a month's last day D (every period's end): an entry counts at D when
 * it is dated on or before D and no reversal of it is dated on or before D (see fundFiguresSql).
 * "x <= D" holds exactly when month(x) <= month(D). A reversal is never dated before the entry it
 * undoes (a trigger refuses it), so an entry counts from its own month until its reversal's month.
 * - Sums (total fund, contributed or raised, out on loan): each entry adds its amount in its month;
 *   a reversal subtracts the reversed entry's amount, as that entry's kind, in its own month.
 * - Borrowers, overdue loans and overdue amount do not add up entry by entry: repayments pay a
 *   borrower's oldest loans first, and a loan is overdue at D when something of it is still owed
 *   and its due day is before D (due_on < D: from month(due_on + 1 day) on). They are per
 *   borrower: the borrower's state at the end of each month where it can change (a month of one of
 *   its entries, of a reversal of one, or of a due day passing) is computed from the borrower's
 *   entries by the same rules as the ledger statement, and the row of that month holds the change
 *   from the state of the month before. A borrower belongs to one club, so the club's rows sum to
 *   the club's borrowers (distinct borrowers owing), overdue loans and overdue amount at D.
 *
 * Maintenance: a statement-level trigger on inserts into the ledger (it is append-only: no update,
 * delete or truncate is possible), in the writing transaction, like the relief and club
 * statistics roll-ups; one copy of the rule whatever writes (API, demo, seed, a script). Sums are
 * added (`on conflict do update set x = x + excluded.x`): no update is lost. A borrower's change
 * is "state with the new entries minus state without them", which is only right if no other
 * transaction writes to the same borrower meanwhile: the trigger first takes each club's turn, the
 * advisory lock the fund mutations take (lockRule 'elderly.club.fund'), in key order, and then
 * reads (each statement of a trigger function takes a fresh snapshot under READ COMMITTED, the
 * default isolation), so it sees every entry committed before it. Readers are never blocked.
 * `elderly.rebuild_club_fund_rollup()` refills it from the ledger (the scale generator uses it
 * after its bulk inserts).
 */

const INFLOWS = `'STARTING_GRANT', 'MEMBER_CONTRIBUTION', 'SOCIETY_RAISED', 'INTEREST', 'FEE'`;
const SUMS = ['total_fund', 'contributed_or_raised', 'out_on_loan'] as const;
const STATES = ['borrowers', 'overdue_loans', 'overdue_amount'] as const;
const FIGURES = [...SUMS, ...STATES];
const list = (f: (column: string) => string, columns: readonly string[] = FIGURES) => columns.map(f).join(', ');

const month = (date: string) => `date_trunc('month', (${date})::timestamp)::date`;

/** The sums' changes of ledger rows `source`: each entry in its month, a reversal as the opposite of the entry it undoes. */
const entryChanges = (source: string) => `
  select e.club_id, ${month('e.occurred_on')} as month,
         k.sign * e.amount_vnd * (k.kind in (${INFLOWS}))::int as total_fund,
         k.sign * e.amount_vnd * (k.kind in ('MEMBER_CONTRIBUTION', 'SOCIETY_RAISED'))::int as contributed_or_raised,
         k.sign * e.amount_vnd * case k.kind when 'LOAN_DISBURSED' then 1 when 'REPAYMENT' then -1 else 0 end as out_on_loan,
         0 as borrowers, 0 as overdue_loans, 0 as overdue_amount
    from (${source}) e
    left join elderly.club_fund_entry reversed on reversed.id = e.reverses_id
   cross join lateral (select case when e.kind = 'REVERSAL' then -1 else 1 end as sign, coalesce(reversed.kind, e.kind) as kind) k`;

/**
 * The state changes of the borrowers `pairs` (a query of club_id, borrower_ref, since), from their
 * entries except those `excluded(id)` says, each multiplied by `sign`: per borrower and month
 * where its state can change, the state at the month's end minus the state at the previous such
 * month's end. The repayment rule is the ledger statement's: oldest loan (occurred_on, seq) first.
 * `since` (null: from the start) is the first month new entries touch: states before it are the
 * same with and without them, so only the months from the last one before it are computed (that
 * one's row, the same in both, cancels out). A write then costs a few months of one borrower, not
 * the borrower's whole history of months.
 */
const borrowerChanges = (pairs: string, excluded: (id: string) => string, sign: 1 | -1) => `
  with pairs as materialized (${pairs}),
  entries as materialized (
    select e.id, e.club_id, e.borrower_ref, e.kind, e.amount_vnd, e.occurred_on, e.seq, e.due_on, r.occurred_on as reversed_on
      from pairs p
      join elderly.club_fund_entry e on e.club_id = p.club_id and e.borrower_ref = p.borrower_ref
      -- at most one reversal an entry, in its club (constraints say so)
      left join elderly.club_fund_entry r on r.reverses_id = e.id and not ${excluded('r.id')}
     where not ${excluded('e.id')}
  ),
  all_turns as materialized (
    select distinct e.club_id, e.borrower_ref, t.month
      from entries e
     cross join lateral (values (${month('e.occurred_on')}), (${month('e.reversed_on')}), (${month('e.due_on + 1')})) t (month)
     where t.month is not null
  ),
  turns as (
    select t.club_id, t.borrower_ref, t.month, (t.month + interval '1 month' - interval '1 day')::date as day
      from all_turns t
      join pairs p on p.club_id = t.club_id and p.borrower_ref = t.borrower_ref
     where p.since is null
        or t.month >= coalesce((select max(b.month) from all_turns b
                                 where b.club_id = t.club_id and b.borrower_ref = t.borrower_ref and b.month < p.since), p.since)
  ),
  -- Repaid by each turn's end: a running sum over the turns (every month a repayment or its
  -- reversal counts in is one), not a sum over the whole history at every turn.
  repaid as (
    select t.club_id, t.borrower_ref, t.month,
           sum(coalesce(c.amount, 0)) over (partition by t.club_id, t.borrower_ref order by t.month) as amount
      from all_turns t
      left join (
        select club_id, borrower_ref, month, sum(amount) as amount from (
          select club_id, borrower_ref, ${month('occurred_on')} as month, amount_vnd as amount from entries where kind = 'REPAYMENT'
          union all
          select club_id, borrower_ref, ${month('reversed_on')}, -amount_vnd from entries where kind = 'REPAYMENT' and reversed_on is not null
        ) x group by 1, 2, 3
      ) c on c.club_id = t.club_id and c.borrower_ref = t.borrower_ref and c.month = t.month
  ),
  -- The loans live at each turn's end, oldest first, and what of each is still owed then.
  loans as (
    select t.club_id, t.borrower_ref, t.month, t.day, e.due_on,
           greatest(0, least(e.amount_vnd,
             sum(e.amount_vnd) over (partition by t.club_id, t.borrower_ref, t.month order by e.occurred_on, e.seq) - p.amount)) as outstanding
      from turns t
      join entries e on e.club_id = t.club_id and e.borrower_ref = t.borrower_ref and e.kind = 'LOAN_DISBURSED'
       and e.occurred_on <= t.day and (e.reversed_on is null or e.reversed_on > t.day)
      join repaid p on p.club_id = t.club_id and p.borrower_ref = t.borrower_ref and p.month = t.month
  ),
  states as (
    select t.club_id, t.borrower_ref, t.month,
           coalesce(bool_or(l.outstanding > 0), false)::int as borrowers,
           count(*) filter (where l.outstanding > 0 and l.due_on < t.day) as overdue_loans,
           coalesce(sum(l.outstanding) filter (where l.outstanding > 0 and l.due_on < t.day), 0) as overdue_amount
      from turns t
      left join loans l on l.club_id = t.club_id and l.borrower_ref = t.borrower_ref and l.month = t.month
     group by 1, 2, 3
  )
  select club_id, month, 0 as total_fund, 0 as contributed_or_raised, 0 as out_on_loan,
         ${list((f) => `${sign} * (${f} - coalesce(lag(${f}) over w, 0)) as ${f}`, STATES)}
    from states
  window w as (partition by club_id, borrower_ref order by month)`;

/** Adds grouped changes to the roll-up, in key order (writers lock shared rows in the same order); a plain insert into an emptied table. */
const addChanges = (changes: string, into: 'rows' | 'emptied') => `
  insert into elderly.club_fund_month as t (club_id, month, ${list((f) => f)})
  select club_id, month, ${list((f) => `sum(${f})`)}
    from (${changes}) x
   group by club_id, month
  having ${FIGURES.map((f) => `sum(${f}) <> 0`).join(' or ')}
   order by club_id, month
  ${into === 'emptied' ? '' : `on conflict (club_id, month) do update set ${list((f) => `${f} = t.${f} + excluded.${f}`)}`}`;

const NONE = () => 'false';

export class Migration20261202190500_club_fund_rollup extends Migration {
  override up(): void {
    this.addSql(`
      create table elderly.club_fund_month (
        club_id uuid not null references elderly.club (id),
        month date not null check (month = ${month('month')}),
        -- Sums of amounts: numeric, as a bigint sum of bounded amounts can still overflow.
        ${list((f) => `${f} numeric not null default 0`, SUMS)},
        borrowers integer not null default 0,
        overdue_loans integer not null default 0,
        overdue_amount numeric not null default 0,
        primary key (club_id, month)
      ) with (fillfactor = 80)`);
    this.addSql(`comment on table elderly.club_fund_month is 'Changes in the fund figures of each club per month (the figures at a month''s end are the sums up to it); kept by a trigger on club_fund_entry, rebuilt by elderly.rebuild_club_fund_rollup().'`);

    // The borrowers the new entries touch, and from which month: an entry's own month (its due
    // month comes later), a reversal's month for the borrower of the entry it undoes.
    const newPairs = `
      select club_id, borrower_ref, min(month) as since from (
        select n.club_id, n.borrower_ref, ${month('n.occurred_on')} as month from new_rows n where n.borrower_ref is not null
        union all
        select x.club_id, x.borrower_ref, ${month('n.occurred_on')} from new_rows n join elderly.club_fund_entry x on x.id = n.reverses_id where x.borrower_ref is not null
      ) touched group by club_id, borrower_ref`;
    this.addSql(`
      create function elderly.club_fund_rollup_inserted() returns trigger language plpgsql as $$
      begin
        -- Each club's turn first (see the migration): the same lock as lockRule('elderly.club.fund', club id).
        perform pg_advisory_xact_lock(hashtext('elderly.club.fund'), hashtext(c.club_id::text))
           from (select distinct club_id from new_rows order by club_id) c;
        ${addChanges(`
          ${entryChanges('select * from new_rows')}
          union all
          (${borrowerChanges(newPairs, NONE, 1)})
          union all
          (${borrowerChanges(newPairs, (id) => `${id} in (select id from new_rows)`, -1)})`, 'rows')};
        return null;
      end $$`);
    this.addSql(`create trigger club_fund_rollup_insert after insert on elderly.club_fund_entry
      referencing new table as new_rows for each statement execute function elderly.club_fund_rollup_inserted()`);

    this.addSql(`
      create function elderly.rebuild_club_fund_rollup() returns void language plpgsql
      set work_mem = '128MB' as $$
      begin
        lock table elderly.club_fund_entry in share mode;
        truncate elderly.club_fund_month;
        ${addChanges(`
          ${entryChanges('select * from elderly.club_fund_entry')}
          union all
          (${borrowerChanges('select distinct club_id, borrower_ref, null::date as since from elderly.club_fund_entry where borrower_ref is not null', NONE, 1)})`, 'emptied')};
      end $$`);
    this.addSql(`comment on function elderly.rebuild_club_fund_rollup() is 'Refills elderly.club_fund_month from the ledger.'`);
    this.addSql(`select elderly.rebuild_club_fund_rollup()`);
    this.addSql(`analyze elderly.club_fund_month`);
  }

  override down(): void {
    this.addSql(`drop trigger club_fund_rollup_insert on elderly.club_fund_entry`);
    this.addSql(`drop function elderly.club_fund_rollup_inserted()`);
    this.addSql(`drop function elderly.rebuild_club_fund_rollup()`);
    this.addSql(`drop table elderly.club_fund_month`);
  }
}
