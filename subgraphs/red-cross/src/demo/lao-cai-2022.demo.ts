import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '@hoi/common/ids';
import { insertMissing } from '@hoi/common/orm';
import { CAMPAIGNS } from './campaigns.demo.ts';

/**
 * Lào Cai Red Cross, first half of 2022 (article 003, Báo Lào Cai, conference of 14 July 2022).
 *
 * "Tết vì người nghèo và nạn nhân chất độc da cam": "trên 23.500 suất quà … (đạt 109,5% chỉ tiêu
 * trung ương giao) và trao tặng 11 nhà chữ thập đỏ cùng nhiều đồ dùng, nhu yếu phẩm khác với tổng
 * trị giá hơn 13,8 tỷ đồng". Chosen: 23,512 packages (over 23,500) at 400,000 VND; 11 houses at
 * 50,000,000 VND; other goods 3,870,000,000 VND; total 13,824,800,000 VND (over 13.8 billion).
 * The central target is 21,472 packages: 23,512 / 21,472 = 1.09501 → 109.50 % ("109,5%").
 * The article gives no people reached for these: one person per package, one household per house.
 *
 * Humanitarian Month (Tháng Nhân đạo, May 2022): "khởi công 13 nhà Chữ thập đỏ, 7 công trình đường
 * điện chiếu sáng, tổ chức 4 chợ nhân đạo, trao trên 4.100 suất quà, hỗ trợ sinh kế cho 264 gia
 * đình… với 14.150 lượt người được hưởng lợi, tổng trị giá đạt trên 5,4 tỷ đồng". Chosen: 4,126
 * packages (over 4,100); the "…" is the free meals the same article mentions, 3,610 meals, which
 * brings the people reached to exactly 14,150; values add up to 5,431,400,000 VND (over 5.4 billion).
 */
const LAO_CAI = 'red-cross:lao-cai';

const ACTIVITIES = [
  // Tết 2022 fell on 1 February: gifts before it, houses handed over in the spring.
  { slug: 'tet-gifts-1', campaign: CAMPAIGNS.tetForThePoor, kind: 'GIFT_PACKAGES', quantity: 15_000, people: 15_000, value: 6_000_000_000, on: '2022-01-20' },
  { slug: 'tet-gifts-2', campaign: CAMPAIGNS.tetForThePoor, kind: 'GIFT_PACKAGES', quantity: 8_512, people: 8_512, value: 3_404_800_000, on: '2022-01-28' },
  { slug: 'tet-goods', campaign: CAMPAIGNS.tetForThePoor, kind: 'OTHER_SUPPORT', quantity: 1, people: 0, value: 3_870_000_000, on: '2022-01-28' },
  { slug: 'tet-houses', campaign: CAMPAIGNS.tetForThePoor, kind: 'RED_CROSS_HOUSE_HANDED_OVER', quantity: 11, people: 11, value: 550_000_000, on: '2022-04-20' },
  { slug: 'month-houses', campaign: CAMPAIGNS.humanitarianMonth, kind: 'RED_CROSS_HOUSE_STARTED', quantity: 13, people: 58, value: 1_040_000_000, on: '2022-05-08' },
  { slug: 'month-lighting', campaign: CAMPAIGNS.humanitarianMonth, kind: 'LIGHTING_WORKS', quantity: 7, people: 2_100, value: 420_000_000, on: '2022-05-15' },
  { slug: 'month-markets', campaign: CAMPAIGNS.humanitarianMonth, kind: 'HUMANITARIAN_MARKET', quantity: 4, people: 3_200, value: 640_000_000, on: '2022-05-19' },
  { slug: 'month-gifts', campaign: CAMPAIGNS.humanitarianMonth, kind: 'GIFT_PACKAGES', quantity: 4_126, people: 4_126, value: 1_650_400_000, on: '2022-05-22' },
  { slug: 'month-livelihood', campaign: CAMPAIGNS.humanitarianMonth, kind: 'LIVELIHOOD_SUPPORT', quantity: 264, people: 1_056, value: 1_320_000_000, on: '2022-05-26' },
  { slug: 'month-meals', campaign: CAMPAIGNS.humanitarianMonth, kind: 'FREE_MEALS', quantity: 3_610, people: 3_610, value: 361_000_000, on: '2022-05-31' },
];

export const LAO_CAI_TET_TARGET = { slug: 'red-cross:target:lao-cai-tet-2022-gifts', value: 21_472 };

export async function loadLaoCai2022DemoData(em: EntityManager): Promise<void> {
  await insertMissing(
    em,
    'red_cross.relief_activity',
    ACTIVITIES.map((activity) => ({
      id: stableId(`${LAO_CAI}:2022:${activity.slug}`),
      chapter_id: stableId(LAO_CAI),
      campaign_id: stableId(activity.campaign.slug),
      kind: activity.kind,
      quantity: activity.quantity,
      people_reached: activity.people,
      value_vnd: activity.value,
      occurred_on: activity.on,
    })),
  );
  await insertMissing(em, 'red_cross.target', [
    {
      id: stableId(LAO_CAI_TET_TARGET.slug),
      setter_chapter_id: stableId('red-cross:national'),
      chapter_id: stableId(LAO_CAI),
      metric: 'GIFT_PACKAGES',
      campaign_id: stableId(CAMPAIGNS.tetForThePoor.slug),
      period_type: 'HALF_YEAR',
      period_start: '2022-01-01',
      period_end: '2022-06-30',
      value: LAO_CAI_TET_TARGET.value,
    },
  ]);
}
