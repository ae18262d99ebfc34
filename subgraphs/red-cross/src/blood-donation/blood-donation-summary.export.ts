import { reportTitle } from '@hoi/common/spreadsheet/export';
import type { SummaryExport } from '@hoi/common/spreadsheet/routes';
import { approvedNote, indicatorTable, requireChapterAnswer, type PeriodAnswer } from '../chapter/chapter-summary.export.ts';

interface Summary {
  period: PeriodAnswer;
  awarenessRounds: number;
  plannedUnits: string;
  emergencyUnits: string;
  totalUnits: string;
  approvedVersion: number | null;
}

const LABELS = [
  ['awarenessRounds', 'Số đợt tuyên truyền, vận động hiến máu'],
  ['plannedUnits', 'Đơn vị máu tiếp nhận theo kế hoạch'],
  ['emergencyUnits', 'Đơn vị máu hiến đột xuất'],
  ['totalUnits', 'Tổng số đơn vị máu tiếp nhận'],
] as const;

/** `Chapter.bloodDonationSummary` printed, one indicator a row (the total is the field's own `totalUnits`). */
export const bloodDonationSummaryExport: SummaryExport = {
  name: 'blood-donation-summary',
  query: `query BloodDonationSummaryExport($chapterId: ID!, $period: PeriodInput!, $basis: ReportBasis = LIVE) {
    chapter(id: $chapterId) {
      name
      bloodDonationSummary(period: $period, basis: $basis) { period { type year index start end } awarenessRounds plannedUnits emergencyUnits totalUnits approvedVersion }
    }
  }`,
  table(data) {
    const chapter = requireChapterAnswer((data as { chapter: { name: string; bloodDonationSummary: Summary } | null }).chapter);
    const summary = chapter.bloodDonationSummary;
    const title = reportTitle('Kết quả hiến máu tình nguyện', chapter.name, summary.period) + approvedNote(summary.approvedVersion);
    return indicatorTable(title, LABELS, summary);
  },
};
