import { Migration } from '@mikro-orm/migrations';

export class Migration20261123052000_members_and_intake extends Migration {
  override up(): void {
    this.addSql(`
      create table elderly.club_member (
        id uuid primary key,
        club_id uuid not null references elderly.club (id),
        full_name text collate "vi-x-icu" not null check (full_name = normalize(full_name, NFC) and length(trim(full_name)) > 0),
        sex text not null check (sex in ('FEMALE', 'MALE')),
        birth_date date not null check (birth_date >= date '1900-01-01'),
        ethnic_group text not null check (ethnic_group = normalize(ethnic_group, NFC) and length(trim(ethnic_group)) > 0),
        -- Vietnam's 53 groups other than the Kinh majority are its ethnic minorities.
        is_ethnic_minority boolean generated always as (ethnic_group <> 'Kinh') stored,
        poverty_status text not null check (poverty_status in ('POOR', 'NEAR_POOR', 'NEITHER')),
        board_role text check (board_role in ('HEAD', 'DEPUTY_HEAD', 'BOARD_MEMBER')),
        joined_on date not null,
        left_on date check (left_on is null or left_on >= joined_on),
        created_at timestamptz not null default now()
      )`);
    this.addSql(`create index club_member_club_idx on elderly.club_member (club_id, full_name, id)`);
    // One head per club at a time.
    this.addSql(`create unique index club_member_one_head_uq on elderly.club_member (club_id) where board_role = 'HEAD' and left_on is null`);
    this.addSql(`
      create table elderly.membership_intake (
        id uuid primary key,
        association_id uuid not null references elderly.association (id),
        period_type text not null check (period_type in ('YEAR', 'HALF_YEAR', 'QUARTER', 'MONTH')),
        period_start date not null,
        period_end date not null check (period_end >= period_start),
        new_members integer not null check (new_members >= 0),
        created_at timestamptz not null default now(),
        unique (association_id, period_type, period_start)
      )`);
  }

  override down(): void {
    this.addSql(`drop table elderly.membership_intake`);
    this.addSql(`drop table elderly.club_member`);
  }
}
