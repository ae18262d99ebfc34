import { Migration } from '@mikro-orm/migrations';
import { associationsBelow, treeChangedFunction } from './association-tree-rollup.ts';

/**
 * The fund roll-up one level up: `elderly.association_fund_month` holds, per association and
 * month, the sum of the `club_fund_month` rows of every club in the association's subtree (its own
 * clubs and those of every unit below it). A subtree's fund figures at a month's last day are then
 * the sums of one association's rows up to that month (a few dozen rows), not a dozen rows of each
 * of its hundreds of clubs: a cluster's elderlyTotals at national scale read 30,000 rows over 842
 * clubs for one provincial member. Exact for the same reason as club_fund_month (see its
 * migration); borrowers, overdue loans and overdue amount add up across clubs too (a borrower
 * belongs to one club).
 *
 * Maintenance, in the writing transaction, like the club statistics roll-up:
 * - statement-level triggers with transition tables on club_fund_month (insert, update — an
 *   upsert fires both — and delete) add each statement's signed differences to every ancestor
 *   association of the club, in key order, as upserts that add (`x = x + excluded.x`): concurrent
 *   writers lose nothing and lock shared rows (a province's) in the same order; a truncate of
 *   club_fund_month (its rebuild) empties this table, and the rebuild's insert fills it again
 *   (`seed:scale` turns both triggers off meanwhile and rebuilds this table once afterwards);
 * - a club that moves to another association takes its rows from the old chain to the new one;
 *   an association that moves (or is deleted) rebuilds the rows of every association whose subtree
 *   changed (rare: restructurings).
 * A transaction's statements may touch shared rows (a province's months) in any order, and two
 * transactions writing to clubs of one province could then deadlock: fund writers take each tree's
 * turn first, an advisory lock per root association ('elderly.association_fund', the root's id),
 * in key order, so writers of one province's funds follow one another (fund writes are manual and
 * short; other provinces are not held up).
 * Fund writers lock this table in ROW EXCLUSIVE mode before they read the club's association, and
 * movers in EXCLUSIVE mode before they read the tree: a mover waits for the fund writers that
 * already added under the old structure to commit, and then reads their rows; a later fund writer
 * waits for the mover and then reads the new structure (each statement of a trigger function takes
 * a fresh snapshot under READ COMMITTED). Readers are never blocked.
 * `elderly.rebuild_association_fund_rollup()` refills it (all, or given associations) from club_fund_month.
 */

const FIGURES = ['total_fund', 'contributed_or_raised', 'out_on_loan', 'borrowers', 'overdue_loans', 'overdue_amount'] as const;
const COUNTS = new Set<string>(['borrowers', 'overdue_loans']);
const list = (f: (column: string) => string) => FIGURES.map(f).join(', ');

/** Rows of club_fund_month `f` (from `source`, with a `sign` column) as changes of the club's own association. */
const clubRowsChanges = (source: string) => `
  select c.association_id, f.month, ${list((column) => `f.sign * f.${column} as ${column}`)}
    from (${source}) f
    join elderly.club c on c.id = f.club_id`;

/**
 * Adds changes (association_id: the club's own association, month, figures) to the rows of that
 * association and every one above it. `targets` (an uuid[] expression) keeps only those
 * associations' rows; `into: 'emptied'` is a plain insert for a rebuild whose rows are gone.
 */
const addChanges = (changes: string, options: { targets?: string; into?: 'emptied' } = {}) => `
  with recursive d as (
    select association_id, month, ${list((f) => `sum(${f}) as ${f}`)} from (${changes}) x group by association_id, month
  ),
  up (association_id, ancestor_id) as (
    select distinct association_id, association_id from d
    union
    select up.association_id, a.parent_id from up join elderly.association a on a.id = up.ancestor_id where a.parent_id is not null
  )
  insert into elderly.association_fund_month as t (association_id, month, ${list((f) => f)})
  select up.ancestor_id, d.month, ${list((f) => `sum(d.${f})`)}
    from d join up on up.association_id = d.association_id
   ${options.targets ? `where up.ancestor_id = any (${options.targets})` : ''}
   group by up.ancestor_id, d.month
  having ${FIGURES.map((f) => `sum(d.${f}) <> 0`).join(' or ')}
   order by up.ancestor_id, d.month
  ${options.into === 'emptied' ? '' : `on conflict (association_id, month) do update set ${list((f) => `${f} = t.${f} + excluded.${f}`)}`}`;

/**
 * Each tree's turn (see the class comment): an advisory lock per root association of the clubs of
 * `rows` (a transition table), in key order, held to the end of the transaction.
 */
const lockRoots = (rows: string) => `
  perform pg_advisory_xact_lock(hashtext('elderly.association_fund'), hashtext(r.id::text))
     from (
       with recursive up (id, parent_id) as (
         select a.id, a.parent_id from elderly.association a
          where a.id in (select c.association_id from elderly.club c where c.id in (select club_id from ${rows}))
         union
         select a.id, a.parent_id from up join elderly.association a on a.id = up.parent_id
       )
       select distinct id from up where parent_id is null order by id
     ) r`;

export class Migration20261203080000_association_fund_rollup extends Migration {
  override up(): void {
    this.addSql(`
      create table elderly.association_fund_month (
        -- No foreign key: like club_statistics_change, rows of a deleted association are removed by its trigger.
        association_id uuid not null,
        month date not null check (month = date_trunc('month', month::timestamp)::date),
        -- As club_fund_month's: counts are integers, amounts numeric (a bigint sum can overflow).
        ${list((f) => `${f} ${COUNTS.has(f) ? 'integer' : 'numeric'} not null default 0`)},
        primary key (association_id, month)
      ) with (fillfactor = 80)`);
    this.addSql(`comment on table elderly.association_fund_month is 'Changes in the fund figures of the clubs of each association''s subtree per month (sums of club_fund_month); kept by triggers on club_fund_month, club and association, rebuilt by elderly.rebuild_association_fund_rollup().'`);

    this.addSql(`
      create function elderly.rebuild_association_fund_rollup(associations uuid[] default null) returns void language plpgsql
      set work_mem = '128MB' as $$
      begin
        if associations is null then
          lock table elderly.club_fund_month in share mode;
          truncate elderly.association_fund_month;
          ${addChanges(clubRowsChanges('select 1 as sign, * from elderly.club_fund_month'), { into: 'emptied' })};
        else
          lock table elderly.association_fund_month in exclusive mode;
          delete from elderly.association_fund_month where association_id = any (associations);
          ${addChanges(clubRowsChanges(`
            ${associationsBelow('associations')}
            select 1 as sign, f.* from elderly.club_fund_month f join elderly.club c on c.id = f.club_id where c.association_id in (select id from below)`),
            { targets: 'associations', into: 'emptied' })};
        end if;
      end $$`);
    this.addSql(`comment on function elderly.rebuild_association_fund_rollup(uuid[]) is 'Refills elderly.association_fund_month from club_fund_month: all of it, or the rows of the given associations.'`);

    this.addSql(`
      create function elderly.association_fund_rollup_changed() returns trigger language plpgsql as $$
      begin
        lock table elderly.association_fund_month in row exclusive mode;
        if tg_op = 'DELETE' then
          ${lockRoots('old_rows')};
        else
          ${lockRoots('new_rows')};
        end if;
        if tg_op = 'INSERT' then
          ${addChanges(clubRowsChanges('select 1 as sign, * from new_rows'))};
        elsif tg_op = 'DELETE' then
          ${addChanges(clubRowsChanges('select -1 as sign, * from old_rows'))};
        else
          ${addChanges(clubRowsChanges('select -1 as sign, * from old_rows union all select 1, * from new_rows'))};
        end if;
        return null;
      end $$`);
    for (const event of ['insert', 'update', 'delete'] as const) {
      const tables = { insert: 'new table as new_rows', update: 'old table as old_rows new table as new_rows', delete: 'old table as old_rows' }[event];
      this.addSql(`create trigger association_fund_rollup_${event} after ${event} on elderly.club_fund_month
        referencing ${tables} for each statement execute function elderly.association_fund_rollup_changed()`);
    }
    this.addSql(`
      create function elderly.association_fund_rollup_truncated() returns trigger language plpgsql as $$
      begin
        -- A delete, not a truncate: no ACCESS EXCLUSIVE lock taken while club_fund_month's is held,
        -- which would deadlock with a reader holding this table and waiting for that one.
        delete from elderly.association_fund_month;
        return null;
      end $$`);
    this.addSql(`create trigger association_fund_rollup_truncate after truncate on elderly.club_fund_month
      for each statement execute function elderly.association_fund_rollup_truncated()`);

    // A club that changes association: its rows leave the old chain and join the new one.
    this.addSql(`
      create function elderly.association_fund_rollup_club_moved() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from old_rows o join new_rows n on n.id = o.id where n.association_id <> o.association_id) then
          lock table elderly.association_fund_month in exclusive mode;
          ${addChanges(`
            select m.association_id, f.month, ${list((f) => `m.sign * f.${f} as ${f}`)}
              from (select o.id, o.association_id, -1 as sign from old_rows o join new_rows n on n.id = o.id where n.association_id <> o.association_id
                    union all
                    select n.id, n.association_id, 1 from old_rows o join new_rows n on n.id = o.id where n.association_id <> o.association_id) m
              join elderly.club_fund_month f on f.club_id = m.id`)};
        end if;
        return null;
      end $$`);
    this.addSql(`create trigger association_fund_rollup_club_update after update on elderly.club
      referencing old table as old_rows new table as new_rows for each statement execute function elderly.association_fund_rollup_club_moved()`);

    // An association that moves (or is deleted): rebuild the rows of the changed ones, their old
    // parents and everything above either.
    this.addSql(treeChangedFunction('elderly.association_fund_rollup_tree_changed', 'elderly.association_fund_month', 'elderly.rebuild_association_fund_rollup', 'id, parent_id'));
    this.addSql(`create trigger association_fund_rollup_update after update on elderly.association
      referencing old table as old_rows new table as new_rows for each statement execute function elderly.association_fund_rollup_tree_changed()`);
    this.addSql(`create trigger association_fund_rollup_delete after delete on elderly.association
      referencing old table as old_rows for each statement execute function elderly.association_fund_rollup_tree_changed()`);

    this.addSql(`select elderly.rebuild_association_fund_rollup()`);
    this.addSql(`analyze elderly.association_fund_month`);
  }

  override down(): void {
    this.addSql(`drop trigger association_fund_rollup_update on elderly.association`);
    this.addSql(`drop trigger association_fund_rollup_delete on elderly.association`);
    this.addSql(`drop trigger association_fund_rollup_club_update on elderly.club`);
    for (const event of ['insert', 'update', 'delete', 'truncate']) this.addSql(`drop trigger association_fund_rollup_${event} on elderly.club_fund_month`);
    this.addSql(`drop function elderly.association_fund_rollup_tree_changed()`);
    this.addSql(`drop function elderly.association_fund_rollup_club_moved()`);
    this.addSql(`drop function elderly.association_fund_rollup_truncated()`);
    this.addSql(`drop function elderly.association_fund_rollup_changed()`);
    this.addSql(`drop function elderly.rebuild_association_fund_rollup(uuid[])`);
    this.addSql(`drop table elderly.association_fund_month`);
  }
}
