import { notFound } from '@hoi/common/errors';
import { dmy, reportTitle, unitColumn, type ExportColumn } from '@hoi/common/spreadsheet/export';
import type { SummaryExport } from '@hoi/common/spreadsheet/routes';
import { ClubGrouping } from './club-member.type.ts';

interface Share {
  percent: string;
}

interface Figures {
  clubs: number;
  clubsFoundedSince: number | null;
  members: number;
  boardMembers: number;
  ethnicMinorityMembers: number;
  ethnicMinorityShare: Share;
  membersOver55: number;
  over55Share: Share;
  poorMembers: number;
  poorShare: Share;
  nearPoorMembers: number;
  nearPoorShare: Share;
}

interface Answer {
  clubStatistics: {
    period: { type: string; year: number; index: number | null; start: string; end: string };
    groupBy: ClubGrouping | null;
    approvedVersion: number | null;
    total: Figures;
    /** The unit's name only in the supergraph's answer (read from `places`); a partner's file prints the id. */
    rows: (Figures & { unit: { id: string; name?: string } | null })[];
  } | null;
  elderlyAssociation?: { name: string } | null;
}

/** The group's column, and the map its units belong to (the title's unit edition). */
const GROUPS: Record<ClubGrouping, { header: string; edition: string }> = {
  [ClubGrouping.COMMUNE]: { header: 'Xã, phường', edition: 'xã, phường theo địa giới lúc CLB được ghi nhận' },
  [ClubGrouping.OLD_DISTRICT]: { header: 'Huyện, thị xã, thành phố', edition: 'BEFORE_2025' },
  [ClubGrouping.CURRENT_PROVINCE]: { header: 'Tỉnh, thành phố', edition: 'CURRENT' },
};

const FIGURES = `clubs clubsFoundedSince members boardMembers ethnicMinorityMembers ethnicMinorityShare { percent } membersOver55 over55Share { percent }
  poorMembers poorShare { percent } nearPoorMembers nearPoorShare { percent }`;

const clubStatisticsQuery = (unit: string) => `query ClubStatisticsExport($associationId: ID, $period: PeriodInput!, $groupBy: ClubGrouping, $foundedSince: LocalDate, $basis: ReportBasis = LIVE,
    $named: Boolean = false, $unitId: ID = "") {
    clubStatistics(associationId: $associationId, period: $period, groupBy: $groupBy, foundedSince: $foundedSince, basis: $basis) {
      period { type year index start end }
      groupBy approvedVersion
      total { ${FIGURES} }
      rows { unit { ${unit} } ${FIGURES} }
    }
    elderlyAssociation(id: $unitId) @include(if: $named) { name }
  }`;

/**
 * `clubStatistics` printed: clubs and members of a unit's subtree (or the country) at the period's
 * end, with their shares. Its communes, old districts or provinces by name on the gateway's host
 * (the supergraph reads them from `places`), by id on this subgraph's host.
 */
export const clubStatisticsExport: SummaryExport = {
  name: 'club-statistics',
  query: clubStatisticsQuery('id'),
  supergraphQuery: clubStatisticsQuery('id name'),
  // The unit's name for the title, read in the same operation when a unit is named.
  derivedVariables: { named: { given: 'associationId' }, unitId: { copy: 'associationId', otherwise: '' } },
  table(data, variables) {
    const answer = data as unknown as Answer;
    const statistics = answer.clubStatistics;
    if (!statistics) throw notFound('associationId', 'no association unit has this id');
    const group = statistics.groupBy ? GROUPS[statistics.groupBy] : null;
    const foundedSince = typeof variables.foundedSince === 'string' ? variables.foundedSince : null;
    const unit = unitColumn(statistics.rows.map((row) => row.unit), group?.header ?? '', '(Chưa rõ địa bàn)');
    const columns: ExportColumn[] = [
      ...(group ? [{ header: unit.header, kind: 'text' as const, width: 24 }] : []),
      { header: 'Số CLB', kind: 'integer' },
      ...(foundedSince ? [{ header: `Số CLB thành lập từ ${dmy(foundedSince)}`, kind: 'integer' as const, width: 30 }] : []),
      { header: 'Số thành viên', kind: 'integer' },
      { header: 'Thành viên Ban Chủ nhiệm', kind: 'integer', width: 26 },
      { header: 'Thành viên dân tộc thiểu số', kind: 'integer', width: 28 },
      { header: 'Tỷ lệ dân tộc thiểu số (%)', kind: 'decimal', width: 28 },
      { header: 'Thành viên trên 55 tuổi', kind: 'integer', width: 24 },
      { header: 'Tỷ lệ trên 55 tuổi (%)', kind: 'decimal', width: 24 },
      { header: 'Thành viên hộ nghèo', kind: 'integer', width: 22 },
      { header: 'Tỷ lệ hộ nghèo (%)', kind: 'decimal', width: 22 },
      { header: 'Thành viên hộ cận nghèo', kind: 'integer', width: 24 },
      { header: 'Tỷ lệ hộ cận nghèo (%)', kind: 'decimal', width: 24 },
    ];
    const figures = (row: Figures) => [
      row.clubs, ...(foundedSince ? [row.clubsFoundedSince] : []), row.members, row.boardMembers,
      row.ethnicMinorityMembers, row.ethnicMinorityShare.percent, row.membersOver55, row.over55Share.percent,
      row.poorMembers, row.poorShare.percent, row.nearPoorMembers, row.nearPoorShare.percent,
    ];
    const of = answer.elderlyAssociation?.name ?? 'Toàn quốc';
    const approved = statistics.approvedVersion != null ? ` — Số liệu báo cáo đã duyệt (phiên bản ${statistics.approvedVersion})` : '';
    return {
      title: reportTitle('Thống kê CLB Liên thế hệ tự giúp nhau và thành viên', of, statistics.period, group?.edition ?? 'toàn địa bàn, không chia theo đơn vị hành chính') + approved,
      columns,
      rows: [
        ...statistics.rows.map((row, index) => [unit.cells[index], ...figures(row)]),
        [...(group ? ['Tổng cộng'] : []), ...figures(statistics.total)],
      ],
    };
  },
};
