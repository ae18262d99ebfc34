import { Migration } from '@mikro-orm/migrations';

export class Migration20261123000300_clusters extends Migration {
  override up(): void {
    this.addSql(`
      create table emulation.cluster (
        id uuid primary key,
        name text collate "vi-x-icu" not null check (name = normalize(name, NFC) and length(trim(name)) > 0),
        kind text not null check (kind in ('SAME_ASSOCIATION_ACROSS_PROVINCES', 'ASSOCIATIONS_OF_ONE_PROVINCE')),
        year smallint not null check (year between 1945 and 2100),
        unit_id text,
        created_at timestamptz not null default now()
      )`);
    this.addSql(`create index cluster_order_idx on emulation.cluster (year desc, name, id)`);
    this.addSql(`
      create table emulation.external_organisation (
        id uuid primary key,
        name text collate "vi-x-icu" not null check (name = normalize(name, NFC) and length(trim(name)) > 0),
        unit_id text,
        created_at timestamptz not null default now()
      )`);
    // A member is exactly one of: a Red Cross chapter, an Elderly Association unit (both owned by
    // other subgraphs, so referenced by id only), or an organisation the cluster keeps itself.
    this.addSql(`
      create table emulation.cluster_member (
        id uuid primary key,
        cluster_id uuid not null references emulation.cluster (id),
        position smallint not null check (position > 0),
        chapter_id uuid,
        elderly_association_id uuid,
        external_organisation_id uuid references emulation.external_organisation (id),
        check (num_nonnulls(chapter_id, elderly_association_id, external_organisation_id) = 1),
        unique (cluster_id, position)
      )`);
    this.addSql(`create unique index cluster_member_chapter_uq on emulation.cluster_member (cluster_id, chapter_id)`);
    this.addSql(`create unique index cluster_member_association_uq on emulation.cluster_member (cluster_id, elderly_association_id)`);
    this.addSql(`create unique index cluster_member_external_uq on emulation.cluster_member (cluster_id, external_organisation_id)`);
  }

  override down(): void {
    this.addSql(`drop table emulation.cluster_member`);
    this.addSql(`drop table emulation.external_organisation`);
    this.addSql(`drop table emulation.cluster`);
  }
}
