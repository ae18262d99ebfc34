import { Migration } from '@mikro-orm/migrations';

/**
 * The Representative Board (Ban đại diện, BĐD) of a provincial Elderly Association unit, and the
 * small groups (nhóm nhỏ, tổ) of a club: "mỗi nhóm có từ 4 - 5 người chia theo địa bàn dân cư".
 *
 * The database enforces what the API checks:
 * - a board belongs to a PROVINCE-level unit (a foreign key on the unit's id and level, so the
 *   unit cannot change level under its board either); one head at a time (periods are half-open
 *   date ranges, an unknown start reaches back indefinitely, an open end forward);
 * - a small group and its members belong to the same club (foreign keys on the club id with the
 *   group's and the member's ids); a member sits in one group at most; a group has five seats,
 *   numbered 1 to 5, each held once, so it can never hold a sixth member.
 */
export class Migration20261123100000_board_and_small_groups extends Migration {
  override up(): void {
    // Exclusion constraints on a uuid and a range need btree_gist (database-wide; the red-cross
    // subgraph creates it too).
    this.addSql(`create extension if not exists btree_gist with schema public`);

    // Targets of the composite foreign keys below.
    this.addSql(`alter table elderly.association add constraint association_id_level_key unique (id, level)`);
    this.addSql(`alter table elderly.club_member add constraint club_member_club_id_key unique (club_id, id)`);

    this.addSql(`
      create table elderly.representative_board_member (
        id uuid primary key,
        association_id uuid not null,
        -- Always PROVINCE: with association_id, a foreign key to a provincial unit.
        association_level text not null default 'PROVINCE' check (association_level = 'PROVINCE'),
        role text not null check (role in ('HEAD', 'DEPUTY_HEAD', 'MEMBER')),
        person_name text collate "vi-x-icu" not null
          check (person_name = normalize(person_name, NFC) and length(trim(person_name)) > 0 and length(person_name) <= 200),
        outside_role text
          check (outside_role is null or (outside_role = normalize(outside_role, NFC) and length(trim(outside_role)) > 0 and length(outside_role) <= 300)),
        started_on date check (started_on >= date '1995-05-10'),
        ended_on date check (ended_on > date '1995-05-10'),
        created_at timestamptz not null default now(),
        constraint representative_board_member_association_fkey
          foreign key (association_id, association_level) references elderly.association (id, level),
        constraint representative_board_member_period_check check (ended_on > started_on),
        constraint representative_board_one_head exclude using gist (
          association_id with =, daterange(started_on, ended_on, '[)') with &&
        ) where (role = 'HEAD')
      )`);
    this.addSql(`create index representative_board_member_association_idx on elderly.representative_board_member (association_id, ended_on)`);

    this.addSql(`
      create table elderly.club_small_group (
        id uuid primary key,
        club_id uuid not null references elderly.club (id),
        name text collate "vi-x-icu" not null
          check (name = normalize(name, NFC) and length(trim(name)) > 0 and length(name) <= 200),
        residential_area text collate "vi-x-icu" not null
          check (residential_area = normalize(residential_area, NFC) and length(trim(residential_area)) > 0 and length(residential_area) <= 300),
        created_at timestamptz not null default now(),
        constraint club_small_group_club_id_key unique (club_id, id)
      )`);
    // A name once per club, whatever its letter case; also the order groups are listed in.
    this.addSql(`create unique index club_small_group_name_key on elderly.club_small_group (club_id, lower(name))`);
    this.addSql(`create index club_small_group_club_idx on elderly.club_small_group (club_id, name, id)`);

    this.addSql(`
      create table elderly.club_small_group_member (
        group_id uuid not null,
        club_id uuid not null,
        member_id uuid not null,
        -- Five seats per group: a sixth member has nowhere to sit.
        seat smallint not null check (seat between 1 and 5),
        created_at timestamptz not null default now(),
        primary key (group_id, seat),
        constraint club_small_group_member_group_fkey foreign key (club_id, group_id) references elderly.club_small_group (club_id, id),
        constraint club_small_group_member_member_fkey foreign key (club_id, member_id) references elderly.club_member (club_id, id)
      )`);
    // A member is in one small group at most.
    this.addSql(`create unique index club_small_group_member_one_group_key on elderly.club_small_group_member (member_id)`);
  }

  override down(): void {
    this.addSql(`drop table elderly.club_small_group_member`);
    this.addSql(`drop table elderly.club_small_group`);
    this.addSql(`drop table elderly.representative_board_member`);
    this.addSql(`alter table elderly.club_member drop constraint club_member_club_id_key`);
    this.addSql(`alter table elderly.association drop constraint association_id_level_key`);
    // btree_gist stays: it is database-wide and other tables use it.
  }
}
