import { Migration } from '@mikro-orm/migrations';

export class Migration20261123000200_associations_and_clubs extends Migration {
  override up(): void {
    this.addSql(`
      create table elderly.association (
        id uuid primary key,
        parent_id uuid references elderly.association (id),
        level text not null check (level in ('PROVINCE', 'DISTRICT', 'COMMUNE')),
        name text collate "vi-x-icu" not null check (name = normalize(name, NFC) and length(trim(name)) > 0),
        name_folded text not null,
        unit_id text,
        created_at timestamptz not null default now()
      )`);
    this.addSql(`create index association_parent_idx on elderly.association (parent_id, name, id)`);
    this.addSql(`create index association_order_idx on elderly.association (name, id)`);
    this.addSql(`
      create table elderly.club (
        id uuid primary key,
        association_id uuid not null references elderly.association (id),
        name text collate "vi-x-icu" not null check (name = normalize(name, NFC) and length(trim(name)) > 0),
        name_folded text not null,
        unit_id text,
        founded_on date,
        created_at timestamptz not null default now()
      )`);
    this.addSql(`create index club_association_idx on elderly.club (association_id, name, id)`);
    this.addSql(`create index club_order_idx on elderly.club (name, id)`);
  }

  override down(): void {
    this.addSql(`drop table elderly.club`);
    this.addSql(`drop table elderly.association`);
  }
}
