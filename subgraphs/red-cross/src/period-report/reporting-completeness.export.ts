import type { CompletenessRow } from '@hoi/common/period-report';
import { reportTitle, unitColumn, type ExportColumn, type ExportTable } from '@hoi/common/spreadsheet/export';
import type { SummaryExport } from '@hoi/common/spreadsheet/routes';
import { requireChapterAnswer, type PeriodAnswer } from '../chapter/chapter-summary.export.ts';
import type { ChapterReportKind } from './period-report.type.ts';

/** The counts of each state; the five states add up to `expected`. */
type Counts = Omit<CompletenessRow, 'groupKey' | 'missingIds' | 'lateIds'>;

/** The states of the reporting cycle, as the report on reporting (tình hình báo cáo) prints them. */
const STATES: readonly (readonly [keyof Counts, string])[] = [
  ['expected', 'Phải báo cáo'],
  ['missing', 'Chưa báo cáo'],
  ['draft', 'Đang soạn'],
  ['submitted', 'Đã nộp, chờ duyệt'],
  ['returned', 'Bị trả lại'],
  ['approved', 'Đã duyệt'],
  ['late', 'Nộp muộn'],
];
export const COUNTS = STATES.map(([state]) => state).join(' ');

const KIND_LABELS: Record<ChapterReportKind, string> = { ACTIVITIES: 'báo cáo kết quả công tác Hội' };
const what = (kind: ChapterReportKind) => `Tình hình báo cáo (${KIND_LABELS[kind] ?? kind})`;

export interface ChapterAnswer extends Counts {
  kind: ChapterReportKind;
  period: PeriodAnswer;
  missingChapters: { name: string }[];
  lateChapters: { name: string }[];
}

/**
 * `Chapter.reportingCompleteness` printed: one row a state with its count of child chapters, and
 * for the missing and the late ones, which chapters they are.
 */
export const reportingCompletenessExport: SummaryExport = {
  name: 'reporting-completeness',
  query: `query ReportingCompletenessExport($chapterId: ID!, $period: PeriodInput!, $kind: ChapterReportKind) {
    chapter(id: $chapterId) {
      name
      reportingCompleteness(period: $period, kind: $kind) { kind period { type year index start end } ${COUNTS} missingChapters { name } lateChapters { name } }
    }
  }`,
  table(data) {
    const chapter = requireChapterAnswer((data as { chapter: { name: string; reportingCompleteness: ChapterAnswer } | null }).chapter);
    return completenessTable(chapter.reportingCompleteness, chapter.name, 'các đơn vị trực thuộc');
  },
};

/** A unit's or a cluster's completeness printed: a row a state with its count of chapters, the missing and late ones named. */
export function completenessTable(completeness: ChapterAnswer, of: string, whose: string): ExportTable {
  const names: Partial<Record<keyof Counts, string>> = {
    missing: completeness.missingChapters.map((child) => child.name).join('; '),
    late: completeness.lateChapters.map((child) => child.name).join('; '),
  };
  return {
    title: `${reportTitle(what(completeness.kind), of, completeness.period)} — ${whose}`,
    columns: [
      { header: 'Tình trạng', kind: 'text', width: 24 },
      { header: 'Số đơn vị', kind: 'integer' },
      { header: 'Đơn vị', kind: 'text', width: 60 },
    ],
    rows: STATES.map(([state, label]) => [label, completeness[state], names[state] ?? '']),
  };
}

interface NationalAnswer {
  kind: ChapterReportKind;
  period: PeriodAnswer;
  unitEdition: string;
  /** Its name only in the supergraph's answer (read from `places`); a partner's file prints the id. */
  provinces: (Counts & { province: { id: string; name?: string } | null })[];
}

const COUNT_COLUMNS: ExportColumn[] = STATES.map(([, label]) => ({ header: label, kind: 'integer' }));

const nationalQuery = (province: string) => `query NationalReportingCompletenessExport($period: PeriodInput!, $kind: ChapterReportKind, $unitEdition: UnitEdition = BEFORE_2025) {
    nationalReportingCompleteness(period: $period, kind: $kind, unitEdition: $unitEdition) {
      kind period { type year index start end } unitEdition provinces { province { ${province} } ${COUNTS} }
    }
  }`;

/**
 * `nationalReportingCompleteness` printed: one row a province of the edition asked for, then the
 * country. On the gateway's host the provinces by name (the supergraph reads them from `places`),
 * on this subgraph's host by id.
 */
export const nationalReportingCompletenessExport: SummaryExport = {
  name: 'national-reporting-completeness',
  query: nationalQuery('id'),
  supergraphQuery: nationalQuery('id name'),
  table(data) {
    const national = (data as { nationalReportingCompleteness: NationalAnswer }).nationalReportingCompleteness;
    const counts = (row: Counts) => STATES.map(([state]) => row[state]);
    const total = STATES.map(([state]) => national.provinces.reduce((sum, row) => sum + row[state], 0));
    const unit = unitColumn(national.provinces.map((row) => row.province), 'Tỉnh, thành phố', '(Không gắn địa bàn)');
    return {
      title: reportTitle(what(national.kind), 'toàn quốc, theo tỉnh, thành phố', national.period, national.unitEdition),
      columns: [{ header: unit.header, kind: 'text', width: 30 }, ...COUNT_COLUMNS],
      rows: [...national.provinces.map((row, index) => [unit.cells[index], ...counts(row)]), ['Tổng cộng', ...total]],
    };
  },
};
