import { date, oneOf, text, wholeNumber } from '@hoi/common/spreadsheet/cells';
import type { SheetKind } from '@hoi/common/spreadsheet/sheet-kind';
import { idByName, writableChapters } from '../chapter/chapter.sheet.ts';
import type { RedCrossContext } from '../context.ts';
import { ReliefActivityInput, ReliefKind } from './relief-activity.type.ts';
import { recordReliefActivity } from './relief-activity.write.ts';

/** The kinds of relief as a chapter's sheets name them. */
export const RELIEF_KIND_LABELS: Record<ReliefKind, string> = {
  GIFT_PACKAGES: 'Suất quà',
  RED_CROSS_HOUSE_STARTED: 'Khởi công nhà chữ thập đỏ',
  RED_CROSS_HOUSE_HANDED_OVER: 'Trao tặng nhà chữ thập đỏ',
  LIGHTING_WORKS: 'Công trình đường điện chiếu sáng',
  HUMANITARIAN_MARKET: 'Chợ nhân đạo',
  LIVELIHOOD_SUPPORT: 'Hỗ trợ sinh kế',
  FREE_MEALS: 'Bữa ăn miễn phí',
  REGULAR_ASSISTANCE: 'Trợ giúp thường xuyên',
  EMERGENCY_ASSISTANCE: 'Trợ giúp đột xuất',
  OTHER_SUPPORT: 'Đồ dùng, nhu yếu phẩm khác',
};

/** Relief activities (hoạt động nhân đạo) in sheets: each row is one `recordReliefActivity`. */
export const reliefActivitySheet: SheetKind<RedCrossContext, ReliefActivityInput> = {
  name: 'relief-activities',
  title: 'Hoạt động nhân đạo, cứu trợ',
  writerRoles: ['chapter_officer'],
  inputType: 'ReliefActivityInput',
  inputClass: ReliefActivityInput,
  columns: [
    { field: 'chapterId', header: 'Đơn vị Hội', required: true, parser: 'organisation', example: 'Hội CTĐ xã Đông A', width: 36 },
    { field: 'kind', header: 'Loại hoạt động', required: true, parser: oneOf(RELIEF_KIND_LABELS), example: 'Suất quà', width: 32 },
    { field: 'quantity', header: 'Số lượng', required: true, parser: wholeNumber, example: 120 },
    { field: 'peopleReached', header: 'Số lượt người hưởng lợi', required: true, parser: wholeNumber, example: 120 },
    { field: 'valueVnd', header: 'Trị giá (đồng)', required: true, parser: wholeNumber, example: '60.000.000', width: 18 },
    { field: 'occurredOn', header: 'Ngày thực hiện', required: true, parser: date, example: '30/01/2024' },
    { field: 'campaignId', header: 'Chiến dịch, phong trào', required: false, parser: text('name'), example: 'Chăm lo Tết', width: 30 },
    { field: 'note', header: 'Ghi chú', required: false, parser: text(), example: 'Tết Nguyên đán', width: 30 },
  ],
  instructions: [
    'Số lượng tính theo đơn vị của từng loại: suất quà, căn nhà, công trình, phiên chợ, hộ, bữa ăn, lượt.',
    'Chiến dịch: tên chiến dịch do Hội cấp trên (hoặc chính đơn vị) phát động; để trống nếu không thuộc chiến dịch nào.',
    'Kỳ báo cáo đã được duyệt thì không nhận thêm hoạt động trong kỳ đó.',
  ],
  organisations: writableChapters,
  // A campaign is written by its name: the one of that name run by the row's chapter or one above it.
  prepare: idByName(
    'campaignId',
    `select c.id from red_cross.campaign c join red_cross.chapter ch on ch.path @> array[c.organiser_chapter_id]
      where ch.id = ? and lower(c.name) = lower(?) order by array_length(ch.path, 1) limit 1`,
    (name) => `no campaign named "${name}" is run by this chapter or one above it`,
  ),
  write: async (ctx, em, input, once) => {
    await recordReliefActivity(ctx, em, input, once);
  },
};
