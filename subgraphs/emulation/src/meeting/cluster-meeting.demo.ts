import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '@hoi/common/ids';
import { insertMissing } from '@hoi/common/orm';
import { BLOC_8_2024, memberId, RED_CROSS_CLUSTER_2022 } from '../role/cluster-role.demo.ts';

export const REVIEW_2022 = `${RED_CROSS_CLUSTER_2022}:meeting:review`;
export const SEMINAR_2024 = `${BLOC_8_2024}:meeting:seminar-2024-09-26`;

/**
 * The meetings the articles in /work/shared/seeds report, with only what they say: what they do
 * not give (the day and place of the 2022 review, a venue, decisions of the seminar) stays null
 * or empty.
 */
const MEETINGS = [
  {
    // 000_7ed1823ee0424dde.txt: the review conference of the Red Cross cluster of 7 midland and
    // northern mountain provinces for 2022. Attended by "lãnh đạo Hội CTĐ các tỉnh trong cụm thi
    // đua": the 7 members. The article also has leaders of "TP Hà Nội" speaking, in no stated
    // capacity; they are left out rather than guessed at.
    slug: REVIEW_2022,
    cluster: RED_CROSS_CLUSTER_2022,
    kind: 'REVIEW_CONFERENCE',
    theme: null,
    unitId: null,
    heldOn: null,
    attendees: [1, 2, 3, 4, 5, 6, 7],
    guests: [
      { name: 'bà Huỳnh Thị Xuân Lam', role: 'Phó Chủ tịch Hội CTĐ Việt Nam' },
      { name: 'bà Lê Thị Thu Hồng', role: 'Phó Bí thư Thường trực Tỉnh uỷ, Chủ tịch HĐND tỉnh Bắc Giang, Chủ tịch danh dự Hội CTĐ tỉnh' },
    ],
    // "Hội nghị cũng suy tôn các danh hiệu thi đua năm 2022; biểu quyết thông qua quy chế hoạt của
    // Cụm và giao nhiệm vụ đăng cai giao ban công tác Hội năm 2023 cho Hội CTĐ tỉnh Phú Thọ."
    // ("quy chế hoạt của Cụm" lacks "động" in the article.)
    decisions: [
      'Suy tôn các danh hiệu thi đua năm 2022',
      'Biểu quyết thông qua quy chế hoạt động của Cụm',
      'Giao nhiệm vụ đăng cai giao ban công tác Hội năm 2023 cho Hội CTĐ tỉnh Phú Thọ',
    ],
  },
  {
    // 001_9e893f2943e1495d.txt: "Sáng 26/9, tại Tp. Phan Thiết, 12 cơ quan hội thành viên của Khối
    // thi đua 8 đã tổ chức tọa đàm 'Vì người nghèo – không để ai bị bỏ lại phía sau' năm 2024."
    // BEFORE_2025:593 is Thành phố Phan Thiết. The attendees are the members the demo has (6 of the 12).
    slug: SEMINAR_2024,
    cluster: BLOC_8_2024,
    kind: 'SEMINAR',
    theme: 'Vì người nghèo – không để ai bị bỏ lại phía sau',
    unitId: 'BEFORE_2025:593',
    heldOn: '2024-09-26',
    attendees: [1, 2, 3, 4, 5, 6],
    guests: [],
    decisions: [],
  },
];

export async function loadClusterMeetingDemoData(em: EntityManager): Promise<void> {
  await insertMissing(
    em,
    'emulation.cluster_meeting',
    MEETINGS.map((meeting) => ({
      id: stableId(meeting.slug),
      cluster_id: stableId(meeting.cluster),
      kind: meeting.kind,
      theme: meeting.theme?.normalize('NFC') ?? null,
      unit_id: meeting.unitId,
      venue: null,
      held_on: meeting.heldOn,
    })),
  );
  await insertMissing(
    em,
    'emulation.meeting_attendee',
    MEETINGS.flatMap((meeting) =>
      meeting.attendees.map((n) => ({ meeting_id: stableId(meeting.slug), cluster_id: stableId(meeting.cluster), member_id: memberId(meeting.cluster, n) })),
    ),
  );
  await insertMissing(
    em,
    'emulation.meeting_guest',
    MEETINGS.flatMap((meeting) =>
      meeting.guests.map((guest, index) => ({ meeting_id: stableId(meeting.slug), position: index + 1, name: guest.name.normalize('NFC'), role: guest.role.normalize('NFC') })),
    ),
  );
  await insertMissing(
    em,
    'emulation.meeting_decision',
    MEETINGS.flatMap((meeting) => meeting.decisions.map((text, index) => ({ meeting_id: stableId(meeting.slug), position: index + 1, text: text.normalize('NFC') }))),
  );
}
