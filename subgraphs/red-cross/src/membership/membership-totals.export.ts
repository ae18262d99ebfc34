import { reportTitle } from '@hoi/common/spreadsheet/export';
import type { SummaryExport } from '@hoi/common/spreadsheet/routes';
import { approvedNote, indicatorTable, requireChapterAnswer, type PeriodAnswer } from '../chapter/chapter-summary.export.ts';

interface Totals {
  period: PeriodAnswer;
  reports: number;
  grassrootsOrganisations: string;
  branches: string;
  individualMembers: string;
  collectiveMembers: string;
  volunteers: string;
  approvedVersion: number | null;
}

const LABELS = [
  ['grassrootsOrganisations', 'Tổ chức Hội cơ sở'],
  ['branches', 'Chi hội'],
  ['individualMembers', 'Hội viên cá nhân'],
  ['collectiveMembers', 'Hội viên tập thể'],
  ['volunteers', 'Tình nguyện viên'],
  ['reports', 'Số báo cáo tổng hợp'],
] as const;

/** `Chapter.membershipTotals` (tổng hợp toàn hệ thống) printed, one indicator a row. */
export const membershipTotalsExport: SummaryExport = {
  name: 'membership-totals',
  query: `query MembershipTotalsExport($chapterId: ID!, $period: PeriodInput!, $basis: ReportBasis = LIVE) {
    chapter(id: $chapterId) {
      name
      membershipTotals(period: $period, basis: $basis) {
        period { type year index start end } reports grassrootsOrganisations branches individualMembers collectiveMembers volunteers approvedVersion
      }
    }
  }`,
  table(data) {
    const chapter = requireChapterAnswer((data as { chapter: { name: string; membershipTotals: Totals } | null }).chapter);
    const totals = chapter.membershipTotals;
    const title = reportTitle('Tổng hợp tổ chức Hội và hội viên', chapter.name, totals.period) + approvedNote(totals.approvedVersion);
    return indicatorTable(title, LABELS, totals);
  },
};
