import { notFound } from '@hoi/common/errors';
import { resolvePeriod, type PeriodInput } from '@hoi/common/period';
import { dmy, periodLabel, type ExportColumn } from '@hoi/common/spreadsheet/export';
import type { SummaryExport } from '@hoi/common/spreadsheet/routes';

interface Answer {
  fundStatistics: {
    association: { name: string };
    asOf: string;
    clubs: number;
    totalFund: string;
    contributedOrRaised: string;
    balance: string;
    outOnLoan: string;
    borrowers: number;
    overdueLoans: number;
    overdueAmount: string;
    approvedVersion: number | null;
  } | null;
}

const COLUMNS: ExportColumn[] = [
  { header: 'Số CLB', kind: 'integer' },
  { header: 'Tổng vốn quỹ (đồng)', kind: 'vnd', width: 22 },
  { header: 'Trong đó: thành viên đóng góp, huy động (đồng)', kind: 'vnd', width: 40 },
  { header: 'Tiền mặt tồn quỹ (đồng)', kind: 'vnd', width: 24 },
  { header: 'Dư nợ cho vay (đồng)', kind: 'vnd', width: 22 },
  { header: 'Số người còn nợ', kind: 'integer', width: 18 },
  { header: 'Số khoản vay quá hạn', kind: 'integer', width: 22 },
  { header: 'Nợ quá hạn (đồng)', kind: 'vnd', width: 22 },
];

/** `fundStatistics` printed: the club funds of a unit's subtree on a day, or on a period's last day. */
export const fundStatisticsExport: SummaryExport = {
  name: 'fund-statistics',
  query: `query FundStatisticsExport($associationId: ID!, $asOf: LocalDate, $period: PeriodInput, $basis: ReportBasis = LIVE) {
    fundStatistics(associationId: $associationId, asOf: $asOf, period: $period, basis: $basis) {
      association { name }
      asOf clubs totalFund contributedOrRaised balance outOnLoan borrowers overdueLoans overdueAmount approvedVersion
    }
  }`,
  table(data, variables) {
    const statistics = (data as unknown as Answer).fundStatistics;
    if (!statistics) throw notFound('associationId', 'no association unit has this id');
    // The operation accepted the period, so it resolves.
    const period = variables.period ? `Kỳ: ${periodLabel(resolvePeriod(variables.period as PeriodInput))} — ` : '';
    const approved = statistics.approvedVersion != null ? ` — Số liệu báo cáo đã duyệt (phiên bản ${statistics.approvedVersion})` : '';
    return {
      // The clubs of the unit's subtree, whatever their places: no unit edition applies.
      title: `Thống kê quỹ CLB Liên thế hệ tự giúp nhau — ${statistics.association.name} — ${period}Số liệu đến hết ngày ${dmy(statistics.asOf)}${approved}`,
      columns: COLUMNS,
      rows: [[
        statistics.clubs, statistics.totalFund, statistics.contributedOrRaised, statistics.balance,
        statistics.outOnLoan, statistics.borrowers, statistics.overdueLoans, statistics.overdueAmount,
      ]],
    };
  },
};
