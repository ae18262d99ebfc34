import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '@hoi/common/ids';
import { insertMissing } from '@hoi/common/orm';
import { foldVietnamese } from '@hoi/common/text';
import { generatedPerson } from './generated-people.ts';

/**
 * Lai Châu Elderly Association, first half of 2019 (article 002, Báo Lai Châu, 12 June 2019):
 * "tiếp nhận 1.071 hội viên mới"; "6 tháng đầu năm, đã có 7 CLB tiếp tục ra mắt … nâng tổng số
 * toàn tỉnh lên 18 CLB … Trong số gần 800 thành viên, Ban Chủ nhiệm có 92 thành viên; người dân tộc
 * thiểu số chiếm 67%; 64% thành viên tuổi trên 55; 36 người thuộc hộ nghèo, 92 người cận nghèo".
 *
 * Chosen: 796 members ("gần 800": just under 800), of whom 533 of an ethnic minority (533/796 =
 * 66.96 % → 67 %) and 509 aged over 55 on 30 June 2019 (509/796 = 63.94 % → 64 %); 92 on boards,
 * 36 poor and 92 near-poor, exactly. Clubs 01–11 existed before 2019; 12–18 are the seven founded in
 * the first half of 2019, among them the club of Phong Thổ township, whose launch the article shows.
 * The other clubs' communes are not in the article: their unit is left unknown.
 */
export const LAI_CHAU = 'elderly:lai-chau';
const CLUBS = 18;
const SHAPE = { total: 796, minority: 533, over55: 509, poor: 36, nearPoor: 92, asOf: '2019-06-30' };
const BOARD_SEATS = 92;

export const laiChauClubSlug = (number: number) => `${LAI_CHAU}:club:${String(number).padStart(2, '0')}`;

function clubOf(number: number) {
  const isNew = number > 11;
  const foundedOn = isNew ? `2019-0${1 + ((number - 12) % 6)}-15` : `${number <= 5 ? 2017 : 2018}-${String(1 + (number % 12)).padStart(2, '0')}-10`;
  const name = number === 18 ? 'CLB Liên thế hệ tự giúp nhau thị trấn Phong Thổ' : `CLB Liên thế hệ tự giúp nhau số ${String(number).padStart(2, '0')} tỉnh Lai Châu`;
  return { id: stableId(laiChauClubSlug(number)), name, foundedOn, unitId: number === 18 ? 'BEFORE_2025:03549' : null };
}

export async function loadLaiChau2019DemoData(em: EntityManager): Promise<void> {
  const clubs = Array.from({ length: CLUBS }, (_, index) => clubOf(index + 1));
  await insertMissing(
    em,
    'elderly.club',
    clubs.map((club) => ({
      id: club.id,
      association_id: stableId(LAI_CHAU),
      name: club.name.normalize('NFC'),
      name_folded: foldVietnamese(club.name),
      unit_id: club.unitId,
      founded_on: club.foundedOn,
    })),
  );
  // Members are dealt to clubs in turn; the first five of each club (six in clubs 01–02) sit on its board.
  const members = Array.from({ length: SHAPE.total }, (_, n) => {
    const clubIndex = n % CLUBS;
    const rank = Math.floor(n / CLUBS);
    const seats = 5 + (clubIndex < BOARD_SEATS - 5 * CLUBS ? 1 : 0);
    const person = generatedPerson(n, SHAPE);
    return {
      id: stableId(`${LAI_CHAU}:member:${n}`),
      club_id: clubs[clubIndex].id,
      full_name: person.fullName,
      sex: person.sex,
      birth_date: person.birthDate,
      ethnic_group: person.ethnicGroup,
      poverty_status: person.povertyStatus,
      board_role: rank >= seats ? null : rank === 0 ? 'HEAD' : rank === 1 ? 'DEPUTY_HEAD' : 'BOARD_MEMBER',
      joined_on: clubs[clubIndex].foundedOn,
    };
  });
  await insertMissing(em, 'elderly.club_member', members);
  await insertMissing(em, 'elderly.membership_intake', [
    {
      id: stableId(`${LAI_CHAU}:intake:2019-h1`),
      association_id: stableId(LAI_CHAU),
      period_type: 'HALF_YEAR',
      period_start: '2019-01-01',
      period_end: '2019-06-30',
      new_members: 1_071,
    },
  ]);
}
