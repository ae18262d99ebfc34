import { Migration } from '@mikro-orm/migrations';

/**
 * A maintained roll-up of relief: for the NATIONAL chapter and every PROVINCE chapter, the totals
 * of its whole subtree per month, kind and campaign. A national summary then reads a few thousand
 * roll-up rows instead of millions of activities. Periods are whole months, so month rows are
 * exact for every period the API accepts.
 *
 * Statement-level triggers with transition tables keep it current: a bulk insert of a million
 * activities adds one grouped upsert, not a million. Rows are upserted in key order, so two
 * writers always lock shared rows (the national ones) in the same order and cannot deadlock.
 */
const ROLLED_LEVELS = `('NATIONAL', 'PROVINCE')`;

/** Adds the grouped changes of `source` (rows with a `sign` column) to both grains of the roll-up. */
const applyChanges = (source: string) => `${upsertGrain(source, 'red_cross.relief_rollup', ['kind', 'campaign_id'], 'on constraint relief_rollup_key')};
  ${upsertGrain(source, 'red_cross.relief_rollup_month', [], '(chapter_id, month)')}`;

/**
 * One grain: the changes summed per rolled-up ancestor, month and `columns`, upserted in key order.
 * The monthly grain (no columns) serves summaries by province or month: 12 rows a province a year.
 */
const upsertGrain = (source: string, table: string, columns: string[], conflict: string) => {
  const key = ['chapter_id', 'month', ...columns];
  const positions = key.map((_, index) => index + 1).join(', ');
  return `
  insert into ${table} as r (${key.join(', ')}, activities, quantity, people_reached, value_vnd)
  select ancestor.id, date_trunc('month', d.occurred_on)::date, ${columns.map((column) => `d.${column}, `).join('')}
         sum(d.sign), sum(d.sign * d.quantity), sum(d.sign * d.people_reached), sum(d.sign * d.value_vnd)
    from (${source}) d
    join red_cross.chapter c on c.id = d.chapter_id
    join red_cross.chapter ancestor on ancestor.id = any (c.path) and ancestor.level in ${ROLLED_LEVELS}
   group by ${positions}
   order by ${positions}
  on conflict ${conflict} do update
     set activities = r.activities + excluded.activities,
         quantity = r.quantity + excluded.quantity,
         people_reached = r.people_reached + excluded.people_reached,
         value_vnd = r.value_vnd + excluded.value_vnd`;
};

const rowsOf = (table: string, sign: 1 | -1) =>
  `select chapter_id, occurred_on, kind, campaign_id, quantity::bigint, people_reached::bigint, value_vnd, ${sign} as sign from ${table}`;

export class Migration20261124000000_relief_rollup extends Migration {
  override up(): void {
    // Keyset pages of a chapter's activities, newest first (the order the list uses), read from an index.
    this.addSql(`create index relief_activity_page_idx on red_cross.relief_activity (chapter_id, (-(occurred_on - date '2000-01-01')), id)`);
    this.addSql(`
      create table red_cross.relief_rollup (
        chapter_id uuid not null references red_cross.chapter (id),
        month date not null check (month = date_trunc('month', month)),
        kind text not null,
        campaign_id uuid references red_cross.campaign (id),
        activities bigint not null,
        quantity bigint not null,
        people_reached bigint not null,
        value_vnd bigint not null,
        constraint relief_rollup_key unique nulls not distinct (chapter_id, month, kind, campaign_id)
      )`);
    this.addSql(`
      create table red_cross.relief_rollup_month (
        chapter_id uuid not null references red_cross.chapter (id),
        month date not null check (month = date_trunc('month', month)),
        activities bigint not null,
        quantity bigint not null,
        people_reached bigint not null,
        value_vnd bigint not null,
        primary key (chapter_id, month)
      )`);
    this.addSql(`comment on table red_cross.relief_rollup_month is 'relief_rollup summed over kinds and campaigns.'`);
    this.addSql(`comment on table red_cross.relief_rollup is 'Relief totals of the subtree of each NATIONAL and PROVINCE chapter per month, kind and campaign; kept by triggers on relief_activity, rebuilt by red_cross.rebuild_relief_rollup().'`);
    this.addSql(`
      create function red_cross.relief_rollup_changed() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          ${applyChanges(rowsOf('new_rows', 1))};
        elsif tg_op = 'DELETE' then
          ${applyChanges(rowsOf('old_rows', -1))};
        else
          ${applyChanges(`${rowsOf('old_rows', -1)} union all ${rowsOf('new_rows', 1)}`)};
        end if;
        return null;
      end $$`);
    this.addSql(`create trigger relief_rollup_insert after insert on red_cross.relief_activity
      referencing new table as new_rows for each statement execute function red_cross.relief_rollup_changed()`);
    this.addSql(`create trigger relief_rollup_update after update on red_cross.relief_activity
      referencing old table as old_rows new table as new_rows for each statement execute function red_cross.relief_rollup_changed()`);
    this.addSql(`create trigger relief_rollup_delete after delete on red_cross.relief_activity
      referencing old table as old_rows for each statement execute function red_cross.relief_rollup_changed()`);
    this.addSql(`
      create function red_cross.rebuild_relief_rollup() returns void language plpgsql as $$
      begin
        lock table red_cross.relief_activity in share mode;
        truncate red_cross.relief_rollup, red_cross.relief_rollup_month;
        ${applyChanges(rowsOf('red_cross.relief_activity', 1))};
      end $$`);
    // Chapters do not move today; if one ever does (or changes level), its activities move to
    // other ancestors: rebuild rather than be wrong.
    this.addSql(`
      create function red_cross.relief_rollup_restructured() returns trigger language plpgsql as $$
      begin
        -- Only when a chapter really moved or changed level: renames and no-op updates cost nothing.
        if exists (select 1 from old_rows o join new_rows n using (id)
                    where o.parent_id is distinct from n.parent_id or o.level is distinct from n.level) then
          perform red_cross.rebuild_relief_rollup();
        end if;
        return null;
      end $$`);
    this.addSql(`create trigger relief_rollup_restructured after update on red_cross.chapter
      referencing old table as old_rows new table as new_rows
      for each statement execute function red_cross.relief_rollup_restructured()`);
    this.addSql(`select red_cross.rebuild_relief_rollup()`);
    this.addSql(`analyze red_cross.relief_rollup`);
    this.addSql(`analyze red_cross.relief_rollup_month`);
  }

  override down(): void {
    this.addSql(`drop trigger relief_rollup_restructured on red_cross.chapter`);
    this.addSql(`drop function red_cross.relief_rollup_restructured()`);
    this.addSql(`drop trigger relief_rollup_insert on red_cross.relief_activity`);
    this.addSql(`drop trigger relief_rollup_update on red_cross.relief_activity`);
    this.addSql(`drop trigger relief_rollup_delete on red_cross.relief_activity`);
    this.addSql(`drop function red_cross.rebuild_relief_rollup()`);
    this.addSql(`drop function red_cross.relief_rollup_changed()`);
    this.addSql(`drop table red_cross.relief_rollup_month`);
    this.addSql(`drop table red_cross.relief_rollup`);
    this.addSql(`drop index red_cross.relief_activity_page_idx`);
  }
}
