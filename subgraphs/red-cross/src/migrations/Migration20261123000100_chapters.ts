import { Migration } from '@mikro-orm/migrations';

export class Migration20261123000100_chapters extends Migration {
  override up(): void {
    this.addSql(`
      create table red_cross.chapter (
        id uuid primary key,
        parent_id uuid references red_cross.chapter (id),
        level text not null check (level in ('NATIONAL', 'PROVINCE', 'DISTRICT', 'GRASSROOTS', 'BRANCH')),
        name text collate "vi-x-icu" not null check (name = normalize(name, NFC) and length(trim(name)) > 0),
        name_folded text not null,
        unit_id text,
        created_at timestamptz not null default now()
      )`);
    this.addSql(`create index chapter_parent_idx on red_cross.chapter (parent_id, name, id)`);
    this.addSql(`create index chapter_order_idx on red_cross.chapter (name, id)`);
  }

  override down(): void {
    this.addSql(`drop table red_cross.chapter`);
  }
}
