import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '@hoi/common/ids';
import { insertMissing, sql } from '@hoi/common/orm';
import { foldVietnamese } from '@hoi/common/text';
import { generatedPerson } from './generated-people.ts';

/**
 * Thái Nguyên Elderly Association, 2023 (article 004, training of 7 December 2023): "toàn tỉnh có
 * 192 CLB LTHTGN với 8.325 thành viên. Trong đó, TP Thái Nguyên có 42 CLB, TP Phổ Yên 36 CLB, TP
 * Sông Công có 8 CLB; huyện Phú Lương có 49 CLB, huyện Phú Bình 33, Đại Từ có 11, Định Hóa và Võ Nhai
 * đều có 2 CLB. Từ năm 2019 đến nay, thành lập 87 CLB mới."
 *
 * The localities add up to 183: the article leaves 9 clubs without one, so those 9 are kept under
 * the provincial association with no unit. Each named locality gets a district association; its
 * clubs are spread over its communes in code order. 87 clubs are founded from 2019 to 2023, the
 * others from 2010 to 2018. Members: 8,325 in all, 44 in each of the first 69 clubs and 43 in the
 * rest; their ethnicity, age and poverty are not in the article (illustrative shares).
 */
export const THAI_NGUYEN = 'elderly:thai-nguyen';
const LOCALITIES = [
  { slug: 'tp-thai-nguyen', name: 'Hội Người cao tuổi thành phố Thái Nguyên', unit: 'BEFORE_2025:164', clubs: 42 },
  { slug: 'tp-pho-yen', name: 'Hội Người cao tuổi thành phố Phổ Yên', unit: 'BEFORE_2025:172', clubs: 36 },
  { slug: 'tp-song-cong', name: 'Hội Người cao tuổi thành phố Sông Công', unit: 'BEFORE_2025:165', clubs: 8 },
  { slug: 'phu-luong', name: 'Hội Người cao tuổi huyện Phú Lương', unit: 'BEFORE_2025:168', clubs: 49 },
  { slug: 'phu-binh', name: 'Hội Người cao tuổi huyện Phú Bình', unit: 'BEFORE_2025:173', clubs: 33 },
  { slug: 'dai-tu', name: 'Hội Người cao tuổi huyện Đại Từ', unit: 'BEFORE_2025:171', clubs: 11 },
  { slug: 'dinh-hoa', name: 'Hội Người cao tuổi huyện Định Hóa', unit: 'BEFORE_2025:167', clubs: 2 },
  { slug: 'vo-nhai', name: 'Hội Người cao tuổi huyện Võ Nhai', unit: 'BEFORE_2025:170', clubs: 2 },
];
/** The district associations' slugs, under the province's. */
export const THAI_NGUYEN_DISTRICTS = LOCALITIES.map((locality) => `${THAI_NGUYEN}:${locality.slug}`);
const UNASSIGNED = 9;
const TOTAL_CLUBS = 192;
const FOUNDED_SINCE_2019 = 87;
const SHAPE = { total: 8_325, minority: 1_249, over55: 5_828, poor: 250, nearPoor: 416, asOf: '2023-12-31' };

export async function loadThaiNguyen2023DemoData(em: EntityManager): Promise<void> {
  await insertMissing(
    em,
    'elderly.association',
    LOCALITIES.map((locality) => ({
      id: stableId(`${THAI_NGUYEN}:${locality.slug}`),
      parent_id: stableId(THAI_NGUYEN),
      level: 'DISTRICT',
      name: locality.name.normalize('NFC'),
      name_folded: foldVietnamese(locality.name),
      unit_id: locality.unit,
    })),
  );
  // The communes of each district, from the shared read-only reference schema.
  const communes = await sql<{ parentId: string; id: string; name: string }>(
    em,
    `select parent_id as "parentId", id, name from places.administrative_unit where parent_id in (?) and level = 'COMMUNE' order by code`,
    [LOCALITIES.map((locality) => locality.unit)],
  );
  const communesOf = Map.groupBy(communes, (commune) => commune.parentId);
  const places = [
    ...LOCALITIES.flatMap((locality) =>
      Array.from({ length: locality.clubs }, (_, index) => {
        const inDistrict = communesOf.get(locality.unit)!;
        const commune = inDistrict[index % inDistrict.length];
        const round = Math.floor(index / inDistrict.length);
        return { association: `${THAI_NGUYEN}:${locality.slug}`, unitId: commune.id, name: `CLB Liên thế hệ tự giúp nhau ${commune.name}${round ? ` số ${round + 1}` : ''}` };
      }),
    ),
    ...Array.from({ length: UNASSIGNED }, (_, index) => ({ association: THAI_NGUYEN, unitId: null, name: `CLB Liên thế hệ tự giúp nhau tỉnh Thái Nguyên số ${index + 1}` })),
  ];
  const clubs = places.map((place, i) => {
    // 5 is prime to 192: exactly 87 of the shuffled positions fall below 87.
    const isNew = (i * 5) % TOTAL_CLUBS < FOUNDED_SINCE_2019;
    const foundedOn = isNew ? `${2019 + (i % 5)}-${String(1 + (i % 12)).padStart(2, '0')}-01` : `${2010 + (i % 9)}-${String(1 + (i % 12)).padStart(2, '0')}-01`;
    return { id: stableId(`${THAI_NGUYEN}:club:${String(i + 1).padStart(3, '0')}`), ...place, foundedOn };
  });
  await insertMissing(
    em,
    'elderly.club',
    clubs.map((club) => ({
      id: club.id,
      association_id: stableId(club.association),
      name: club.name.normalize('NFC'),
      name_folded: foldVietnamese(club.name),
      unit_id: club.unitId,
      founded_on: club.foundedOn,
    })),
  );
  const members = Array.from({ length: SHAPE.total }, (_, n) => {
    const club = clubs[n % TOTAL_CLUBS];
    const rank = Math.floor(n / TOTAL_CLUBS);
    const person = generatedPerson(n, SHAPE);
    return {
      id: stableId(`${THAI_NGUYEN}:member:${n}`),
      club_id: club.id,
      full_name: person.fullName,
      sex: person.sex,
      birth_date: person.birthDate,
      ethnic_group: person.ethnicGroup,
      poverty_status: person.povertyStatus,
      board_role: rank === 0 ? 'HEAD' : rank < 5 ? 'BOARD_MEMBER' : null,
      joined_on: club.foundedOn,
    };
  });
  await insertMissing(em, 'elderly.club_member', members);
}
