import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '@hoi/common/ids';
import { insertMissing } from '@hoi/common/orm';

/**
 * Voluntary blood donation of Lào Cai Red Cross in the first half of 2022, from the article on the
 * second conference of its 7th Executive Committee (14 July 2022, seeds/003):
 *
 *   "6 tháng đầu năm, Hội Chữ thập đỏ tỉnh đã chỉ đạo tổ chức 6 đợt tuyên truyền, vận động hiến
 *   máu tình nguyện, tiếp nhận gần 2.900 đơn vị máu; tuyên truyền vận động hiến máu đột xuất được
 *   gần 140 đơn vị máu."
 *
 * Figures chosen:
 * - 6 awareness rounds (exact in the article).
 * - PLANNED units: 2,896. "gần 2.900" (nearly 2,900) says the true figure is a little below 2,900;
 *   2,896 is below it and rounds to 2,900 at the hundreds.
 * - EMERGENCY units: 138. "gần 140" (nearly 140): 138 is below 140 and rounds to 140 at the tens.
 * - The emergency units are NOT part of the 2,896: the sentence reports the 6 rounds and the units
 *   they received, then, after a semicolon, a separate emergency drive ("hiến máu đột xuất") with
 *   its own count. So planned 2,896 + emergency 138 = 3,034 units in all.
 *
 * The article names the programmes "Hành trình đỏ", "Ngày toàn dân hiến máu tình nguyện" and
 * "Những giọt máu hồng" (followed by "…"). The first two are national (Ngày toàn dân hiến máu
 * tình nguyện is 7 April; Hành trình đỏ is the summer nationwide journey, launched around World
 * Blood Donor Day, 14 June). The article does not say who runs "Những giọt máu hồng": it is kept
 * LOCAL, run by Lào Cai Red Cross. The six planned rounds, each with the units it received, are
 * spread over January–June under these programmes; the emergency units answer individual calls
 * and belong to no programme. Everything is recorded by the provincial chapter, the only Lào Cai
 * chapter in the demo tree.
 */
const NATIONAL = stableId('red-cross:national');
const LAO_CAI = stableId('red-cross:lao-cai');

export const BLOOD_DONATION_PROGRAMMES = [
  { slug: 'red-cross:blood-programme:hanh-trinh-do', name: 'Hành trình đỏ', scope: 'NATIONAL', organiser: NATIONAL },
  { slug: 'red-cross:blood-programme:ngay-toan-dan-hien-mau', name: 'Ngày toàn dân hiến máu tình nguyện', scope: 'NATIONAL', organiser: NATIONAL },
  { slug: 'red-cross:lao-cai:blood-programme:nhung-giot-mau-hong', name: 'Những giọt máu hồng', scope: 'LOCAL', organiser: LAO_CAI },
] as const;

type ProgrammeSlug = (typeof BLOOD_DONATION_PROGRAMMES)[number]['slug'];
const HANH_TRINH_DO: ProgrammeSlug = 'red-cross:blood-programme:hanh-trinh-do';
const NGAY_TOAN_DAN: ProgrammeSlug = 'red-cross:blood-programme:ngay-toan-dan-hien-mau';
const GIOT_MAU_HONG: ProgrammeSlug = 'red-cross:lao-cai:blood-programme:nhung-giot-mau-hong';

/** The six planned rounds of H1 2022 and the units each received: 2,896 in all. */
const LAO_CAI_ROUNDS_2022_H1 = [
  { on: '2022-01-12', programme: GIOT_MAU_HONG, units: 486 },
  { on: '2022-03-16', programme: GIOT_MAU_HONG, units: 472 },
  { on: '2022-04-07', programme: NGAY_TOAN_DAN, units: 531 },
  { on: '2022-05-18', programme: GIOT_MAU_HONG, units: 458 },
  { on: '2022-06-14', programme: HANH_TRINH_DO, units: 503 },
  { on: '2022-06-28', programme: HANH_TRINH_DO, units: 446 },
];

/** Emergency calls answered in H1 2022: 138 units in all. */
const LAO_CAI_EMERGENCY_2022_H1 = [
  { on: '2022-02-08', units: 31 },
  { on: '2022-03-29', units: 24 },
  { on: '2022-05-05', units: 37 },
  { on: '2022-06-20', units: 46 },
];

export const LAO_CAI_2022_H1 = {
  awarenessRounds: LAO_CAI_ROUNDS_2022_H1.length,
  plannedUnits: LAO_CAI_ROUNDS_2022_H1.reduce((sum, round) => sum + round.units, 0),
  emergencyUnits: LAO_CAI_EMERGENCY_2022_H1.reduce((sum, call) => sum + call.units, 0),
};

export async function loadBloodDonationDemoData(em: EntityManager): Promise<void> {
  await insertMissing(
    em,
    'red_cross.blood_donation_programme',
    BLOOD_DONATION_PROGRAMMES.map((programme) => ({
      id: stableId(programme.slug),
      name: programme.name.normalize('NFC'),
      scope: programme.scope,
      organiser_chapter_id: programme.organiser,
    })),
  );
  await insertMissing(
    em,
    'red_cross.blood_donation_awareness_round',
    LAO_CAI_ROUNDS_2022_H1.map((round) => ({
      id: stableId(`red-cross:lao-cai:blood-round:${round.on}`),
      chapter_id: LAO_CAI,
      programme_id: stableId(round.programme),
      held_on: round.on,
      note: null,
    })),
  );
  await insertMissing(em, 'red_cross.blood_unit_receipt', [
    ...LAO_CAI_ROUNDS_2022_H1.map((round) => ({
      id: stableId(`red-cross:lao-cai:blood-units:${round.on}:planned`),
      chapter_id: LAO_CAI,
      programme_id: stableId(round.programme),
      received_on: round.on,
      units: round.units,
      kind: 'PLANNED',
      note: null,
    })),
    ...LAO_CAI_EMERGENCY_2022_H1.map((call) => ({
      id: stableId(`red-cross:lao-cai:blood-units:${call.on}:emergency`),
      chapter_id: LAO_CAI,
      programme_id: null,
      received_on: call.on,
      units: call.units,
      kind: 'EMERGENCY',
      note: 'Vận động hiến máu đột xuất',
    })),
  ]);
}
