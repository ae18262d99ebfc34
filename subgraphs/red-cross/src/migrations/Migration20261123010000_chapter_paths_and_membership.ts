import { Migration } from '@mikro-orm/migrations';

/**
 * Materialised paths (ids from the root down to the chapter itself) make a subtree one indexed
 * condition, and let SQL roll figures up the tree without recursion per request.
 */
export class Migration20261123010000_chapter_paths_and_membership extends Migration {
  override up(): void {
    this.addSql(`alter table red_cross.chapter add column path uuid[]`);
    this.addSql(`
      with recursive tree (id, path) as (
        select id, array[id] from red_cross.chapter where parent_id is null
        union all
        select c.id, tree.path || c.id from red_cross.chapter c join tree on c.parent_id = tree.id
      )
      update red_cross.chapter c set path = tree.path from tree where tree.id = c.id`);
    this.addSql(`alter table red_cross.chapter alter column path set not null`);
    this.addSql(`create index chapter_path_idx on red_cross.chapter using gin (path)`);
    this.addSql(`
      create function red_cross.chapter_path() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' and new.parent_id is distinct from old.parent_id then
          raise exception 'a chapter does not move in the tree; close it and open a new one';
        end if;
        if tg_op = 'INSERT' then
          new.path := coalesce((select path from red_cross.chapter where id = new.parent_id), '{}') || new.id;
        end if;
        return new;
      end $$`);
    this.addSql(`
      create trigger chapter_path before insert or update of parent_id on red_cross.chapter
      for each row execute function red_cross.chapter_path()`);

    this.addSql(`
      create table red_cross.membership_report (
        id uuid primary key,
        chapter_id uuid not null references red_cross.chapter (id),
        period_type text not null check (period_type in ('YEAR', 'HALF_YEAR', 'QUARTER', 'MONTH')),
        period_start date not null,
        period_end date not null check (period_end >= period_start),
        grassroots_organisations integer not null check (grassroots_organisations >= 0),
        branches integer not null check (branches >= 0),
        individual_members integer not null check (individual_members >= 0),
        collective_members integer not null check (collective_members >= 0),
        volunteers integer not null check (volunteers >= 0),
        created_at timestamptz not null default now(),
        unique (chapter_id, period_type, period_start)
      )`);
    this.addSql(`create index membership_report_period_idx on red_cross.membership_report (period_type, period_start)`);
  }

  override down(): void {
    this.addSql(`drop table red_cross.membership_report`);
    this.addSql(`drop trigger chapter_path on red_cross.chapter`);
    this.addSql(`drop function red_cross.chapter_path()`);
    this.addSql(`alter table red_cross.chapter drop column path`);
  }
}
