import { Migration } from '@mikro-orm/migrations';

/**
 * Voluntary blood donation (hiến máu tình nguyện): named programmes, a chapter's awareness rounds
 * and the units of blood it received; and the model programmes (mô hình điểm) a chapter registers
 * for a year. Records are events: a subtree's figures are plain sums over its chapters' records.
 * Nothing is dated before the Society was founded (23 November 1946).
 */
export class Migration20261123030000_blood_donation_and_model_programmes extends Migration {
  override up(): void {
    this.addSql(`
      create table red_cross.blood_donation_programme (
        id uuid primary key,
        name text collate "vi-x-icu" not null check (name = normalize(name, NFC) and length(trim(name)) > 0 and length(name) <= 200),
        scope text not null check (scope in ('NATIONAL', 'LOCAL')),
        organiser_chapter_id uuid not null references red_cross.chapter (id),
        created_at timestamptz not null default now(),
        unique (organiser_chapter_id, name)
      )`);
    this.addSql(`create index blood_donation_programme_order_idx on red_cross.blood_donation_programme (name, id)`);

    this.addSql(`
      create table red_cross.blood_donation_awareness_round (
        id uuid primary key,
        chapter_id uuid not null references red_cross.chapter (id),
        programme_id uuid references red_cross.blood_donation_programme (id),
        held_on date not null check (held_on between date '1946-11-23' and date '2100-12-31'),
        note text check (note is null or (note = normalize(note, NFC) and length(trim(note)) > 0 and length(note) <= 1000)),
        created_at timestamptz not null default now()
      )`);
    this.addSql(`create index blood_donation_awareness_round_chapter_idx on red_cross.blood_donation_awareness_round (chapter_id, held_on)`);

    this.addSql(`
      create table red_cross.blood_unit_receipt (
        id uuid primary key,
        chapter_id uuid not null references red_cross.chapter (id),
        programme_id uuid references red_cross.blood_donation_programme (id),
        received_on date not null check (received_on between date '1946-11-23' and date '2100-12-31'),
        units integer not null check (units > 0 and units <= 100000),
        kind text not null check (kind in ('PLANNED', 'EMERGENCY')),
        note text check (note is null or (note = normalize(note, NFC) and length(trim(note)) > 0 and length(note) <= 1000)),
        created_at timestamptz not null default now()
      )`);
    this.addSql(`create index blood_unit_receipt_chapter_idx on red_cross.blood_unit_receipt (chapter_id, received_on)`);

    this.addSql(`
      create table red_cross.model_programme (
        id uuid primary key,
        chapter_id uuid not null references red_cross.chapter (id),
        year integer not null check (year between 1946 and 2100),
        name text collate "vi-x-icu" not null check (name = normalize(name, NFC) and length(trim(name)) > 0 and length(name) <= 300),
        description text check (description is null or (description = normalize(description, NFC) and length(trim(description)) > 0 and length(description) <= 2000)),
        created_at timestamptz not null default now()
      )`);
    // A chapter registers a name once a year, whatever its letter case.
    this.addSql(`create unique index model_programme_name_key on red_cross.model_programme (chapter_id, year, lower(name))`);
  }

  override down(): void {
    this.addSql(`drop table red_cross.model_programme`);
    this.addSql(`drop table red_cross.blood_unit_receipt`);
    this.addSql(`drop table red_cross.blood_donation_awareness_round`);
    this.addSql(`drop table red_cross.blood_donation_programme`);
  }
}
