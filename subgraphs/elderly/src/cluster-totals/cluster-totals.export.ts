import { periodLabel, reportTitle, requireRoot, indicatorTable, type ExportTable } from '@hoi/common/spreadsheet/export';
import type { SummaryExport } from '@hoi/common/spreadsheet/routes';
import { COUNT_COLUMNS, COUNTS, counts, KIND_LABELS, names, type Counts, type Period } from '../period-report/reporting-completeness.export.ts';

/**
 * A cluster's Elderly Association figures (số liệu Hội Người cao tuổi của cụm, khối thi đua): this
 * subgraph resolves them only for the gateway, from the member ids emulation holds (`@requires`),
 * so these exports run on the supergraph — the gateway's host runs the operation and posts its
 * answer here to be laid out.
 */
type Cluster<T> = { name: string; year: number } & T;
const requireCluster = <T>(data: Record<string, unknown>) => requireRoot<Cluster<T>>(data, 'emulationCluster', 'clusterId', 'no emulation cluster has this id');

/** "Khối … (năm thi đua 2024)": of whom, in a title. */
const clusterOf = (cluster: { name: string; year: number }) => `${cluster.name} (năm thi đua ${cluster.year})`;

/** The figures of `ElderlyTotals`, in print order, with their Vietnamese labels. */
export const CLUSTER_TOTALS_LABELS: readonly (readonly [string, string])[] = [
  ['associations', 'Số Hội thành viên được tính'],
  ['clubs', 'Số CLB Liên thế hệ tự giúp nhau'],
  ['members', 'Số thành viên CLB'],
  ['totalFund', 'Tổng vốn quỹ (đồng)'],
  ['contributedOrRaised', 'Trong đó: thành viên đóng góp, huy động (đồng)'],
  ['outOnLoan', 'Dư nợ cho vay (đồng)'],
  ['borrowers', 'Số người còn nợ'],
];

type Totals = Record<string, string | number> & { period: Period; approvedReports: unknown[] | null; unapprovedAssociationIds: string[] | null };

/** `EmulationCluster.elderlyTotals` printed one indicator (chỉ tiêu) a row. */
export const clusterElderlyTotalsExport: SummaryExport = {
  name: 'cluster-elderly-totals',
  runsOn: 'supergraph',
  query: `query ClusterElderlyTotalsExport($clusterId: ID!, $period: PeriodInput!, $basis: ReportBasis = LIVE) {
    emulationCluster(id: $clusterId) {
      name year
      elderlyTotals(period: $period, basis: $basis) {
        period { type year index start end } ${CLUSTER_TOTALS_LABELS.map(([figure]) => figure).join(' ')}
        approvedReports { organisationId } unapprovedAssociationIds
      }
    }
  }`,
  table(data): ExportTable {
    const cluster = requireCluster<{ elderlyTotals: Totals }>(data);
    const totals = cluster.elderlyTotals;
    const unapproved = totals.unapprovedAssociationIds?.length ? `; chưa được duyệt, không tính (mã): ${totals.unapprovedAssociationIds.join(', ')}` : '';
    const approved = totals.approvedReports ? ` — Số liệu báo cáo đã duyệt của ${totals.approvedReports.length} Hội${unapproved}` : '';
    return indicatorTable(reportTitle('Số liệu Hội Người cao tuổi của cụm, khối thi đua', clusterOf(cluster), totals.period) + approved, CLUSTER_TOTALS_LABELS, totals);
  },
};

type Completeness = Counts & { kind: string; period: Period; missingAssociations: { name: string }[]; lateAssociations: { name: string }[] };

/** `EmulationCluster.elderlyCompleteness` printed: the member associations' counts by state, the missing and late ones by name. */
export const clusterElderlyCompletenessExport: SummaryExport = {
  name: 'cluster-elderly-completeness',
  runsOn: 'supergraph',
  query: `query ClusterElderlyCompletenessExport($clusterId: ID!, $period: PeriodInput!, $kind: ElderlyReportKind) {
    emulationCluster(id: $clusterId) {
      name year
      elderlyCompleteness(period: $period, kind: $kind) {
        kind period { type year index start end } ${COUNTS} missingAssociations { name } lateAssociations { name }
      }
    }
  }`,
  table(data): ExportTable {
    const cluster = requireCluster<{ elderlyCompleteness: Completeness }>(data);
    const completeness = cluster.elderlyCompleteness;
    return {
      title: `Tình hình ${KIND_LABELS[completeness.kind] ?? completeness.kind} của các Hội thành viên — ${clusterOf(cluster)} — Kỳ: ${periodLabel(completeness.period)}`,
      columns: [
        { header: 'Cụm, khối thi đua', kind: 'text', width: 32 },
        ...COUNT_COLUMNS,
        { header: 'Hội chưa báo cáo', kind: 'text', width: 48 },
        { header: 'Hội nộp muộn', kind: 'text', width: 48 },
      ],
      rows: [[cluster.name, ...counts(completeness), names(completeness.missingAssociations), names(completeness.lateAssociations)]],
    };
  },
};
