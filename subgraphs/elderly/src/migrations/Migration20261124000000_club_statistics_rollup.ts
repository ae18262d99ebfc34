import { Migration } from '@mikro-orm/migrations';
import { associationsBelow, treeChangedFunction } from './association-tree-rollup.ts';

/**
 * A maintained roll-up behind `clubStatistics`: the changes in clubs and members per association
 * (every association counts the clubs of its whole subtree), per place (the club's unit, or its
 * association's when the club's is unknown, or that place's province: the two grains below) and
 * per month and year. A provincial query then sums a few dozen (by province) or a few thousand
 * (by commune or old district) rows instead of reading every member of the province.
 *
 * Why month rows are exact: every period the API accepts ends on the last day of a month, and for
 * such a day D, "x <= D" holds exactly when "month(x) <= month(D)" (and "D < x" when
 * "month(D) < month(x)"). So a figure as of D is the sum of the changes of every month up to D's:
 * the YEAR rows of the years before D's year plus the MONTH rows of D's year up to D's month
 * (each change is added to both the row of its year and the row of its month).
 *
 * The changes, from the plain statement's rules (club exists at D when founded_on <= D or it is
 * null; member counts at D when its club exists and joined_on <= D < left_on):
 * - a club: +1 club in the month of founded_on (0001-01 when unknown: it counts always);
 * - a member: from s = month(greatest(joined_on, founded_on)) to month(left_on), +1 member at s
 *   and -1 at month(left_on), only if month(left_on) > s (else there is no D at which it counts);
 *   board, ethnic minority, poor and near-poor members the same when the member's (current)
 *   attribute says so;
 * - over 55 (birth_date + 56 years <= D): the same, from greatest(s, month(birth_date + 56 years)).
 *
 * Two grains, in one table, kept by the same statements: UNIT rows per place as above (the
 * COMMUNE and OLD_DISTRICT groupings need it: thousands of rows for a large province), and
 * PROVINCE rows per the province the plain statement finds for that place (the unit itself, its
 * parent or its grandparent, by level and edition), before the reform's succession, which the
 * query applies as the plain statement does: the totals and the CURRENT_PROVINCE grouping sum a
 * few dozen rows per association. A club whose place is unknown (or not a known unit) is under
 * a null province, as the plain statement puts it under a null unit. The places are reference
 * data; a change to a unit's level, edition or parent needs `elderly.rebuild_club_statistics()`.
 *
 * Maintenance: statement-level triggers with transition tables on club_member, club and
 * association (a bulk insert is one grouped upsert, not one per row). Upserts add to existing
 * rows (`on conflict do update set x = x + excluded.x`), so concurrent writers never lose an
 * update, and they go in key order, so two writers lock shared rows (a province's) in the same
 * order. Every trigger locks the roll-up table before it reads the base tables: ROW EXCLUSIVE for
 * member changes and new clubs, EXCLUSIVE for changes that move existing members' contributions
 * (a club's founding date, association or unit; an association's parent or unit). A mover thus
 * waits for the member writers that already counted under the old structure to commit, and then
 * reads them (each statement of a trigger function takes a fresh snapshot under READ COMMITTED,
 * the default isolation); a member writer that comes later waits for the mover to commit and
 * then reads the new structure. Readers are never blocked. (Under REPEATABLE READ a transaction's
 * snapshot does not move, so structural changes concurrent with member changes should be made
 * at READ COMMITTED; `elderly.rebuild_club_statistics()` repairs anything.)
 */

const FIGURES = ['clubs', 'members', 'board_members', 'ethnic_minority', 'over55', 'poor', 'near_poor'] as const;
const list = (f: (column: string) => string) => FIGURES.map(f).join(', ');

const month = (date: string) => `date_trunc('month', (${date})::timestamp)::date`;
const year = (date: string) => `date_trunc('year', (${date})::timestamp)::date`;

/** The columns of the changes of members: `sign` the signed rows, `c` their clubs (owned by associations `a`), `e` their events. */
const memberChanges = (sign: string, c: string) => `
  select ${c}.association_id, coalesce(${c}.unit_id, a.unit_id) as unit_id, e.month, 0 as clubs,
         ${FIGURES.slice(1).map((f) => `${sign}.sign * e.${f} as ${f}`).join(', ')}`;
const memberEvents = (m: string, c: string) => `cross join lateral elderly.club_statistics_member_events(
    ${c}.founded_on, ${m}.joined_on, ${m}.left_on, ${m}.birth_date, ${m}.board_role, ${m}.is_ethnic_minority, ${m}.poverty_status) e`;

const MEMBER_COLUMNS = 'club_id, joined_on, left_on, birth_date, board_role, is_ethnic_minority, poverty_status';
const CLUB_COLUMNS = 'id, association_id, unit_id, founded_on';

/** Changes of members given as rows (sign, MEMBER_COLUMNS), in their clubs as they are now. */
const membersChanges = (source: string) => `
  ${memberChanges('m', 'c')}
    from (${source}) m
    join elderly.club c on c.id = m.club_id
    join elderly.association a on a.id = c.association_id
    ${memberEvents('m', 'c')}`;

/** Changes of clubs given as rows (sign, CLUB_COLUMNS): the club itself and its members as they are now. */
const clubsChanges = (source: string) => `
  with k as materialized (${source})
  select k.association_id, coalesce(k.unit_id, a.unit_id) as unit_id, ${month(`coalesce(k.founded_on, date '0001-01-01')`)} as month,
         k.sign as clubs, 0 as members, 0 as board_members, 0 as ethnic_minority, 0 as over55, 0 as poor, 0 as near_poor
    from k join elderly.association a on a.id = k.association_id
  union all
  ${memberChanges('k', 'k')}
    from k
    join elderly.association a on a.id = k.association_id
    join elderly.club_member m on m.club_id = k.id
    ${memberEvents('m', 'k')}`;

/**
 * The province (before the reform's succession) of each place of `d`, as the plain statement
 * finds it: a province itself, a district's parent, a current commune's parent, an old commune's
 * grandparent. Places that are no known unit are left out (their province is null).
 */
const PROVINCES = `
  provinces (unit_id, province_id) as (
    select u.id, case
             when u.level = 'PROVINCE' then u.id
             when u.level = 'DISTRICT' then u.parent_id
             when u.level = 'COMMUNE' and u.edition = 'CURRENT' then u.parent_id
             when u.level = 'COMMUNE' then up.parent_id
           end
      from (select distinct unit_id from d where unit_id is not null) x
      join places.administrative_unit u on u.id = x.unit_id
      left join places.administrative_unit up on up.id = u.parent_id
  )`;

/**
 * Adds changes (rows of association_id = the club's own association, unit_id, month and the
 * figure columns) to the rows of that association and every one above it, of the month and of
 * the year, in both grains (the place's UNIT row and its PROVINCE row). `targets`, if given, keeps only the rows of those associations (an uuid[] expression).
 * `into: 'emptied'` is for a rebuild, whose rows are not there (deleted under an exclusive lock):
 * a plain insert, cheaper than an upsert for millions of rows.
 * Rows go in key order: upserts then lock shared rows in the same order in every transaction
 * (no deadlocks), and a rebuilt table lies in key order, so that a query reads the rows of an
 * association from a few dozen pages rather than one page per row.
 */
const addChanges = (changes: string, options: { targets?: string; into?: 'emptied' } = {}) => `
  with recursive d as (
    select association_id, unit_id, month, ${list((f) => `sum(${f}) as ${f}`)}
      from (${changes}) x
     group by association_id, unit_id, month
  ),
  ${PROVINCES},
  up (association_id, ancestor_id) as (
    select distinct association_id, association_id from d
    union
    select up.association_id, a.parent_id from up join elderly.association a on a.id = up.ancestor_id where a.parent_id is not null
  )
  insert into elderly.club_statistics_change as t (association_id, grain, resolution, period_start, unit_id, ${list((f) => f)})
  select up.ancestor_id, g.grain, r.resolution, r.period_start, g.unit_id, ${list((f) => `sum(d.${f})`)}
    from d
    join up on up.association_id = d.association_id
    left join provinces p on p.unit_id = d.unit_id
   cross join lateral (values ('UNIT', d.unit_id), ('PROVINCE', p.province_id)) g (grain, unit_id)
   cross join lateral (values ('YEAR', ${year('d.month')}), ('MONTH', d.month)) r (resolution, period_start)
   ${options.targets ? `where up.ancestor_id = any (${options.targets})` : ''}
   group by up.ancestor_id, g.grain, r.resolution, r.period_start, g.unit_id
  having ${FIGURES.map((f) => `sum(d.${f}) <> 0`).join(' or ')}
   order by up.ancestor_id, g.grain, r.resolution, r.period_start, g.unit_id
  ${options.into === 'emptied' ? '' : `on conflict on constraint club_statistics_change_key do update
     set ${list((f) => `${f} = t.${f} + excluded.${f}`)}`}`;

/** Rows of `a` whose `columns` are not in `b` (as multisets), with a sign. */
const difference = (sign: 1 | -1, columns: string, a: string, b: string) =>
  `select ${sign} as sign, * from (select ${columns} from ${a} except all select ${columns} from ${b}) x`;

export class Migration20261124000000_club_statistics_rollup extends Migration {
  override up(): void {
    this.addSql(`
      create table elderly.club_statistics_change (
        -- The association whose subtree the club is in (every association above the club's, and its own).
        association_id uuid not null,
        -- UNIT: unit_id is the club's place; PROVINCE: unit_id is that place's province (see the class comment).
        grain text not null check (grain in ('UNIT', 'PROVINCE')),
        -- UNIT grain: the club's unit, or its association's when the club's is unknown (null when
        -- neither is known). PROVINCE grain: the province of that unit before the reform's
        -- succession (null when the unit is null or unknown).
        unit_id text,
        resolution text not null check (resolution in ('YEAR', 'MONTH')),
        period_start date not null,
        ${list((f) => `${f} integer not null default 0`)},
        check (period_start = case resolution when 'YEAR' then ${year('period_start')} else ${month('period_start')} end),
        constraint club_statistics_change_key unique nulls not distinct (association_id, grain, resolution, period_start, unit_id)
      )
      -- Room on each page for the triggers' updates (they change no key: HOT updates, which keep
      -- a row on its page, near its association's other rows).
      with (fillfactor = 80)`);
    this.addSql(`comment on table elderly.club_statistics_change is 'Changes in clubs and members of the subtree of each association, per unit (grain UNIT) or province (grain PROVINCE), month and year: clubStatistics sums them. Kept by triggers on club_member, club and association; rebuilt by elderly.rebuild_club_statistics().'`);

    // One member's changes: at most three rows (month and deltas), one for most members (who join
    // at 56 or older and have not left). An inlinable SQL function, shared by the triggers and the
    // rebuild: one definition of the rules. Its rows come from a constant VALUES list, not from a
    // lateral one, so that inlined it is a plain join: five times faster over millions of members.
    const starts = month('greatest(joined_on, founded_on)');
    const ends = month('left_on');
    const turns56 = month(`birth_date + interval '56 years'`);
    this.addSql(`
      create function elderly.club_statistics_member_events(
        founded_on date, joined_on date, left_on date, birth_date date, board_role text, is_ethnic_minority boolean, poverty_status text)
      returns table (month date, members integer, board_members integer, ethnic_minority integer, over55 integer, poor integer, near_poor integer)
      language sql immutable parallel safe as $$
        select case k.event when 'JOINS' then ${starts} when 'TURNS_56' then ${turns56} else ${ends} end,
               k.members,
               k.members * (board_role is not null)::int,
               k.members * coalesce(is_ethnic_minority, false)::int,
               case k.event
                 -- joins aged 56 or more already
                 when 'JOINS' then coalesce(${turns56} <= ${starts}, false)::int
                 when 'TURNS_56' then 1
                 -- leaves, having turned 56 before (it counts from starts, which is before ends)
                 else -coalesce(${ends} > ${turns56}, false)::int
               end,
               k.members * coalesce(poverty_status = 'POOR', false)::int,
               k.members * coalesce(poverty_status = 'NEAR_POOR', false)::int
          from (values ('JOINS', 1), ('TURNS_56', 0), ('LEAVES', -1)) k (event, members)
         -- counts from "starts" (it has joined and its club exists) to "ends" (excluded): a member
         -- who leaves in that month or before never counts
         where (left_on is null or ${ends} > ${starts})
           and case k.event
                 when 'JOINS' then true
                 -- turns 56 as a member: after it starts to count, before it leaves
                 when 'TURNS_56' then ${turns56} > ${starts} and (left_on is null or ${ends} > ${turns56})
                 else left_on is not null
               end
      $$`);

    this.addSql(`
      create function elderly.rebuild_club_statistics(associations uuid[] default null) returns void language plpgsql
      -- the grouping of a whole country's members
      set work_mem = '128MB' as $$
      begin
        if associations is null then
          truncate elderly.club_statistics_change;
          ${addChanges(clubsChanges(`select 1 as sign, ${CLUB_COLUMNS} from elderly.club`), { into: 'emptied' })};
        else
          lock table elderly.club_statistics_change in exclusive mode;
          delete from elderly.club_statistics_change where association_id = any (associations);
          ${addChanges(clubsChanges(`
            ${associationsBelow('associations')}
            select 1 as sign, ${CLUB_COLUMNS} from elderly.club where association_id in (select id from below)`), { targets: 'associations', into: 'emptied' })};
        end if;
      end $$`);
    this.addSql(`comment on function elderly.rebuild_club_statistics(uuid[]) is 'Refills elderly.club_statistics_change from the base tables: all of it, or the rows of the given associations.'`);

    this.addSql(`
      create function elderly.club_statistics_members_changed() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          lock table elderly.club_statistics_change in row exclusive mode;
          ${addChanges(membersChanges(`select 1 as sign, ${MEMBER_COLUMNS} from new_rows`))};
        elsif tg_op = 'DELETE' then
          lock table elderly.club_statistics_change in row exclusive mode;
          ${addChanges(membersChanges(`select -1 as sign, ${MEMBER_COLUMNS} from old_rows`))};
        -- (as many rows before as after: if none is gone, none is new)
        elsif exists (select ${MEMBER_COLUMNS} from old_rows except all select ${MEMBER_COLUMNS} from new_rows) then
          lock table elderly.club_statistics_change in row exclusive mode;
          ${addChanges(membersChanges(`${difference(-1, MEMBER_COLUMNS, 'old_rows', 'new_rows')} union all ${difference(1, MEMBER_COLUMNS, 'new_rows', 'old_rows')}`))};
        end if;
        return null;
      end $$`);

    this.addSql(`
      create function elderly.club_statistics_clubs_changed() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          -- A new club has no members yet: nothing moves.
          lock table elderly.club_statistics_change in row exclusive mode;
          ${addChanges(clubsChanges(`select 1 as sign, ${CLUB_COLUMNS} from new_rows`))};
        elsif tg_op = 'DELETE' then
          lock table elderly.club_statistics_change in exclusive mode;
          ${addChanges(clubsChanges(`select -1 as sign, ${CLUB_COLUMNS} from old_rows`))};
        elsif exists (select ${CLUB_COLUMNS} from old_rows except all select ${CLUB_COLUMNS} from new_rows) then
          lock table elderly.club_statistics_change in exclusive mode;
          ${addChanges(clubsChanges(`${difference(-1, CLUB_COLUMNS, 'old_rows', 'new_rows')} union all ${difference(1, CLUB_COLUMNS, 'new_rows', 'old_rows')}`))};
        end if;
        return null;
      end $$`);

    // An association that moves (or changes unit) moves its whole subtree: rebuild the rows of
    // every association whose subtree changed, that is the changed ones, their old parents and
    // everything above either (rare: restructurings).
    this.addSql(treeChangedFunction('elderly.club_statistics_associations_changed', 'elderly.club_statistics_change', 'elderly.rebuild_club_statistics', 'id, parent_id, unit_id'));

    this.addSql(`
      create function elderly.club_statistics_truncated() returns trigger language plpgsql as $$
      begin
        perform elderly.rebuild_club_statistics();
        return null;
      end $$`);

    const fn: Record<string, string> = {
      'elderly.club_member': 'elderly.club_statistics_members_changed()',
      'elderly.club': 'elderly.club_statistics_clubs_changed()',
    };
    for (const [table, fn_] of Object.entries(fn)) {
      this.addSql(`create trigger club_statistics_insert after insert on ${table}
        referencing new table as new_rows for each statement execute function ${fn_}`);
      this.addSql(`create trigger club_statistics_update after update on ${table}
        referencing old table as old_rows new table as new_rows for each statement execute function ${fn_}`);
      this.addSql(`create trigger club_statistics_delete after delete on ${table}
        referencing old table as old_rows for each statement execute function ${fn_}`);
      this.addSql(`create trigger club_statistics_truncate after truncate on ${table}
        for each statement execute function elderly.club_statistics_truncated()`);
    }
    // A new association has no clubs below it yet: only updates and deletes matter.
    this.addSql(`create trigger club_statistics_update after update on elderly.association
      referencing old table as old_rows new table as new_rows for each statement execute function elderly.club_statistics_associations_changed()`);
    this.addSql(`create trigger club_statistics_delete after delete on elderly.association
      referencing old table as old_rows for each statement execute function elderly.club_statistics_associations_changed()`);

    this.addSql(`select elderly.rebuild_club_statistics()`);
  }

  override down(): void {
    for (const table of ['elderly.club_member', 'elderly.club']) {
      for (const event of ['insert', 'update', 'delete', 'truncate']) this.addSql(`drop trigger club_statistics_${event} on ${table}`);
    }
    this.addSql(`drop trigger club_statistics_update on elderly.association`);
    this.addSql(`drop trigger club_statistics_delete on elderly.association`);
    this.addSql(`drop function elderly.club_statistics_truncated()`);
    this.addSql(`drop function elderly.club_statistics_associations_changed()`);
    this.addSql(`drop function elderly.club_statistics_clubs_changed()`);
    this.addSql(`drop function elderly.club_statistics_members_changed()`);
    this.addSql(`drop function elderly.rebuild_club_statistics(uuid[])`);
    this.addSql(`drop function elderly.club_statistics_member_events(date, date, date, date, text, boolean, text)`);
    this.addSql(`drop table elderly.club_statistics_change`);
  }
}
