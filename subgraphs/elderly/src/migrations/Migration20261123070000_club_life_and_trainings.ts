import { Migration } from '@mikro-orm/migrations';

/**
 * Trainings (tập huấn) of an association unit with their partners and participants by role;
 * replication schemes (đề án nhân rộng mô hình CLB) with a period and a target number of clubs;
 * and club life: the monthly meeting (sinh hoạt định kỳ), activities, and the specialised groups
 * (tổ chuyên môn). Nothing is dated before the Vietnam Association of the Elderly was founded
 * (10 May 1995); schemes, which are plans, start in 1995 at the earliest.
 */
export class Migration20261123070000_club_life_and_trainings extends Migration {
  override up(): void {
    this.addSql(`
      create table elderly.training (
        id uuid primary key,
        association_id uuid not null references elderly.association (id),
        title text collate "vi-x-icu" not null check (title = normalize(title, NFC) and length(trim(title)) > 0 and length(title) <= 300),
        held_on date not null check (held_on between date '1995-05-10' and date '2100-12-31'),
        unit_id text check (unit_id is null or unit_id ~ '^(BEFORE_2025|CURRENT):[0-9]{2,5}$'),
        venue text check (venue is null or (venue = normalize(venue, NFC) and length(trim(venue)) > 0 and length(venue) <= 300)),
        created_at timestamptz not null default now()
      )`);
    // An association records a training of a given title on a given day once.
    this.addSql(`create unique index training_title_key on elderly.training (association_id, held_on, lower(title))`);
    this.addSql(`create index training_association_idx on elderly.training (association_id, held_on desc, id)`);
    this.addSql(`
      create table elderly.training_partner (
        training_id uuid not null references elderly.training (id) on delete cascade,
        position integer not null check (position >= 0),
        name text collate "vi-x-icu" not null check (name = normalize(name, NFC) and length(trim(name)) > 0 and length(name) <= 300),
        role text not null check (role in ('CO_ORGANISER', 'ATTENDING')),
        primary key (training_id, position)
      )`);
    this.addSql(`create unique index training_partner_name_key on elderly.training_partner (training_id, lower(name))`);
    this.addSql(`
      create table elderly.training_participation (
        training_id uuid not null references elderly.training (id) on delete cascade,
        role text not null check (role in ('ASSOCIATION_CHAIR', 'CLUB_HEAD', 'OTHER')),
        headcount integer not null check (headcount > 0 and headcount <= 100000),
        primary key (training_id, role)
      )`);

    this.addSql(`
      create table elderly.replication_scheme (
        id uuid primary key,
        association_id uuid not null references elderly.association (id),
        name text collate "vi-x-icu" not null check (name = normalize(name, NFC) and length(trim(name)) > 0 and length(name) <= 300),
        approved_by text check (approved_by is null or (approved_by = normalize(approved_by, NFC) and length(trim(approved_by)) > 0 and length(approved_by) <= 300)),
        starts_on date not null check (starts_on >= date '1995-01-01'),
        ends_on date not null check (ends_on <= date '2100-12-31'),
        target_clubs integer check (target_clubs is null or (target_clubs > 0 and target_clubs <= 100000)),
        created_at timestamptz not null default now(),
        check (ends_on >= starts_on)
      )`);
    this.addSql(`create unique index replication_scheme_name_key on elderly.replication_scheme (association_id, lower(name))`);
    // Progress counts clubs by founding date.
    this.addSql(`create index club_founded_idx on elderly.club (association_id, founded_on)`);

    this.addSql(`
      create table elderly.club_meeting (
        id uuid primary key,
        club_id uuid not null references elderly.club (id),
        held_on date not null check (held_on between date '1995-05-10' and date '2100-12-31'),
        attendance integer not null check (attendance > 0 and attendance <= 10000),
        note text check (note is null or (note = normalize(note, NFC) and length(trim(note)) > 0 and length(note) <= 1000)),
        created_at timestamptz not null default now()
      )`);
    // The regular meeting is monthly: one per club and calendar month.
    this.addSql(`create unique index club_meeting_month_key on elderly.club_meeting (club_id, (extract(year from held_on)), (extract(month from held_on)))`);
    this.addSql(`create index club_meeting_club_idx on elderly.club_meeting (club_id, held_on desc, id)`);
    this.addSql(`
      create table elderly.club_activity (
        id uuid primary key,
        club_id uuid not null references elderly.club (id),
        kind text not null check (kind in ('ARTS_AND_SPORTS', 'HEALTH_CHECK', 'HEALTH_INSURANCE_HELP', 'SELF_HELP', 'RIGHTS_PROTECTION', 'LEARNING')),
        held_on date not null check (held_on between date '1995-05-10' and date '2100-12-31'),
        participants integer not null check (participants > 0 and participants <= 100000),
        note text check (note is null or (note = normalize(note, NFC) and length(trim(note)) > 0 and length(note) <= 1000)),
        created_at timestamptz not null default now()
      )`);
    this.addSql(`create index club_activity_club_idx on elderly.club_activity (club_id, held_on desc, id)`);
    this.addSql(`
      create table elderly.club_specialised_group (
        id uuid primary key,
        club_id uuid not null references elderly.club (id),
        name text collate "vi-x-icu" not null check (name = normalize(name, NFC) and length(trim(name)) > 0 and length(name) <= 200),
        created_at timestamptz not null default now()
      )`);
    // A name once per club, whatever its letter case; at most five per club is checked on write,
    // under a lock on the club row.
    this.addSql(`create unique index club_specialised_group_name_key on elderly.club_specialised_group (club_id, lower(name))`);
  }

  override down(): void {
    this.addSql(`drop table elderly.club_specialised_group`);
    this.addSql(`drop table elderly.club_activity`);
    this.addSql(`drop table elderly.club_meeting`);
    this.addSql(`drop index elderly.club_founded_idx`);
    this.addSql(`drop table elderly.replication_scheme`);
    this.addSql(`drop table elderly.training_participation`);
    this.addSql(`drop table elderly.training_partner`);
    this.addSql(`drop table elderly.training`);
  }
}
