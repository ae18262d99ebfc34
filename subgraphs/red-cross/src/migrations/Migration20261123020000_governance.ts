import { Migration } from '@mikro-orm/migrations';

const SINGLE_HOLDER_ROLES = `'CHAIR', 'HONORARY_CHAIR', 'INSPECTION_COMMITTEE_CHAIR'`;

/**
 * Terms (nhiệm kỳ) of a chapter, the people holding offices and committee seats in a term, and
 * the documents a term adopts. The database enforces what the API checks: sane years, no two
 * overlapping terms of a chapter, one holder at a time of a single-holder office, one document of
 * each kind per term, an adoption date exactly when adopted.
 */
export class Migration20261123020000_governance extends Migration {
  override up(): void {
    // Exclusion constraints on a uuid and a range need btree_gist (a trusted extension, in contrib).
    this.addSql(`create extension if not exists btree_gist with schema public`);

    // Years are half-open ranges: a term 2017–2022 is followed by 2022–2027, the congress year shared.
    this.addSql(`
      create table red_cross.term (
        id uuid primary key,
        chapter_id uuid not null references red_cross.chapter (id),
        ordinal integer check (ordinal between 1 and 3999),
        start_year integer not null check (start_year between 1946 and 2100),
        end_year integer not null check (end_year between 1946 and 2100),
        created_at timestamptz not null default now(),
        constraint term_years_check check (end_year > start_year and end_year - start_year <= 10),
        constraint term_ordinal_key unique (chapter_id, ordinal),
        constraint term_no_overlap exclude using gist (chapter_id with =, int4range(start_year, end_year) with &&)
      )`);
    this.addSql(`create index term_chapter_idx on red_cross.term (chapter_id, start_year desc, id)`);

    // Periods in office are half-open too: a successor may take office the day the predecessor leaves.
    this.addSql(`
      create table red_cross.office_holder (
        id uuid primary key,
        term_id uuid not null references red_cross.term (id),
        role text not null check (role in ('CHAIR', 'VICE_CHAIR', 'HONORARY_CHAIR', 'EXECUTIVE_COMMITTEE_MEMBER', 'INSPECTION_COMMITTEE_CHAIR', 'INSPECTION_COMMITTEE_MEMBER')),
        person_name text collate "vi-x-icu" not null check (person_name = normalize(person_name, NFC) and length(trim(person_name)) > 0),
        outside_role text check (outside_role = normalize(outside_role, NFC) and length(trim(outside_role)) > 0),
        took_office_on date,
        left_office_on date,
        created_at timestamptz not null default now(),
        constraint office_holder_period_check check (left_office_on > took_office_on),
        constraint office_holder_single_holder exclude using gist (
          term_id with =, role with =, daterange(took_office_on, left_office_on, '[)') with &&
        ) where (role in (${SINGLE_HOLDER_ROLES}))
      )`);
    this.addSql(`create index office_holder_term_idx on red_cross.office_holder (term_id, role)`);

    this.addSql(`
      create table red_cross.term_document (
        id uuid primary key,
        term_id uuid not null references red_cross.term (id),
        kind text not null check (kind in ('EXECUTIVE_COMMITTEE_REGULATIONS', 'INSPECTION_COMMITTEE_REGULATIONS', 'WHOLE_TERM_PROGRAMME')),
        title text not null check (title = normalize(title, NFC) and length(trim(title)) > 0),
        status text not null check (status in ('DRAFT', 'ADOPTED')),
        drafted_on date,
        adopted_on date,
        created_at timestamptz not null default now(),
        constraint term_document_adoption_check check ((status = 'ADOPTED') = (adopted_on is not null)),
        constraint term_document_dates_check check (adopted_on >= drafted_on),
        constraint term_document_kind_key unique (term_id, kind)
      )`);
  }

  override down(): void {
    this.addSql(`drop table red_cross.term_document`);
    this.addSql(`drop table red_cross.office_holder`);
    this.addSql(`drop table red_cross.term`);
    // btree_gist stays: it is database-wide and other tables may use it.
  }
}
