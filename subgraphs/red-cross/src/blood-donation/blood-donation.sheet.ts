import { date, oneOf, text, wholeNumber } from '@hoi/common/spreadsheet/cells';
import type { SheetKind } from '@hoi/common/spreadsheet/sheet-kind';
import { idByName, writableChapters } from '../chapter/chapter.sheet.ts';
import type { RedCrossContext } from '../context.ts';
import { BloodUnitKind, BloodUnitsReceivedInput } from './blood-donation.type.ts';
import { recordBloodUnitsReceived } from './blood-donation.write.ts';

/** How units were collected, as a chapter's sheets name it. */
export const BLOOD_UNIT_KIND_LABELS: Record<BloodUnitKind, string> = {
  PLANNED: 'Theo kế hoạch',
  EMERGENCY: 'Đột xuất',
};

/** Blood donation receipts (tiếp nhận đơn vị máu) in sheets: each row is one `recordBloodUnitsReceived`. */
export const bloodDonationReceiptSheet: SheetKind<RedCrossContext, BloodUnitsReceivedInput> = {
  name: 'blood-donation-receipts',
  title: 'Tiếp nhận đơn vị máu hiến tình nguyện',
  writerRoles: ['chapter_officer'],
  inputType: 'BloodUnitsReceivedInput',
  inputClass: BloodUnitsReceivedInput,
  columns: [
    { field: 'chapterId', header: 'Đơn vị Hội', required: true, parser: 'organisation', example: 'Hội CTĐ xã Đông A', width: 36 },
    { field: 'receivedOn', header: 'Ngày tiếp nhận', required: true, parser: date, example: '07/04/2024' },
    { field: 'units', header: 'Số đơn vị máu', required: true, parser: wholeNumber, example: 215 },
    { field: 'kind', header: 'Hình thức', required: true, parser: oneOf(BLOOD_UNIT_KIND_LABELS), example: 'Theo kế hoạch', width: 18 },
    { field: 'programmeId', header: 'Chương trình hiến máu', required: false, parser: text('name'), example: 'Ngày toàn dân hiến máu tình nguyện', width: 34 },
    { field: 'note', header: 'Ghi chú', required: false, parser: text(), example: 'Ngày hội hiến máu xã', width: 30 },
  ],
  instructions: [
    'Mỗi dòng là số đơn vị máu một đơn vị Hội tiếp nhận trong một ngày, theo kế hoạch hoặc đột xuất.',
    'Chương trình: tên chương trình cấp Trung ương, hoặc của chính đơn vị hay đơn vị Hội cấp trên; để trống nếu không thuộc chương trình nào.',
    'Kỳ báo cáo đã được duyệt thì không nhận thêm số liệu trong kỳ đó.',
  ],
  organisations: writableChapters,
  // A programme is written by its name: a NATIONAL one, or the LOCAL one of that name run by the row's chapter or the nearest one above it.
  prepare: idByName(
    'programmeId',
    `select p.id from red_cross.blood_donation_programme p join red_cross.chapter ch on p.scope = 'NATIONAL' or ch.path @> array[p.organiser_chapter_id]
      where ch.id = ? and lower(p.name) = lower(?)
      order by p.scope = 'NATIONAL', coalesce(array_position(ch.path, p.organiser_chapter_id), 0) desc limit 1`,
    (name) => `no blood donation programme named "${name}" is national or run by this chapter or one above it`,
  ),
  write: async (ctx, em, input, once) => {
    await recordBloodUnitsReceived(ctx, em, input, once);
  },
};
