import { notFound } from '@hoi/common/errors';
import { reportTitle, type ExportColumn, type ExportTable } from '@hoi/common/spreadsheet/export';

/**
 * What the red-cross exports of one chapter's figures share: the chapter asked for (a chapter
 * that is not there is NOT_FOUND at `chapterId`, as the root fields answer), the note on approved
 * figures, and the printed layout of a summary that is one line of figures — one row per
 * indicator (chỉ tiêu), as the federation's report forms print it.
 */
export type PeriodAnswer = Parameters<typeof reportTitle>[2];

export function requireChapterAnswer<T>(chapter: T | null | undefined): T {
  if (!chapter) throw notFound('chapterId', 'no chapter has this id');
  return chapter;
}

/** " — Số liệu báo cáo đã duyệt (phiên bản 2)" after a title read with basis APPROVED. */
export const approvedNote = (version: number | null | undefined) => (version != null ? ` — Số liệu báo cáo đã duyệt (phiên bản ${version})` : '');

const INDICATOR_COLUMNS: ExportColumn[] = [
  { header: 'Chỉ tiêu', kind: 'text', width: 44 },
  { header: 'Số lượng', kind: 'integer', width: 18 },
];

/** A summary of one line of figures, printed one indicator a row: its label, its figure. */
export function indicatorTable<T>(title: string, labels: readonly (readonly [keyof T & string, string])[], figures: T): ExportTable {
  return {
    title,
    columns: INDICATOR_COLUMNS,
    rows: labels.map(([field, label]) => [label, figures[field] as string | number]),
  };
}

/** The exact sum of a column of whole numbers (GraphQL gives the large ones as strings). */
export const wholeSum = (values: readonly (string | number)[]): string => String(values.reduce<bigint>((sum, value) => sum + BigInt(value), 0n));
