import { resolvePeriod, type PeriodInput } from '@hoi/common/period';
import { reportTitle, type ExportColumn } from '@hoi/common/spreadsheet/export';
import type { SummaryExport } from '@hoi/common/spreadsheet/routes';
import { approvedNote, requireChapterAnswer, wholeSum } from '../chapter/chapter-summary.export.ts';
import { RELIEF_KIND_LABELS } from './relief-activity.sheet.ts';
import type { ReliefKind } from './relief-activity.type.ts';
import { FIGURE_COLUMNS, figures, monthLabel, type Figures } from './relief-summary.export.ts';

interface Answer {
  chapter: { name: string } | null;
  reliefByMonth: (Figures & { month: string; approvedVersion: number | null })[] | null;
}

/** `reliefByMonth` printed: one row a month (empty months as zeros, as the field gives them), then the total. */
export const reliefByMonthExport: SummaryExport = {
  name: 'relief-by-month',
  query: `query ReliefByMonthExport($chapterId: ID!, $period: PeriodInput!, $kind: ReliefKind, $basis: ReportBasis = LIVE) {
    chapter(id: $chapterId) { name }
    reliefByMonth(chapterId: $chapterId, period: $period, kind: $kind, basis: $basis) { month activities quantity peopleReached valueVnd approvedVersion }
  }`,
  table(data, variables) {
    const answer = data as unknown as Answer;
    const chapter = requireChapterAnswer(answer.chapter);
    const months = answer.reliefByMonth ?? [];
    const kind = variables.kind ? ` (${RELIEF_KIND_LABELS[variables.kind as ReliefKind]})` : '';
    const total: Figures = {
      activities: months.reduce((sum, month) => sum + month.activities, 0),
      quantity: wholeSum(months.map((month) => month.quantity)),
      peopleReached: wholeSum(months.map((month) => month.peopleReached)),
      valueVnd: wholeSum(months.map((month) => month.valueVnd)),
    };
    return {
      title: reportTitle(`Hoạt động nhân đạo theo tháng${kind}`, chapter.name, resolvePeriod(variables.period as PeriodInput)) + approvedNote(months[0]?.approvedVersion),
      columns: [{ header: 'Tháng', kind: 'text', width: 12 } satisfies ExportColumn, ...FIGURE_COLUMNS],
      rows: [...months.map((month) => [monthLabel(month.month), ...figures(month)]), ['Tổng cộng', ...figures(total)]],
    };
  },
};
