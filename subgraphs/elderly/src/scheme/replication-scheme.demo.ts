import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '@hoi/common/ids';
import { insertMissing } from '@hoi/common/orm';

/**
 * Lai Châu's provincial scheme for the clubs, from the article "Hội NCT tỉnh Lai Châu: Hiệu quả
 * từ sự nỗ lực vượt bậc" (12 June 2019, seeds/002):
 *
 *   "Thực hiện Quyết định của UBND tỉnh về đề án thành lập CLB Liên thế hệ tự giúp nhau (LTHTGN)
 *   giai đoạn 2017 - 2020, 6 tháng đầu năm, đã có 7 CLB tiếp tục ra mắt đi vào hoạt động, nâng
 *   tổng số toàn tỉnh lên 18 CLB theo mô hình này."
 *
 * The scheme was approved by a decision of the provincial People's Committee (UBND tỉnh Lai Châu)
 * and carried out by the provincial Elderly Association; its period is the years 2017 to 2020.
 * The article gives no target number of clubs, so none is recorded: progress then reports the
 * clubs founded in the period and no basis points.
 */
export const LAI_CHAU = stableId('elderly:lai-chau');
export const LAI_CHAU_SCHEME_2017_2020 = stableId('elderly:lai-chau:scheme:2017-2020');

export async function loadReplicationSchemeDemoData(em: EntityManager): Promise<void> {
  await insertMissing(em, 'elderly.replication_scheme', [
    {
      id: LAI_CHAU_SCHEME_2017_2020,
      association_id: LAI_CHAU,
      name: 'Đề án thành lập CLB Liên thế hệ tự giúp nhau giai đoạn 2017 - 2020'.normalize('NFC'),
      approved_by: 'Ủy ban nhân dân tỉnh Lai Châu'.normalize('NFC'),
      starts_on: '2017-01-01',
      ends_on: '2020-12-31',
      target_clubs: null,
    },
  ]);
}
