import { describe, expect, it } from 'vitest';
import { FIGURE_REQUESTS } from './figure-requests.ts';
import { gatewayUrl, graphql } from './graphql.ts';

const { laiChauClubStatistics, laiChauIntakes, thaiNguyenClubsByOldDistrict, thaiNguyenClubsByCurrentProvince, thaiNguyenApprovedReport2023 } = FIGURE_REQUESTS;

describe('the articles\' Elderly Association figures, through the gateway', () => {
  it('Lai Châu, first half of 2019: 1,071 new members, 18 clubs of which 7 new, and their members', async () => {
    const result = await graphql<{ clubStatistics: { total: Record<string, any> } }>(gatewayUrl(), laiChauClubStatistics.query, laiChauClubStatistics.variables);
    const total = result.data!.clubStatistics.total;
    expect(total).toEqual({
      clubs: 18, // "nâng tổng số toàn tỉnh lên 18 CLB"
      clubsFoundedSince: 7, // "7 CLB tiếp tục ra mắt"
      members: 796, // "gần 800 thành viên"
      boardMembers: 92, // "Ban Chủ nhiệm có 92 thành viên"
      ethnicMinorityMembers: 533,
      ethnicMinorityShare: { percent: '66.96' },
      membersOver55: 509,
      over55Share: { percent: '63.94' },
      poorMembers: 36, // "36 người thuộc hộ nghèo"
      nearPoorMembers: 92, // "92 người cận nghèo"
    });
    expect(Math.round(Number(total.ethnicMinorityShare.percent))).toBe(67); // "chiếm 67%"
    expect(Math.round(Number(total.over55Share.percent))).toBe(64); // "64% thành viên tuổi trên 55"
    expect(total.members < 800 && Math.round(total.members / 100) * 100 === 800).toBe(true);

    const intake = await graphql(gatewayUrl(), laiChauIntakes.query, laiChauIntakes.variables);
    expect(intake).toEqual({
      data: { elderlyAssociation: { membershipIntakes: [{ period: { start: '2019-01-01', end: '2019-06-30' }, newMembers: 1_071 }] } },
    });
  });

  it('Thái Nguyên, 2023: 192 clubs with 8,325 members, by locality, 87 founded since 2019', async () => {
    const byDistrict = await graphql<{ clubStatistics: { total: Record<string, number>; rows: { unit: { name: string } | null; clubs: number }[] } }>(
      gatewayUrl(),
      thaiNguyenClubsByOldDistrict.query,
      thaiNguyenClubsByOldDistrict.variables,
    );
    const { total, rows } = byDistrict.data!.clubStatistics;
    expect([total.clubs, total.members, total.clubsFoundedSince]).toEqual([192, 8_325, 87]);
    expect(Object.fromEntries(rows.map((row) => [row.unit?.name ?? 'not assigned', row.clubs]))).toEqual({
      'Thành phố Thái Nguyên': 42,
      'Thành phố Phổ Yên': 36,
      'Thành phố Sông Công': 8,
      'Huyện Phú Lương': 49,
      'Huyện Phú Bình': 33,
      'Huyện Đại Từ': 11,
      'Huyện Định Hóa': 2,
      'Huyện Võ Nhai': 2,
      'not assigned': 9, // the article's localities add up to 183
    });

    const byProvince = await graphql(gatewayUrl(), thaiNguyenClubsByCurrentProvince.query, thaiNguyenClubsByCurrentProvince.variables);
    expect(byProvince).toMatchObject({ data: { clubStatistics: { rows: [{ unit: { name: 'Tỉnh Thái Nguyên' }, clubs: 192 }] } } });
  });

  it('Thái Nguyên, 2023, as approved: version 1 of the province\'s report holds the 192 clubs and 8,325 members', async () => {
    const answer = await graphql(gatewayUrl(), thaiNguyenApprovedReport2023.query, thaiNguyenApprovedReport2023.variables);
    const article = { clubsAndMembers: { clubs: 192, members: 8_325 } };
    expect(answer).toEqual({
      data: {
        elderlyAssociation: {
          periodReports: [{
            kind: 'ACTIVITIES',
            state: 'APPROVED',
            version: 1,
            missingChildIds: [], // every district and club approved first
            differences: [], // the records still agree with what was approved
            figures: { ...article, fundClubs: 192 },
            snapshots: [{ version: 1, figures: article }],
          }],
        },
      },
    });
  });
});
