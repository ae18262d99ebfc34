import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '@hoi/common/ids';
import { insertMissing } from '@hoi/common/orm';
import { resolvePeriod, PeriodType } from '@hoi/common/period';
import { CLUSTER_2022 } from '../demo/cluster-2022.demo.ts';
import { chapterFigures } from './period-report.plug.ts';

/**
 * The articles' figures as approved reports, so completeness and `basis: APPROVED` read something
 * real. Dates are chosen, the articles give none (each within its deadline unless said otherwise):
 *
 * - Lào Cai, first half of 2022 (article 003): submitted for the conference of 14 July 2022,
 *   approved by the national level on 18 July.
 * - The cluster's 7 provinces, year 2022 (article 000): submitted in early January 2023, approved
 *   by the national level on 20 January, ahead of the review conference.
 * - Lào Cai, year 2022: submitted late (8 February 2023, the deadline being 30 January) and
 *   returned with a comment — its second half is not in the demo data.
 * - Bình Thuận, year 2022: no report at all (missing, and late since the deadline passed).
 *
 * Loaded after every figure it freezes, in the demo's unaudited maintenance transaction; the
 * snapshots are computed by the same statement an approval runs, so `differences` are empty.
 */
const NATIONAL_ADMIN = 'demo:national_admin';
const HALF_2022 = resolvePeriod({ type: PeriodType.HALF_YEAR, year: 2022, index: 1 });
const YEAR_2022 = resolvePeriod({ type: PeriodType.YEAR, year: 2022 });

const REPORTS = [
  { province: 'lao-cai', period: HALF_2022, state: 'APPROVED', submittedAt: '2022-07-14T02:00:00Z', changedAt: '2022-07-18T03:00:00Z', comment: null },
  ...CLUSTER_2022.map((row, index) => ({
    province: row.province,
    period: YEAR_2022,
    state: 'APPROVED',
    submittedAt: `2023-01-${String(5 + index).padStart(2, '0')}T02:00:00Z`,
    changedAt: '2023-01-20T03:00:00Z',
    comment: null,
  })),
  {
    province: 'lao-cai',
    period: YEAR_2022,
    state: 'RETURNED',
    submittedAt: '2023-02-08T02:00:00Z',
    changedAt: '2023-02-10T03:00:00Z',
    comment: 'Thiếu số liệu 6 tháng cuối năm (cứu trợ, hiến máu); đề nghị bổ sung và gửi lại.'.normalize('NFC'),
  },
] as const;

const reportId = (report: (typeof REPORTS)[number]) => stableId(`red-cross:${report.province}:report:ACTIVITIES:${report.period.type}:${report.period.start}`);

export async function loadPeriodReportDemoData(em: EntityManager): Promise<void> {
  await insertMissing(
    em,
    'red_cross.period_report',
    REPORTS.map((report) => ({
      id: reportId(report),
      organisation_id: stableId(`red-cross:${report.province}`),
      kind: 'ACTIVITIES',
      period_type: report.period.type,
      period_start: report.period.start,
      period_end: report.period.end,
      state: report.state,
      version: report.state === 'APPROVED' ? 1 : 0,
      comment: report.comment,
      missing_children: [],
      changed_at: report.changedAt,
      changed_by: report.state === 'APPROVED' || report.state === 'RETURNED' ? NATIONAL_ADMIN : `demo:${report.province}`,
      submitted_at: report.submittedAt,
    })),
  );
  const approved = REPORTS.filter((report) => report.state === 'APPROVED');
  const figures = await chapterFigures(em, approved.map((report) => ({ chapterId: stableId(`red-cross:${report.province}`), period: report.period })));
  await insertMissing(
    em,
    'red_cross.period_report_snapshot',
    approved.map((report, index) => ({
      report_id: reportId(report),
      version: 1,
      figures: figures[index],
      missing_children: [],
      approved_at: report.changedAt,
      approved_by: NATIONAL_ADMIN,
    })),
  );
}
