import { randomUUID } from 'node:crypto';
import type pg from 'pg';

export interface SeedOfficeHolder {
  role: string;
  personName: string;
  outsideRole?: string;
  tookOfficeOn?: string;
  leftOfficeOn?: string;
}

export interface SeedTermDocument {
  kind: string;
  title: string;
  status?: 'DRAFT' | 'ADOPTED';
  draftedOn?: string;
  adoptedOn?: string;
}

export interface SeedTerm {
  chapterId: string;
  ordinal?: number;
  startYear: number;
  endYear: number;
  officeHolders?: SeedOfficeHolder[];
  documents?: SeedTermDocument[];
}

/** Test seed builder: writes a term with its office holders and documents, and returns the term's id. */
export async function seedTerm(client: pg.Client, term: SeedTerm): Promise<string> {
  const id = randomUUID();
  await client.query(`insert into red_cross.term (id, chapter_id, ordinal, start_year, end_year) values ($1, $2, $3, $4, $5)`, [
    id,
    term.chapterId,
    term.ordinal ?? null,
    term.startYear,
    term.endYear,
  ]);
  for (const holder of term.officeHolders ?? []) {
    await client.query(
      `insert into red_cross.office_holder (id, term_id, role, person_name, outside_role, took_office_on, left_office_on) values ($1, $2, $3, $4, $5, $6, $7)`,
      [randomUUID(), id, holder.role, holder.personName.normalize('NFC'), holder.outsideRole?.normalize('NFC') ?? null, holder.tookOfficeOn ?? null, holder.leftOfficeOn ?? null],
    );
  }
  for (const document of term.documents ?? []) {
    await client.query(
      `insert into red_cross.term_document (id, term_id, kind, title, status, drafted_on, adopted_on) values ($1, $2, $3, $4, $5, $6, $7)`,
      [randomUUID(), id, document.kind, document.title.normalize('NFC'), document.status ?? 'DRAFT', document.draftedOn ?? null, document.adoptedOn ?? null],
    );
  }
  return id;
}
