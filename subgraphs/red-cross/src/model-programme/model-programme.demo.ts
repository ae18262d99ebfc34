import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '@hoi/common/ids';
import { insertMissing } from '@hoi/common/orm';

/**
 * Model programmes (mô hình điểm, mẫu) registered for 2023 at the 2022 review conference of the
 * Red Cross emulation cluster of the 7 midland and northern mountain provinces (seeds/000):
 * "Tỉnh Bắc Giang với mô hình “Phát triển điểm, trạm sơ cứu CTĐ” và “Mỗi tổ chức, cá nhân gắn với
 * một địa chỉ nhân đạo”; tỉnh Hoà Bình với mô hình “Dinh dưỡng cho trẻ em nghèo, khuyết tật”; tỉnh
 * Phú Thọ xây dựng mô hình “Hỗ trợ sinh kế, phát triển kinh tế gia đình hội viên nghèo”…"
 * The names are as the article writes them; it gives no descriptions.
 */
const REGISTERED_2023 = [
  { chapter: 'red-cross:bac-giang', key: 'first-aid-points', name: 'Phát triển điểm, trạm sơ cứu CTĐ' },
  { chapter: 'red-cross:bac-giang', key: 'humanitarian-address', name: 'Mỗi tổ chức, cá nhân gắn với một địa chỉ nhân đạo' },
  { chapter: 'red-cross:hoa-binh', key: 'child-nutrition', name: 'Dinh dưỡng cho trẻ em nghèo, khuyết tật' },
  { chapter: 'red-cross:phu-tho', key: 'livelihood-support', name: 'Hỗ trợ sinh kế, phát triển kinh tế gia đình hội viên nghèo' },
];

export async function loadModelProgrammeDemoData(em: EntityManager): Promise<void> {
  await insertMissing(
    em,
    'red_cross.model_programme',
    REGISTERED_2023.map((programme) => ({
      id: stableId(`${programme.chapter}:model-programme:2023:${programme.key}`),
      chapter_id: stableId(programme.chapter),
      year: 2023,
      name: programme.name.normalize('NFC'),
      description: null,
    })),
  );
}
