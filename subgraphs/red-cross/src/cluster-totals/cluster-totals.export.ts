import { reportTitle, requireRoot, indicatorTable, type ExportTable } from '@hoi/common/spreadsheet/export';
import type { SummaryExport } from '@hoi/common/spreadsheet/routes';
import type { PeriodAnswer } from '../chapter/chapter-summary.export.ts';
import { completenessTable, COUNTS, type ChapterAnswer } from '../period-report/reporting-completeness.export.ts';

/**
 * A cluster's Red Cross figures (số liệu của cụm thi đua): this subgraph resolves them only for
 * the gateway, from the member ids emulation holds (`@requires`), so these exports run on the
 * supergraph — the gateway's host runs the operation and posts its answer here to be laid out.
 */
type Cluster<T> = { name: string; year: number } & T;
const requireCluster = <T>(data: Record<string, unknown>) => requireRoot<Cluster<T>>(data, 'emulationCluster', 'clusterId', 'no emulation cluster has this id');

/** "Cụm thi đua … (năm thi đua 2022)": of whom, in a title. */
const clusterOf = (cluster: { name: string; year: number }) => `${cluster.name} (năm thi đua ${cluster.year})`;

/** The figures of `RedCrossTotals`, in the order of the federation's report, with their Vietnamese labels. */
export const CLUSTER_TOTALS_LABELS: readonly (readonly [string, string])[] = [
  ['chapters', 'Số đơn vị thành viên được tính'],
  ['grassrootsOrganisations', 'Tổ chức Hội cơ sở'],
  ['branches', 'Chi hội'],
  ['individualMembers', 'Hội viên cá nhân'],
  ['collectiveMembers', 'Hội viên tập thể'],
  ['volunteers', 'Tình nguyện viên'],
  ['casesHelped', 'Lượt hoàn cảnh được trợ giúp (thường xuyên, đột xuất)'],
  ['assistanceValueVnd', 'Giá trị trợ giúp (đồng)'],
  ['reliefValueVnd', 'Giá trị cứu trợ (đồng)'],
];

type Totals = Record<string, string | number> & { period: PeriodAnswer; unapprovedChapterIds: string[] | null; approvedReports: unknown[] | null };

/** " — Số liệu báo cáo đã duyệt của N đơn vị; chưa được duyệt, không tính: …" after a title read with basis APPROVED. */
export const approvedMembersNote = (approved: unknown[] | null, unapproved: string[] | null) =>
  approved == null ? '' : ` — Số liệu báo cáo đã duyệt của ${approved.length} đơn vị${unapproved?.length ? `; chưa được duyệt, không tính (mã): ${unapproved.join(', ')}` : ''}`;

/** `EmulationCluster.redCrossTotals` printed one indicator (chỉ tiêu) a row. */
export const clusterRedCrossTotalsExport: SummaryExport = {
  name: 'cluster-red-cross-totals',
  runsOn: 'supergraph',
  query: `query ClusterRedCrossTotalsExport($clusterId: ID!, $period: PeriodInput!, $basis: ReportBasis = LIVE) {
    emulationCluster(id: $clusterId) {
      name year
      redCrossTotals(period: $period, basis: $basis) {
        period { type year index start end } ${CLUSTER_TOTALS_LABELS.map(([figure]) => figure).join(' ')}
        approvedReports { organisationId } unapprovedChapterIds
      }
    }
  }`,
  table(data): ExportTable {
    const cluster = requireCluster<{ redCrossTotals: Totals }>(data);
    const totals = cluster.redCrossTotals;
    return indicatorTable(reportTitle('Số liệu Hội Chữ thập đỏ của cụm thi đua', clusterOf(cluster), totals.period) + approvedMembersNote(totals.approvedReports, totals.unapprovedChapterIds), CLUSTER_TOTALS_LABELS, totals);
  },
};

/** `EmulationCluster.redCrossCompleteness` printed: a row a state with its count of member chapters, the missing and late ones named. */
export const clusterRedCrossCompletenessExport: SummaryExport = {
  name: 'cluster-red-cross-completeness',
  runsOn: 'supergraph',
  query: `query ClusterRedCrossCompletenessExport($clusterId: ID!, $period: PeriodInput!, $kind: ChapterReportKind) {
    emulationCluster(id: $clusterId) {
      name year
      redCrossCompleteness(period: $period, kind: $kind) { kind period { type year index start end } ${COUNTS} missingChapters { name } lateChapters { name } }
    }
  }`,
  table(data): ExportTable {
    const cluster = requireCluster<{ redCrossCompleteness: ChapterAnswer }>(data);
    return completenessTable(cluster.redCrossCompleteness, clusterOf(cluster), 'các đơn vị thành viên');
  },
};
