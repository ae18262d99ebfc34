import { notFound } from '@hoi/common/errors';
import type { CompletenessRow } from '@hoi/common/period-report';
import { periodLabel, reportTitle, unitColumn, type ExportColumn } from '@hoi/common/spreadsheet/export';
import type { SummaryExport } from '@hoi/common/spreadsheet/routes';

export type Period = { type: string; year: number; index: number | null; start: string; end: string };

export type Counts = Omit<CompletenessRow, 'groupKey' | 'missingIds' | 'lateIds'>;

export const COUNTS = 'expected missing draft submitted returned approved late';
export const COUNT_COLUMNS: ExportColumn[] = [
  { header: 'Phải báo cáo', kind: 'integer' },
  { header: 'Chưa báo cáo', kind: 'integer' },
  { header: 'Dự thảo', kind: 'integer' },
  { header: 'Đã gửi, chờ duyệt', kind: 'integer', width: 20 },
  { header: 'Bị trả lại', kind: 'integer' },
  { header: 'Đã duyệt', kind: 'integer' },
  { header: 'Nộp muộn', kind: 'integer' },
];
export const counts = (row: Counts) => [row.expected, row.missing, row.draft, row.submitted, row.returned, row.approved, row.late];
export const KIND_LABELS: Record<string, string> = { ACTIVITIES: 'báo cáo kết quả hoạt động' };
export const names = (list: { name: string }[]) => list.map((item) => item.name).join('; ');

interface UnitAnswer {
  elderlyAssociation: {
    name: string;
    reportingCompleteness: Counts & {
      kind: string;
      period: Period;
      missingAssociations: { name: string }[];
      missingClubs: { name: string }[];
      lateAssociations: { name: string }[];
      lateClubs: { name: string }[];
    };
  } | null;
}

/** `ElderlyAssociation.reportingCompleteness` printed: how a unit's child units and clubs have reported, and which have not. */
export const reportingCompletenessExport: SummaryExport = {
  name: 'elderly-reporting-completeness',
  query: `query ReportingCompletenessExport($associationId: ID!, $period: PeriodInput!, $kind: ElderlyReportKind) {
    elderlyAssociation(id: $associationId) {
      name
      reportingCompleteness(period: $period, kind: $kind) {
        kind period { type year index start end } ${COUNTS}
        missingAssociations { name } missingClubs { name } lateAssociations { name } lateClubs { name }
      }
    }
  }`,
  table(data) {
    const unit = (data as unknown as UnitAnswer).elderlyAssociation;
    if (!unit) throw notFound('associationId', 'no association unit has this id');
    const completeness = unit.reportingCompleteness;
    return {
      // The unit's own child units and clubs, listed by name: no unit edition applies.
      title: `Tình hình ${KIND_LABELS[completeness.kind] ?? completeness.kind} của cấp dưới — ${unit.name} — Kỳ: ${periodLabel(completeness.period)}`,
      columns: [
        { header: 'Đơn vị', kind: 'text', width: 32 },
        ...COUNT_COLUMNS,
        { header: 'Đơn vị, CLB chưa báo cáo', kind: 'text', width: 48 },
        { header: 'Đơn vị, CLB nộp muộn', kind: 'text', width: 48 },
      ],
      rows: [[
        unit.name, ...counts(completeness),
        names([...completeness.missingAssociations, ...completeness.missingClubs]),
        names([...completeness.lateAssociations, ...completeness.lateClubs]),
      ]],
    };
  },
};

interface NationalAnswer {
  nationalElderlyReportingCompleteness: {
    kind: string;
    period: Period;
    unitEdition: string;
    /** Its name only in the supergraph's answer (read from `places`); a partner's file prints the id. */
    provinces: (Counts & { province: { id: string; name?: string } | null })[];
  };
}

const nationalQuery = (province: string) => `query NationalReportingCompletenessExport($period: PeriodInput!, $kind: ElderlyReportKind, $unitEdition: UnitEdition = BEFORE_2025) {
    nationalElderlyReportingCompleteness(period: $period, kind: $kind, unitEdition: $unitEdition) {
      kind unitEdition period { type year index start end }
      provinces { province { ${province} } ${COUNTS} }
    }
  }`;

/**
 * `nationalElderlyReportingCompleteness` printed: the country province by province, with a national
 * total. On the gateway's host the provinces by name (read from `places`), on this host by id.
 */
export const nationalReportingCompletenessExport: SummaryExport = {
  name: 'national-elderly-reporting-completeness',
  query: nationalQuery('id'),
  supergraphQuery: nationalQuery('id name'),
  table(data) {
    const national = (data as unknown as NationalAnswer).nationalElderlyReportingCompleteness;
    const total = national.provinces.reduce<Counts>(
      (sum, row) => ({
        expected: sum.expected + row.expected, missing: sum.missing + row.missing, draft: sum.draft + row.draft, submitted: sum.submitted + row.submitted,
        returned: sum.returned + row.returned, approved: sum.approved + row.approved, late: sum.late + row.late,
      }),
      { expected: 0, missing: 0, draft: 0, submitted: 0, returned: 0, approved: 0, late: 0 },
    );
    const unit = unitColumn(national.provinces.map((row) => row.province), 'Tỉnh, thành phố', '(Hội chưa gắn địa bàn)');
    return {
      title: reportTitle(`Tình hình ${KIND_LABELS[national.kind] ?? national.kind} Hội Người cao tuổi`, 'Toàn quốc', national.period, national.unitEdition),
      columns: [{ header: unit.header, kind: 'text', width: 24 }, ...COUNT_COLUMNS],
      rows: [
        ...national.provinces.map((row, index) => [unit.cells[index], ...counts(row)]),
        ['Tổng cộng', ...counts(total)],
      ],
    };
  },
};
