import { notFound } from '@hoi/common/errors';
import { reportTitle, type ExportColumn, type ExportTable } from '@hoi/common/spreadsheet/export';
import type { SummaryExport } from '@hoi/common/spreadsheet/routes';

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

/** The exact sum of a column of whole numbers (GraphQL gives the large ones as strings). */
export const wholeSum = (values: readonly (string | number)[]): string => String(values.reduce<bigint>((sum, value) => sum + BigInt(value), 0n));

type Figures = Record<string, string | number> & { period: PeriodAnswer; approvedVersion: number | null };

/**
 * A `Chapter` field of one line of figures for a period, LIVE or APPROVED (`bloodDonationSummary`,
 * `membershipTotals`), printed one indicator a row: `labels` names each figure, in print order.
 */
export function chapterFiguresExport(options: { name: string; field: string; what: string; labels: readonly (readonly [string, string])[] }): SummaryExport {
  const { field, labels } = options;
  return {
    name: options.name,
    query: `query ($chapterId: ID!, $period: PeriodInput!, $basis: ReportBasis = LIVE) {
      chapter(id: $chapterId) {
        name
        ${field}(period: $period, basis: $basis) { period { type year index start end } ${labels.map(([figure]) => figure).join(' ')} approvedVersion }
      }
    }`,
    table(data): ExportTable {
      const chapter = requireChapterAnswer((data as { chapter: ({ name: string } & Record<string, Figures>) | null }).chapter);
      const figures = chapter[field];
      return {
        title: reportTitle(options.what, chapter.name, figures.period) + approvedNote(figures.approvedVersion),
        columns: INDICATOR_COLUMNS,
        rows: labels.map(([figure, label]) => [label, figures[figure] as string | number]),
      };
    },
  };
}
