import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '@hoi/common/ids';
import { insertMissing } from '@hoi/common/orm';

/**
 * The training of Thái Nguyên's Elderly Association on 7 December 2023, from the article
 * "Hội NCT tỉnh Thái Nguyên: Tập huấn nghiệp vụ CLB liên thế hệ tự giúp nhau năm 2023" (seeds/004):
 *
 *   "Sáng 7/12, Hội NCT tỉnh Thái Nguyên phối hợp với Sở Lao động – Thương binh và Xã hội
 *   (LĐ-TB&XH) tỉnh tổ chức tập huấn nâng cao nghiệp vụ quản lí, vận hành và nhân rộng CLB Liên
 *   thế hệ tự giúp nhau (LTHTGN) năm 2023. Tham dự có lãnh đạo Sở LĐ-TB&XH tỉnh, Hội Liên hiệp Phụ
 *   nữ tỉnh, Viện Nghiên cứu và Phát triển Chăm sóc Sức khỏe cộng đồng (SKCĐ), 36 Chủ tịch Hội NCT
 *   các phường, xã và 98 Chủ nhiệm CLB."
 *
 * - Title: the article's words for what was held, without its "(LTHTGN)" gloss.
 * - Place: the province (BEFORE_2025:19, Thái Nguyên before the 2025 reform); the article names
 *   no venue, so none is recorded.
 * - Partners: the Department co-organised; the Women's Union and the institute attended through
 *   their leaders. "tỉnh" in the article is Thái Nguyên; the institute is not a provincial body.
 * - Participants: 36 commune and ward association chairs, 98 club heads; the article gives no
 *   other count, so no OTHER row (the leaders of the partners are not counted).
 */
export const THAI_NGUYEN = stableId('elderly:thai-nguyen');
export const THAI_NGUYEN_TRAINING_2023 = stableId('elderly:thai-nguyen:training:2023-12-07');

const TRAININGS = [
  {
    id: THAI_NGUYEN_TRAINING_2023,
    associationId: THAI_NGUYEN,
    title: 'Tập huấn nâng cao nghiệp vụ quản lí, vận hành và nhân rộng CLB Liên thế hệ tự giúp nhau năm 2023',
    heldOn: '2023-12-07',
    unitId: 'BEFORE_2025:19',
    venue: null,
    partners: [
      { name: 'Sở Lao động – Thương binh và Xã hội tỉnh Thái Nguyên', role: 'CO_ORGANISER' },
      { name: 'Hội Liên hiệp Phụ nữ tỉnh Thái Nguyên', role: 'ATTENDING' },
      { name: 'Viện Nghiên cứu và Phát triển Chăm sóc Sức khỏe cộng đồng', role: 'ATTENDING' },
    ],
    participants: [
      { role: 'ASSOCIATION_CHAIR', count: 36 },
      { role: 'CLUB_HEAD', count: 98 },
    ],
  },
];

export async function loadTrainingDemoData(em: EntityManager): Promise<void> {
  await insertMissing(
    em,
    'elderly.training',
    TRAININGS.map((training) => ({
      id: training.id,
      association_id: training.associationId,
      title: training.title.normalize('NFC'),
      held_on: training.heldOn,
      unit_id: training.unitId,
      venue: training.venue,
    })),
  );
  await insertMissing(
    em,
    'elderly.training_partner',
    TRAININGS.flatMap((training) =>
      training.partners.map((partner, position) => ({ training_id: training.id, position, name: partner.name.normalize('NFC'), role: partner.role })),
    ),
  );
  await insertMissing(
    em,
    'elderly.training_participation',
    TRAININGS.flatMap((training) => training.participants.map((participant) => ({ training_id: training.id, role: participant.role, headcount: participant.count }))),
  );
}
