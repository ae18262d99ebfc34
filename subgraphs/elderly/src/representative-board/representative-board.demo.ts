import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '@hoi/common/ids';
import { insertMissing } from '@hoi/common/orm';

/**
 * Representative Board seats the articles in /work/shared/seeds name, and nothing more: no name is
 * invented, and what the articles leave open stays null.
 *
 * - 004_a5b3ed521bbe8a72.txt (Thái Nguyên, training of 7 December 2023): "Ông Nguyễn Tiến Lợi,
 *   Phó Trưởng BĐD Hội NCT tỉnh Thái Nguyên phát biểu". A deputy head of the provincial board; the
 *   article gives neither the day he took the seat nor an end, and no outside office, so those are
 *   null (he is listed as on the board, as he was when the article was written). The article
 *   names no head and no other member.
 * - 002_c9f85dad6fbc0c18.txt (Lai Châu, 2019) names no one on Lai Châu's board.
 */
const BOARD_MEMBERS = [
  {
    slug: 'elderly:thai-nguyen:representative-board:deputy-head:nguyen-tien-loi',
    association: 'elderly:thai-nguyen',
    role: 'DEPUTY_HEAD',
    person_name: 'Nguyễn Tiến Lợi',
    outside_role: null,
    started_on: null,
    ended_on: null,
  },
];

export async function loadRepresentativeBoardDemoData(em: EntityManager): Promise<void> {
  await insertMissing(
    em,
    'elderly.representative_board_member',
    BOARD_MEMBERS.map(({ slug, association, person_name, ...seat }) => ({
      id: stableId(slug),
      association_id: stableId(association),
      person_name: person_name.normalize('NFC'),
      ...seat,
    })),
  );
}
