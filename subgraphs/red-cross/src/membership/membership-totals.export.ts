import { chapterFiguresExport } from '../chapter/chapter-summary.export.ts';

/** `Chapter.membershipTotals` (tổng hợp toàn hệ thống) printed, one indicator a row. */
export const membershipTotalsExport = chapterFiguresExport({
  name: 'membership-totals',
  field: 'membershipTotals',
  what: 'Tổng hợp tổ chức Hội và hội viên',
  labels: [
    ['grassrootsOrganisations', 'Tổ chức Hội cơ sở'],
    ['branches', 'Chi hội'],
    ['individualMembers', 'Hội viên cá nhân'],
    ['collectiveMembers', 'Hội viên tập thể'],
    ['volunteers', 'Tình nguyện viên'],
    ['reports', 'Số báo cáo tổng hợp'],
  ],
});
