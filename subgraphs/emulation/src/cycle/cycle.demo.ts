import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '@hoi/common/ids';
import { insertMissing } from '@hoi/common/orm';

/**
 * The yearly cycle of the Red Cross emulation cluster of the 7 midland and northern mountain
 * provinces, as article 000_7ed1823ee0424dde.txt (/work/shared/seeds) tells it, and nothing more.
 *
 * 2022: the review conference "cũng suy tôn các danh hiệu thi đua năm 2022": the cycle is at
 * TITLES_VOTED. The article gives neither the day of the conference nor any criteria, scores or
 * ranking, nor which member got which title: every date stays null, and no criterion, score,
 * title or proposal is recorded (none is invented).
 *
 * 2023: "Năm 2023 … Một số địa phương đăng ký xây dựng mô hình điểm, mẫu như: Tỉnh Bắc Giang với mô
 * hình “Phát triển điểm, trạm sơ cứu CTĐ” và “Mỗi tổ chức, cá nhân gắn với một địa chỉ nhân đạo”;
 * tỉnh Hoà Bình với mô hình “Dinh dưỡng cho trẻ em nghèo, khuyết tật”; tỉnh Phú Thọ xây dựng mô
 * hình “Hỗ trợ sinh kế, phát triển kinh tế gia đình hội viên nghèo”…". These are registrations of
 * the next cycle: a 2023 row of the same cluster, with the same 7 members (own stable ids, same
 * order), at REGISTRATION. They were registered at the 2022 review, whose day is not given:
 * registeredOn null. The red-cross subgraph keeps the same programmes as its chapters' own model
 * programmes (red_cross.model_programme); these rows are the cluster's record of the registration.
 */
export const RED_CROSS_CLUSTER_2022 = 'emulation:red-cross-midland-northern-mountain-2022';
export const RED_CROSS_CLUSTER_2023 = 'emulation:red-cross-midland-northern-mountain-2023';

/** The members, in the order of demo/demo-data.ts and of the article. */
const PROVINCES = ['bac-giang', 'thai-nguyen', 'hoa-binh', 'tuyen-quang', 'bac-kan', 'yen-bai', 'phu-tho'];
const member2023 = (n: number) => stableId(`${RED_CROSS_CLUSTER_2023}:member:${n}`);

const REGISTRATIONS_2023 = [
  { member: 1, key: 'first-aid-points', title: 'Phát triển điểm, trạm sơ cứu CTĐ' }, // Bắc Giang
  { member: 1, key: 'humanitarian-address', title: 'Mỗi tổ chức, cá nhân gắn với một địa chỉ nhân đạo' }, // Bắc Giang
  { member: 3, key: 'child-nutrition', title: 'Dinh dưỡng cho trẻ em nghèo, khuyết tật' }, // Hòa Bình
  { member: 7, key: 'livelihood-support', title: 'Hỗ trợ sinh kế, phát triển kinh tế gia đình hội viên nghèo' }, // Phú Thọ
];

export async function loadCycleDemoData(em: EntityManager): Promise<void> {
  await insertMissing(em, 'emulation.cluster', [
    {
      id: stableId(RED_CROSS_CLUSTER_2023),
      name: 'Cụm thi đua Hội Chữ thập đỏ 7 tỉnh trung du và miền núi phía Bắc'.normalize('NFC'),
      kind: 'SAME_ASSOCIATION_ACROSS_PROVINCES',
      year: 2023,
      unit_id: null,
    },
  ]);
  await insertMissing(
    em,
    'emulation.cluster_member',
    PROVINCES.map((province, index) => ({
      id: member2023(index + 1),
      cluster_id: stableId(RED_CROSS_CLUSTER_2023),
      position: index + 1,
      chapter_id: stableId(`red-cross:${province}`),
      elderly_association_id: null,
      external_organisation_id: null,
    })),
  );
  await insertMissing(em, 'emulation.cycle', [
    // The titles of 2022 were voted ("suy tôn"); the day is not in the article.
    { cluster_id: stableId(RED_CROSS_CLUSTER_2022), stage: 'TITLES_VOTED', criteria_set_on: null, scoring_started_on: null, ranked_on: null, titles_voted_on: null },
    { cluster_id: stableId(RED_CROSS_CLUSTER_2023), stage: 'REGISTRATION', criteria_set_on: null, scoring_started_on: null, ranked_on: null, titles_voted_on: null },
  ]);
  await insertMissing(
    em,
    'emulation.registration',
    REGISTRATIONS_2023.map(({ member, key, title }) => ({
      id: stableId(`${RED_CROSS_CLUSTER_2023}:registration:${key}`),
      cluster_id: stableId(RED_CROSS_CLUSTER_2023),
      member_id: member2023(member),
      kind: 'MODEL_PROGRAMME',
      title: title.normalize('NFC'),
      description: null,
      registered_on: null,
    })),
  );
}
