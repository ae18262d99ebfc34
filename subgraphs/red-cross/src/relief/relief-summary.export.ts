import { reportTitle, unitColumn, type ExportColumn } from '@hoi/common/spreadsheet/export';
import type { SummaryExport } from '@hoi/common/spreadsheet/routes';
import { approvedNote } from '../chapter/chapter-summary.export.ts';
import { RELIEF_KIND_LABELS } from './relief-activity.sheet.ts';
import type { ReliefKind } from './relief-activity.type.ts';

export interface Figures {
  activities: number;
  quantity: string;
  peopleReached: string;
  valueVnd: string;
}

interface Row extends Figures {
  kind: ReliefKind | null;
  month: string | null;
  /** Its name only in the supergraph's answer (read from `places`); a partner's file prints the id. */
  province: { id: string; name?: string } | null;
  campaign: { name: string } | null;
  childChapter: { name: string } | null;
}

interface Answer {
  reliefSummary: {
    chapter: { name: string };
    period: { type: string; year: number; index: number | null; start: string; end: string };
    groupBy: string[];
    unitEdition: string;
    approvedVersion: number | null;
    total: Figures;
    rows: Row[];
  } | null;
}

/** 2024-03 as the printed reports write it: 03/2024. */
export const monthLabel = (month: string) => month.split('-').reverse().join('/');

const DIMENSIONS: Record<string, { header: string; value(row: Row, index: number): string }> = {
  KIND: { header: 'Loại hoạt động', value: (row) => (row.kind ? RELIEF_KIND_LABELS[row.kind] : '') },
  CAMPAIGN: { header: 'Chiến dịch, phong trào', value: (row) => row.campaign?.name ?? '(Không thuộc chiến dịch)' },
  CHILD_CHAPTER: { header: 'Đơn vị trực thuộc', value: (row) => row.childChapter?.name ?? '(Chính đơn vị)' },
  MONTH: { header: 'Tháng', value: (row) => (row.month ? monthLabel(row.month) : '') },
};

export const FIGURE_COLUMNS: ExportColumn[] = [
  { header: 'Số hoạt động', kind: 'integer' },
  { header: 'Số lượng', kind: 'integer' },
  { header: 'Số lượt người hưởng lợi', kind: 'integer', width: 24 },
  { header: 'Trị giá (đồng)', kind: 'vnd', width: 22 },
];

export const figures = (row: Figures) => [row.activities, row.quantity, row.peopleReached, row.valueVnd];

const reliefSummaryQuery = (province: string) => `query ReliefSummaryExport($chapterId: ID!, $period: PeriodInput!, $groupBy: [ReliefDimension!] = [], $unitEdition: UnitEdition = BEFORE_2025, $basis: ReportBasis = LIVE) {
    reliefSummary(chapterId: $chapterId, period: $period, groupBy: $groupBy, unitEdition: $unitEdition, basis: $basis) {
      chapter { name }
      period { type year index start end }
      groupBy unitEdition approvedVersion
      total { activities quantity peopleReached valueVnd }
      rows { kind month province { ${province} } campaign { name } childChapter { name } activities quantity peopleReached valueVnd }
    }
  }`;

/**
 * `reliefSummary` printed: its arguments from the query string, its access rules, its figures.
 * Grouped by province: by name on the gateway's host (read from `places`), by id on this one.
 */
export const reliefSummaryExport: SummaryExport = {
  name: 'relief-summary',
  query: reliefSummaryQuery('id'),
  supergraphQuery: reliefSummaryQuery('id name'),
  table(data) {
    const summary = (data as unknown as Answer).reliefSummary!;
    const provinces = unitColumn(summary.rows.map((row) => row.province), 'Tỉnh, thành phố', '');
    const byProvince = { header: provinces.header, value: (_row: Row, index: number) => provinces.cells[index] };
    const dimensions = summary.groupBy.map((dimension) => (dimension === 'PROVINCE' ? byProvince : DIMENSIONS[dimension]));
    return {
      title: reportTitle('Tổng hợp hoạt động nhân đạo', summary.chapter.name, summary.period, summary.unitEdition) + approvedNote(summary.approvedVersion),
      columns: [...dimensions.map((dimension): ExportColumn => ({ header: dimension.header, kind: 'text', width: 30 })), ...FIGURE_COLUMNS],
      rows: [
        ...summary.rows.map((row, index) => [...dimensions.map((dimension) => dimension.value(row, index)), ...figures(row)]),
        [...(dimensions.length ? ['Tổng cộng', ...dimensions.slice(1).map(() => '')] : []), ...figures(summary.total)],
      ],
    };
  },
};
