import { Migration } from '@mikro-orm/migrations';

const RELIEF_KINDS = [
  'GIFT_PACKAGES',
  'RED_CROSS_HOUSE_STARTED',
  'RED_CROSS_HOUSE_HANDED_OVER',
  'LIGHTING_WORKS',
  'HUMANITARIAN_MARKET',
  'LIVELIHOOD_SUPPORT',
  'FREE_MEALS',
  'REGULAR_ASSISTANCE',
  'EMERGENCY_ASSISTANCE',
  'OTHER_SUPPORT',
];
const TARGET_METRICS = [...RELIEF_KINDS, 'PEOPLE_REACHED', 'VALUE_VND'];
const list = (values: string[]) => values.map((value) => `'${value}'`).join(', ');

export class Migration20261123040000_relief_and_targets extends Migration {
  override up(): void {
    this.addSql(`
      create table red_cross.campaign (
        id uuid primary key,
        name text collate "vi-x-icu" not null check (name = normalize(name, NFC) and length(trim(name)) > 0),
        scope text not null check (scope in ('NATIONAL', 'LOCAL')),
        recurrence text not null check (recurrence in ('YEARLY', 'STANDING')),
        organiser_chapter_id uuid not null references red_cross.chapter (id),
        created_at timestamptz not null default now(),
        unique (organiser_chapter_id, name)
      )`);
    this.addSql(`
      create table red_cross.relief_activity (
        id uuid primary key,
        chapter_id uuid not null references red_cross.chapter (id),
        campaign_id uuid references red_cross.campaign (id),
        kind text not null check (kind in (${list(RELIEF_KINDS)})),
        quantity integer not null check (quantity > 0),
        people_reached integer not null check (people_reached >= 0),
        value_vnd bigint not null check (value_vnd >= 0),
        occurred_on date not null,
        note text check (note is null or note = normalize(note, NFC)),
        created_at timestamptz not null default now()
      )`);
    this.addSql(`create index relief_activity_chapter_idx on red_cross.relief_activity (chapter_id, occurred_on)`);
    this.addSql(`create index relief_activity_date_idx on red_cross.relief_activity (occurred_on)`);
    this.addSql(`
      create table red_cross.target (
        id uuid primary key,
        setter_chapter_id uuid not null references red_cross.chapter (id),
        chapter_id uuid not null references red_cross.chapter (id),
        metric text not null check (metric in (${list(TARGET_METRICS)})),
        campaign_id uuid references red_cross.campaign (id),
        period_type text not null check (period_type in ('YEAR', 'HALF_YEAR', 'QUARTER', 'MONTH')),
        period_start date not null,
        period_end date not null check (period_end >= period_start),
        value bigint not null check (value > 0),
        created_at timestamptz not null default now(),
        unique nulls not distinct (chapter_id, metric, campaign_id, period_type, period_start)
      )`);
    this.addSql(`create index target_chapter_idx on red_cross.target (chapter_id, period_start)`);
  }

  override down(): void {
    this.addSql(`drop table red_cross.target`);
    this.addSql(`drop table red_cross.relief_activity`);
    this.addSql(`drop table red_cross.campaign`);
  }
}
