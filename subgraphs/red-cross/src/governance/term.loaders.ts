import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@hoi/common/orm';
import { loadChildPages, type ChildPageKey, type Connection } from '@hoi/common/pagination';
import { toRoman } from './roman-numeral.ts';
import type { OfficeHolder, OfficeRole } from './office-holder.type.ts';
import { ROLE_ORDER } from './office-holder.type.ts';
import type { TermDocument, TermDocumentKind } from './term-document.type.ts';
import { KIND_ORDER } from './term-document.type.ts';
import type { Term } from './term.type.ts';

export const TERM_COLUMNS = `id, chapter_id as "chapterId", ordinal, start_year as "startYear", end_year as "endYear"`;
export const OFFICE_HOLDER_COLUMNS = `id, term_id as "termId", role, person_name as "personName", outside_role as "outsideRole",
  to_char(took_office_on, 'YYYY-MM-DD') as "tookOfficeOn", to_char(left_office_on, 'YYYY-MM-DD') as "leftOfficeOn"`;
export const TERM_DOCUMENT_COLUMNS = `id, term_id as "termId", kind, title, status,
  to_char(drafted_on, 'YYYY-MM-DD') as "draftedOn", to_char(adopted_on, 'YYYY-MM-DD') as "adoptedOn"`;

const ROLE_RANK = `array_position(array[${ROLE_ORDER.map((role) => `'${role}'`).join(', ')}]::text[], role)`;
const KIND_RANK = `array_position(array[${KIND_ORDER.map((kind) => `'${kind}'`).join(', ')}]::text[], kind)`;

/** "khóa VII, nhiệm kỳ 2022–2027", or "nhiệm kỳ 2022–2027" when the ordinal is unknown. */
export function termName(ordinal: number | null, startYear: number, endYear: number): string {
  return `${ordinal ? `khóa ${toRoman(ordinal)}, ` : ''}nhiệm kỳ ${startYear}–${endYear}`;
}

export function toTerm(row: { id: string; chapterId: string; ordinal: number | null; startYear: number; endYear: number }): Term {
  const { id, chapterId, ordinal, startYear, endYear } = row;
  return { id, chapterId, ordinal: ordinal ? toRoman(ordinal) : null, ordinalNumber: ordinal, startYear, endYear, name: termName(ordinal, startYear, endYear) };
}

export interface CurrentTermKey {
  chapterId: string;
  year: number;
}

export interface TermRoleKey {
  termId: string;
  role: OfficeRole;
}

export interface TermKindKey {
  termId: string;
  kind: TermDocumentKind;
}

export function createGovernanceLoaders(em: EntityManager) {
  return {
    TermByIdLoader: new DataLoader<string, Term | null>(async (ids) => {
      const rows = await sql<Parameters<typeof toTerm>[0]>(em, `select ${TERM_COLUMNS} from red_cross.term where id in (?)`, [[...ids]]);
      const byId = new Map(rows.map((row) => [row.id, toTerm(row)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    TermsByChapterIdLoader: new DataLoader<ChildPageKey, Connection<Term>, string>(
      async (keys) => {
        const pages = await loadChildPages<Parameters<typeof toTerm>[0]>(em, {
          table: 'red_cross.term',
          parentColumn: 'chapter_id',
          orderColumns: ['-start_year', 'id'],
          select: TERM_COLUMNS,
        }, keys);
        return pages.map((page) => ({ ...page, edges: page.edges.map((edge) => ({ ...edge, node: toTerm(edge.node) })) }));
      },
      { cacheKeyFn: (key) => JSON.stringify(key) },
    ),
    /** The newest term of each chapter that has started by the year and not ended before it: one statement per year asked. */
    CurrentTermByChapterIdLoader: new DataLoader<CurrentTermKey, Term | null, string>(
      async (keys) => {
        const found = new Map<string, Term>();
        for (const [year, group] of Map.groupBy(keys, (key) => key.year)) {
          const rows = await sql<Parameters<typeof toTerm>[0]>(
            em,
            `select distinct on (chapter_id) ${TERM_COLUMNS} from red_cross.term
              where chapter_id in (?) and start_year <= ? and end_year >= ?
              order by chapter_id, start_year desc`,
            [group.map((key) => key.chapterId), year, year],
          );
          for (const row of rows) found.set(`${row.chapterId}:${year}`, toTerm(row));
        }
        return keys.map((key) => found.get(`${key.chapterId}:${key.year}`) ?? null);
      },
      { cacheKeyFn: (key) => `${key.chapterId}:${key.year}` },
    ),
    /** Office holders of each term, by office then name; the filter narrows to some offices. */
    OfficeHoldersByTermIdLoader: new DataLoader<ChildPageKey, Connection<OfficeHolder>, string>(
      (keys) =>
        loadChildPages<OfficeHolder>(em, {
          table: 'red_cross.office_holder',
          parentColumn: 'term_id',
          orderColumns: [ROLE_RANK, 'person_name', 'id'],
          select: OFFICE_HOLDER_COLUMNS,
        }, keys),
      { cacheKeyFn: (key) => JSON.stringify(key) },
    ),
    /** The holder of a single-holder office (chair, honorary chair, head of the Inspection Committee) still in office. */
    CurrentOfficeHolderByTermIdAndRoleLoader: new DataLoader<TermRoleKey, OfficeHolder | null, string>(
      async (keys) => {
        const rows = await sql<OfficeHolder>(
          em,
          `select ${OFFICE_HOLDER_COLUMNS} from red_cross.office_holder
            where term_id in (?) and role in (?) and left_office_on is null`,
          [[...new Set(keys.map((key) => key.termId))], [...new Set(keys.map((key) => key.role))]],
        );
        const byKey = new Map(rows.map((row) => [`${row.termId}:${row.role}`, row]));
        return keys.map((key) => byKey.get(`${key.termId}:${key.role}`) ?? null);
      },
      { cacheKeyFn: (key) => `${key.termId}:${key.role}` },
    ),
    TermDocumentsByTermIdLoader: new DataLoader<ChildPageKey, Connection<TermDocument>, string>(
      (keys) =>
        loadChildPages<TermDocument>(em, {
          table: 'red_cross.term_document',
          parentColumn: 'term_id',
          orderColumns: [KIND_RANK, 'id'],
          select: TERM_DOCUMENT_COLUMNS,
        }, keys),
      { cacheKeyFn: (key) => JSON.stringify(key) },
    ),
    TermDocumentByTermIdAndKindLoader: new DataLoader<TermKindKey, TermDocument | null, string>(
      async (keys) => {
        const rows = await sql<TermDocument>(
          em,
          `select ${TERM_DOCUMENT_COLUMNS} from red_cross.term_document where term_id in (?) and kind in (?)`,
          [[...new Set(keys.map((key) => key.termId))], [...new Set(keys.map((key) => key.kind))]],
        );
        const byKey = new Map(rows.map((row) => [`${row.termId}:${row.kind}`, row]));
        return keys.map((key) => byKey.get(`${key.termId}:${key.kind}`) ?? null);
      },
      { cacheKeyFn: (key) => `${key.termId}:${key.kind}` },
    ),
  };
}

export type GovernanceLoaders = ReturnType<typeof createGovernanceLoaders>;
