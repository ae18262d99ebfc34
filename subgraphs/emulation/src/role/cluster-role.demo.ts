import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '@hoi/common/ids';
import { insertMissing } from '@hoi/common/orm';

/**
 * Roles of the two demo clusters, as the articles in /work/shared/seeds give them. Members are
 * named by the ids demo/demo-data.ts gives them: `<cluster slug>:member:<n>`, n in its order
 * (the 2022 Red Cross cluster: 1 Bắc Giang … 7 Phú Thọ; Khối thi đua 8: 1 the Elderly Association).
 * How the holders were chosen (election or rotation) is said by neither article: null.
 */
export const RED_CROSS_CLUSTER_2022 = 'emulation:red-cross-midland-northern-mountain-2022';
export const BLOC_8_2024 = 'emulation:binh-thuan-bloc-8-2024';
export const memberId = (cluster: string, n: number) => stableId(`${cluster}:member:${n}`);

const ROLES = [
  // 000_7ed1823ee0424dde.txt (review of the Red Cross cluster of 7 midland and northern mountain
  // provinces, 2022): the article, from Bắc Giang, reports the conference with the address of
  // Bắc Giang's provincial leader and Bắc Giang's own record; it does not say "đăng cai" in so many
  // words. Bắc Giang as the host is the brief's reading of it.
  { cluster: RED_CROSS_CLUSTER_2022, role: 'REVIEW_HOST', member: 1, heldBy: null },
  // 000: "giao nhiệm vụ đăng cai giao ban công tác Hội năm 2023 cho Hội CTĐ tỉnh Phú Thọ" (member 7).
  { cluster: RED_CROSS_CLUSTER_2022, role: 'NEXT_YEAR_HOST', member: 7, heldBy: null },
  // 001_9e893f2943e1495d.txt (Khối thi đua 8 of Bình Thuận, 2024): "bà Nguyễn Thị Phúc - Chủ tịch
  // Hội người cao tuổi, Trưởng khối thi đua 8": the head is the Elderly Association (member 1).
  { cluster: BLOC_8_2024, role: 'HEAD', member: 1, heldBy: 'bà Nguyễn Thị Phúc - Chủ tịch Hội người cao tuổi' },
];

export async function loadClusterRoleDemoData(em: EntityManager): Promise<void> {
  await insertMissing(
    em,
    'emulation.cluster_role',
    ROLES.map(({ cluster, role, member, heldBy }) => ({
      id: stableId(`${cluster}:role:${role.toLowerCase().replaceAll('_', '-')}`),
      cluster_id: stableId(cluster),
      role,
      member_id: memberId(cluster, member),
      selection: null,
      held_by: heldBy?.normalize('NFC') ?? null,
    })),
  );
}
