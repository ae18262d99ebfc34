import { oneOf, wholeNumber } from '@hoi/common/spreadsheet/cells';
import type { SheetKind } from '@hoi/common/spreadsheet/sheet-kind';
import { PeriodType } from '@hoi/common/period';
import { writableChapters } from '../chapter/chapter.sheet.ts';
import type { RedCrossContext } from '../context.ts';
import { MembershipReportInput } from './membership-report.type.ts';
import { submitMembershipReport } from './membership-report.write.ts';

/** The kinds of reporting period as a chapter's sheets name them. */
export const PERIOD_TYPE_LABELS: Record<PeriodType, string> = {
  YEAR: 'Năm',
  HALF_YEAR: '6 tháng',
  QUARTER: 'Quý',
  MONTH: 'Tháng',
};

const FIGURES = ['grassrootsOrganisations', 'branches', 'individualMembers', 'collectiveMembers', 'volunteers'] as const;

/** A row as read: the period spread over three columns, which `prepare` puts together as the mutation's `period`. */
type MembershipRow = Record<string, unknown> & { chapterId?: string; 'period.type'?: string; 'period.year'?: number; 'period.index'?: number };

/** Membership reports (báo cáo số lượng tổ chức và hội viên) in sheets: each row is one `submitMembershipReport`. */
export const membershipReportSheet: SheetKind<RedCrossContext, MembershipReportInput> = {
  name: 'membership-reports',
  title: 'Báo cáo số lượng tổ chức Hội và hội viên',
  writerRoles: ['chapter_officer'],
  inputType: 'MembershipReportInput',
  inputClass: MembershipReportInput,
  columns: [
    { field: 'chapterId', header: 'Đơn vị Hội', required: true, parser: 'organisation', example: 'Hội CTĐ xã Đông A', width: 36 },
    { field: 'period.year', header: 'Năm báo cáo', required: true, parser: wholeNumber, example: 2024 },
    { field: 'period.type', header: 'Loại kỳ báo cáo', required: true, parser: oneOf(PERIOD_TYPE_LABELS), example: 'Quý', width: 18 },
    { field: 'period.index', header: 'Kỳ thứ', required: false, parser: wholeNumber, example: 2 },
    { field: 'grassrootsOrganisations', header: 'Số tổ chức Hội cơ sở', required: true, parser: wholeNumber, example: 12 },
    { field: 'branches', header: 'Số chi hội', required: true, parser: wholeNumber, example: 85 },
    { field: 'individualMembers', header: 'Số hội viên cá nhân', required: true, parser: wholeNumber, example: '4.250', width: 20 },
    { field: 'collectiveMembers', header: 'Số hội viên tập thể', required: true, parser: wholeNumber, example: 6, width: 20 },
    { field: 'volunteers', header: 'Số tình nguyện viên', required: true, parser: wholeNumber, example: 310, width: 20 },
  ],
  instructions: [
    'Mỗi dòng là báo cáo của một đơn vị Hội cho một kỳ; mỗi kỳ một đơn vị chỉ báo cáo một lần.',
    'Kỳ thứ: 6 tháng ghi 1 hoặc 2, quý ghi 1 đến 4, tháng ghi 1 đến 12; kỳ Năm để trống.',
    'Số liệu là số hội viên, tổ chức tại thời điểm cuối kỳ của riêng đơn vị (đơn vị cấp trên báo cáo thì thay cho các đơn vị trực thuộc).',
    'Kỳ báo cáo đã được duyệt thì không nhận thêm báo cáo trong kỳ đó.',
  ],
  organisations: writableChapters,
  // A chapter reports a period once: the same chapter, period and figures again is the same report
  // (skipped); other figures for a period already reported are CONFLICT at that row, not passed over.
  naturalKey(input) {
    const row = input as unknown as MembershipRow;
    const type = row['period.type'];
    const figures = FIGURES.map((field) => row[field]).join(',');
    return `${row.chapterId}:${type}:${row['period.year']}:${type === PeriodType.YEAR ? '' : (row['period.index'] ?? '')}:${figures}`;
  },
  async prepare(_ctx, _em, values) {
    const { 'period.type': type, 'period.year': year, 'period.index': index, ...rest } = values as MembershipRow;
    return { ...rest, period: { type, year, index: index ?? null } };
  },
  // A later row of one file may name the period an earlier one reported: it is checked against it.
  flushEachRow: true,
  write: async (ctx, em, input, once) => {
    await submitMembershipReport(ctx, em, input, once);
  },
};
