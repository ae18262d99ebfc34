import type { EntityManager } from '@mikro-orm/postgresql';
import { prepared, sql } from '@hoi/common/orm';
import type { FundEntry } from './club-fund.type.ts';
import { FundEntryKind, INFLOW_KINDS } from './club-fund.type.ts';

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');
export const INFLOWS = list(INFLOW_KINDS);

/** Today in Vietnam: the default day of fund figures and the latest day an entry may carry. */
export const TODAY_SQL = `(now() at time zone 'Asia/Ho_Chi_Minh')::date`;

export const FUND_ENTRY_COLUMNS = `id, club_id as "clubId", kind, amount_vnd as "amountVnd", to_char(occurred_on, 'YYYY-MM-DD') as "occurredOn",
  note, borrower_ref as "borrowerRef", borrower_member_id as "borrowerMemberId", to_char(due_on, 'YYYY-MM-DD') as "dueOn", reverses_id as "reversesId"`;

export function toFundEntry(row: Record<string, unknown>): FundEntry {
  return {
    id: String(row.id),
    clubId: String(row.clubId),
    kind: row.kind as FundEntryKind,
    amountVnd: row.amountVnd as string,
    occurredOn: String(row.occurredOn),
    note: String(row.note),
    borrowerRef: (row.borrowerRef as string | null) ?? null,
    borrowerMemberId: (row.borrowerMemberId as string | null) ?? null,
    dueOn: (row.dueOn as string | null) ?? null,
    reversesId: (row.reversesId as string | null) ?? null,
  };
}

/**
 * Which clubs each root's figures cover: `roots (id)` and `scope (root_id, club_id)` CTEs. A club
 * root covers itself; an association root covers its clubs and those of every unit below it.
 */
export const SCOPES = {
  club: {
    ctes: `roots (id) as (select unnest(?::uuid[])),
      scope (root_id, club_id) as (select id, id from roots)`,
  },
  // Roots are emulation clusters: (cluster, member association) pairs come in as JSON, and each
  // cluster covers the clubs of its member associations' subtrees.
  clusterMembers: {
    ctes: `pairs (root_id, association_id) as (
        select cluster_id, association_id from jsonb_to_recordset(?::jsonb) as pair (cluster_id text, association_id uuid)),
      roots (id) as (select distinct root_id from pairs),
      tree (root_id, association_id) as (
        select root_id, association_id from pairs
        union all
        select tree.root_id, a.id from elderly.association a join tree on a.parent_id = tree.association_id
      ) cycle association_id set looped using visited,
      scope (root_id, club_id) as (
        select distinct tree.root_id, c.id from tree join elderly.club c on c.association_id = tree.association_id where not tree.looped)`,
  },
  association: {
    ctes: `roots (id) as (select id from elderly.association where id = any(?::uuid[])),
      tree (root_id, association_id) as (
        select id, id from roots
        union all
        select tree.root_id, a.id from elderly.association a join tree on a.parent_id = tree.association_id
      ) cycle association_id set looped using visited,
      scope (root_id, club_id) as (select tree.root_id, c.id from tree join elderly.club c on c.association_id = tree.association_id where not tree.looped)`,
  },
  // One root that is a club or an association unit (a period report's organisation).
  organisation: {
    ctes: `roots (id) as (select ?::uuid),
      tree (root_id, association_id) as (
        select id, id from roots
        union all
        select tree.root_id, a.id from elderly.association a join tree on a.parent_id = tree.association_id
      ) cycle association_id set looped using visited,
      scope (root_id, club_id) as (
        select tree.root_id, c.id from tree join elderly.club c on c.association_id = tree.association_id where not tree.looped
        union all
        select c.id, c.id from roots join elderly.club c on c.id = roots.id)`,
  },
};

export interface FundFiguresRow {
  id: string;
  asOf: string;
  clubs: number;
  balance: string;
  totalFund: string;
  contributedOrRaised: string;
  outOnLoan: string;
  borrowers: number;
  overdueLoans: number;
  overdueAmount: string;
}

/**
 * Fund figures of many roots (clubs, or association subtrees) on one day, in one statement.
 * An entry counts if it is dated on or before the day, is not a reversal and has not been reversed
 * by a reversal dated on or before the day. Repayments pay a borrower's oldest loans first, which
 * tells how much of each loan is still owed, and so which loans are overdue.
 */
export function fundFigures(em: EntityManager, scope: 'club' | 'association', rootIds: readonly string[], asOf: string | null): Promise<FundFiguresRow[]> {
  const statement = asOf && isLastDayOfMonth(asOf) ? fundFiguresRollupSql(scope) : fundFiguresSql(scope);
  // Prepared: a club's fund is read with the club itself (a hot read), its ids bound as one array.
  return prepared<FundFiguresRow>(em, statement, [asOf, [...rootIds]]);
}

/** Whether an ISO day is the last of its month: the days the roll-up answers for (every period's end). */
export function isLastDayOfMonth(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.getUTCDate() === 1;
}

/** The statement behind `fundFigures`; parameters: the day (or null for today), then the scope's roots. */
export function fundFiguresSql(scope: keyof typeof SCOPES): string {
  return `with recursive
      as_of (day) as (select coalesce(?::date, ${TODAY_SQL})),
      ${SCOPES[scope].ctes},
      -- Club by club through the (club_id, occurred_on) index: the scope's size is unknown to the
      -- planner (a recursive tree), and a misjudged hash join over the whole ledger took seconds.
      -- OFFSET 0 keeps the lateral subquery from being flattened into that join.
      live as (
        select s.root_id, e.club_id, e.kind, e.amount_vnd, e.borrower_ref, e.due_on, e.occurred_on, e.seq
          from scope s
          cross join as_of
          cross join lateral (
            select e.* from elderly.club_fund_entry e
             where e.club_id = s.club_id and e.kind <> 'REVERSAL' and e.occurred_on <= as_of.day
               -- A reversal lies in the club of the entry it reverses (a foreign key says so): look there only.
               and not exists (select 1 from elderly.club_fund_entry r
                                where r.club_id = s.club_id and r.reverses_id = e.id and r.occurred_on <= as_of.day)
            offset 0
          ) e
      ),
      repaid as materialized (
        select root_id, club_id, borrower_ref, sum(amount_vnd) as amount
          from live where kind = 'REPAYMENT' group by root_id, club_id, borrower_ref
      ),
      loans as (
        select l.root_id, l.club_id, l.borrower_ref, l.due_on,
               greatest(0, least(l.amount_vnd,
                 sum(l.amount_vnd) over (partition by l.root_id, l.club_id, l.borrower_ref order by l.occurred_on, l.seq)
                 - coalesce(p.amount, 0))) as outstanding
          from live l
          left join repaid p on p.root_id = l.root_id and p.club_id = l.club_id and p.borrower_ref = l.borrower_ref
         where l.kind = 'LOAN_DISBURSED'
      )
    select roots.id, to_char(as_of.day, 'YYYY-MM-DD') as "asOf",
           (select count(*) from scope where scope.root_id = roots.id)::int as clubs,
           (money."totalFund" - money."outOnLoan")::text as balance,
           money."totalFund"::text as "totalFund", money."contributedOrRaised"::text as "contributedOrRaised", money."outOnLoan"::text as "outOnLoan",
           debt.borrowers, debt."overdueLoans", debt."overdueAmount"::text as "overdueAmount"
      from roots
     cross join as_of
     cross join lateral (
       select coalesce(sum(amount_vnd) filter (where kind in (${INFLOWS})), 0) as "totalFund",
              coalesce(sum(amount_vnd) filter (where kind in ('${FundEntryKind.MEMBER_CONTRIBUTION}', '${FundEntryKind.SOCIETY_RAISED}')), 0) as "contributedOrRaised",
              coalesce(sum(case kind when '${FundEntryKind.LOAN_DISBURSED}' then amount_vnd when '${FundEntryKind.REPAYMENT}' then -amount_vnd end), 0) as "outOnLoan"
         from live where live.root_id = roots.id
     ) money
     cross join lateral (
       select count(distinct (club_id, borrower_ref)) filter (where outstanding > 0)::int as borrowers,
              count(*) filter (where outstanding > 0 and due_on < as_of.day)::int as "overdueLoans",
              coalesce(sum(outstanding) filter (where outstanding > 0 and due_on < as_of.day), 0) as "overdueAmount"
         from loans where loans.root_id = roots.id
     ) debt`;
}

/**
 * The statement of `fundFiguresSql`, from the roll-up `elderly.club_fund_month` (see its
 * migration): the figures as of the last day of a month are the sums of each club's rows up to
 * that month, which the tests hold to the ledger statement's answer. Only for such a day (every
 * period's end); other days read the ledger. Same parameters and rows as `fundFiguresSql`.
 */
export function fundFiguresRollupSql(scope: keyof typeof SCOPES): string {
  return `with recursive
      as_of (day) as (select ?::date),
      ${SCOPES[scope].ctes},
      -- Club by club through the roll-up's key (offset 0 keeps the lateral from being flattened
      -- into a join over the whole table: the planner cannot know how few clubs the scope holds).
      clubs as (
        select s.root_id, m.*
          from scope s
          cross join as_of
          cross join lateral (
            select sum(r.total_fund) as total_fund, sum(r.contributed_or_raised) as contributed_or_raised, sum(r.out_on_loan) as out_on_loan,
                   sum(r.borrowers) as borrowers, sum(r.overdue_loans) as overdue_loans, sum(r.overdue_amount) as overdue_amount
              from elderly.club_fund_month r
             where r.club_id = s.club_id and r.month <= date_trunc('month', as_of.day::timestamp)::date
            offset 0
          ) m
      )
    select roots.id, to_char(as_of.day, 'YYYY-MM-DD') as "asOf",
           (select count(*) from scope where scope.root_id = roots.id)::int as clubs,
           (f."totalFund" - f."outOnLoan")::text as balance,
           f."totalFund"::text as "totalFund", f."contributedOrRaised"::text as "contributedOrRaised", f."outOnLoan"::text as "outOnLoan",
           f.borrowers, f."overdueLoans", f."overdueAmount"::text as "overdueAmount"
      from roots
     cross join as_of
     cross join lateral (
       select coalesce(sum(total_fund), 0) as "totalFund", coalesce(sum(contributed_or_raised), 0) as "contributedOrRaised",
              coalesce(sum(out_on_loan), 0) as "outOnLoan", coalesce(sum(borrowers), 0)::int as borrowers,
              coalesce(sum(overdue_loans), 0)::int as "overdueLoans", coalesce(sum(overdue_amount), 0) as "overdueAmount"
         from clubs where clubs.root_id = roots.id
     ) f`;
}

export interface FundState {
  balance: bigint;
  owed: bigint;
  latest: string | null;
  today: string;
  reversedBy: string | null;
}

/**
 * What a write to one fund must check, read after the club row is locked: cash available, what a
 * borrower owes, the latest entry's date, today, and whether an entry has been reversed already.
 * It must be a statement of its own, after the lock: a statement's snapshot is taken when it
 * starts, so one that waited for the lock would not see the entries the other writer committed.
 */
export async function fundState(em: EntityManager, clubId: string, borrowerRef: string | null, entryId: string | null = null): Promise<FundState> {
  const [row] = await sql<{ balance: string; owed: string; latest: string | null; today: string; reversedBy: string | null }>(
    em,
    `with live as (
       select e.kind, e.amount_vnd, e.borrower_ref from elderly.club_fund_entry e
        where e.club_id = ? and e.kind <> 'REVERSAL'
          and not exists (select 1 from elderly.club_fund_entry r where r.reverses_id = e.id)
     )
     select coalesce(sum(case when kind = '${FundEntryKind.LOAN_DISBURSED}' then -amount_vnd else amount_vnd end), 0)::text as balance,
            coalesce(sum(case kind when '${FundEntryKind.LOAN_DISBURSED}' then amount_vnd when '${FundEntryKind.REPAYMENT}' then -amount_vnd end)
                     filter (where borrower_ref = ?), 0)::text as owed,
            (select to_char(max(occurred_on), 'YYYY-MM-DD') from elderly.club_fund_entry where club_id = ?) as latest,
            to_char(${TODAY_SQL}, 'YYYY-MM-DD') as today,
            (select id from elderly.club_fund_entry where reverses_id = ?) as "reversedBy"
       from live`,
    [clubId, borrowerRef, clubId, entryId],
  );
  return { balance: BigInt(row.balance), owed: BigInt(row.owed), latest: row.latest, today: row.today, reversedBy: row.reversedBy };
}
