import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '@hoi/common/ids';
import { insertMissing } from '@hoi/common/orm';

/**
 * The Red Cross emulation cluster of 7 midland and northern mountain provinces, 2022 (article 000,
 * review conference): "toàn cụm có gần 1,5 nghìn tổ chức Hội cơ sở, hơn 15 nghìn chi hội với gần
 * 380 nghìn Hội viên cá nhân, 31 hội viên tập thể … trợ giúp thường xuyên, đột xuất hơn 622 nghìn
 * lượt hoàn cảnh khó khăn, tai nạn với số tiền hơn 260 tỷ đồng".
 *
 * The article gives only the cluster's sums; these per-province values are chosen so that:
 * - grassroots organisations sum to 1,487 — "gần 1,5 nghìn" (nearly 1.5 thousand, just under);
 * - branches sum to 15,126 — "hơn 15 nghìn" (over 15 thousand);
 * - individual members sum to 379,468 — "gần 380 nghìn" (nearly 380 thousand, just under);
 * - collective members sum to 31, exactly;
 * - cases helped sum to 622,385 — "hơn 622 nghìn"; their value to 260,418,500,000 VND — "hơn 260 tỷ".
 * Volunteers are not in the article: illustrative values. Each province's yearly assistance is one
 * yearly batch per kind dated 31 December 2022; a fifth of each province's cases and money (rounded
 * down) is recorded as emergency assistance, the rest as regular: the article does not split them.
 */
export const CLUSTER_2022 = [
  { province: 'bac-giang', grassroots: 262, branches: 2_310, individual: 68_420, collective: 6, volunteers: 3_100, cases: 118_240, value: 49_870_000_000 },
  { province: 'thai-nguyen', grassroots: 215, branches: 2_105, individual: 56_310, collective: 5, volunteers: 2_750, cases: 96_150, value: 41_230_000_000 },
  { province: 'hoa-binh', grassroots: 198, branches: 2_240, individual: 49_870, collective: 4, volunteers: 2_200, cases: 78_420, value: 30_150_000_000 },
  { province: 'tuyen-quang', grassroots: 160, branches: 1_995, individual: 45_210, collective: 4, volunteers: 1_980, cases: 74_310, value: 28_640_500_000 },
  { province: 'bac-kan', grassroots: 124, branches: 1_420, individual: 24_650, collective: 2, volunteers: 1_150, cases: 41_265, value: 17_318_000_000 },
  { province: 'yen-bai', grassroots: 210, branches: 1_756, individual: 47_318, collective: 3, volunteers: 2_060, cases: 82_600, value: 33_460_000_000 },
  { province: 'phu-tho', grassroots: 318, branches: 3_300, individual: 87_690, collective: 7, volunteers: 4_300, cases: 131_400, value: 59_750_000_000 },
];

export async function loadCluster2022DemoData(em: EntityManager): Promise<void> {
  await insertMissing(
    em,
    'red_cross.membership_report',
    CLUSTER_2022.map((row) => ({
      id: stableId(`red-cross:${row.province}:membership:2022`),
      chapter_id: stableId(`red-cross:${row.province}`),
      period_type: 'YEAR',
      period_start: '2022-01-01',
      period_end: '2022-12-31',
      grassroots_organisations: row.grassroots,
      branches: row.branches,
      individual_members: row.individual,
      collective_members: row.collective,
      volunteers: row.volunteers,
    })),
  );
  await insertMissing(
    em,
    'red_cross.relief_activity',
    CLUSTER_2022.flatMap((row) => {
      const emergency = { cases: Math.floor(row.cases / 5), value: Math.floor(row.value / 5) };
      const regular = { cases: row.cases - emergency.cases, value: row.value - emergency.value };
      return [
        ['REGULAR_ASSISTANCE', regular],
        ['EMERGENCY_ASSISTANCE', emergency],
      ].map(([kind, figures]) => ({
        id: stableId(`red-cross:${row.province}:2022:${kind}`),
        chapter_id: stableId(`red-cross:${row.province}`),
        campaign_id: null,
        kind,
        quantity: (figures as typeof regular).cases,
        people_reached: (figures as typeof regular).cases,
        value_vnd: (figures as typeof regular).value,
        occurred_on: '2022-12-31',
        note: 'Yearly batch (báo cáo năm 2022)',
      }));
    }),
  );
}
