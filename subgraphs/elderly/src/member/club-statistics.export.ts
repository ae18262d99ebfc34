import { notFound } from '@hoi/common/errors';
import { dmy, reportTitle, type ExportColumn } from '@hoi/common/spreadsheet/export';
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
    rows: (Figures & { unit: { id: string } | null })[];
  } | null;
  elderlyAssociation?: { name: string } | null;
}

/** The group's column, and the map its units belong to (the title's unit edition). */
const GROUPS: Record<ClubGrouping, { header: string; edition: string }> = {
  [ClubGrouping.COMMUNE]: { header: 'Xã, phường (mã)', edition: 'xã, phường theo địa giới lúc CLB được ghi nhận' },
  [ClubGrouping.OLD_DISTRICT]: { header: 'Huyện, thị xã, thành phố (mã)', edition: 'BEFORE_2025' },
  [ClubGrouping.CURRENT_PROVINCE]: { header: 'Tỉnh, thành phố (mã)', edition: 'CURRENT' },
};

const FIGURES = `clubs clubsFoundedSince members boardMembers ethnicMinorityMembers ethnicMinorityShare { percent } membersOver55 over55Share { percent }
  poorMembers poorShare { percent } nearPoorMembers nearPoorShare { percent }`;

/** `clubStatistics` printed: clubs and members of a unit's subtree (or the country) at the period's end, with their shares. */
export const clubStatisticsExport: SummaryExport = {
  name: 'club-statistics',
  query: `query ClubStatisticsExport($associationId: ID, $period: PeriodInput!, $groupBy: ClubGrouping, $foundedSince: LocalDate, $basis: ReportBasis = LIVE,
    $named: Boolean = false, $unitId: ID = "") {
    clubStatistics(associationId: $associationId, period: $period, groupBy: $groupBy, foundedSince: $foundedSince, basis: $basis) {
      period { type year index start end }
      groupBy approvedVersion
      total { ${FIGURES} }
      rows { unit { id } ${FIGURES} }
    }
    elderlyAssociation(id: $unitId) @include(if: $named) { name }
  }`,
  // The unit's name for the title, read in the same operation when a unit is named.
  variables: (fromQuery) => ({ named: fromQuery.associationId != null, unitId: String(fromQuery.associationId ?? '') }),
  table(data, variables) {
    const answer = data as unknown as Answer;
    const statistics = answer.clubStatistics;
    if (!statistics) throw notFound('associationId', 'no association unit has this id');
    const group = statistics.groupBy ? GROUPS[statistics.groupBy] : null;
    const foundedSince = typeof variables.foundedSince === 'string' ? variables.foundedSince : null;
    const columns: ExportColumn[] = [
      ...(group ? [{ header: group.header, kind: 'text' as const, width: 24 }] : []),
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
        ...statistics.rows.map((row) => [row.unit?.id ?? '(Chưa rõ địa bàn)', ...figures(row)]),
        [...(group ? ['Tổng cộng'] : []), ...figures(statistics.total)],
      ],
    };
  },
};
