import { date, oneOf, text } from '@hoi/common/spreadsheet/cells';
import type { SheetKind } from '@hoi/common/spreadsheet/sheet-kind';
import { toneKey } from '@hoi/common/text';
import { writableClubs } from '../association/association.access.ts';
import type { ElderlyContext } from '../context.ts';
import { addClubMember } from './club-member.write.ts';
import { BoardRole, ClubMemberInput, PovertyStatus, Sex } from './club-member.type.ts';

const SEX_LABELS: Record<Sex, string> = { FEMALE: 'Nữ', MALE: 'Nam' };
const POVERTY_LABELS: Record<PovertyStatus, string> = { POOR: 'Hộ nghèo', NEAR_POOR: 'Hộ cận nghèo', NEITHER: 'Không nghèo' };
const BOARD_LABELS: Record<BoardRole, string> = { HEAD: 'Chủ nhiệm', DEPUTY_HEAD: 'Phó Chủ nhiệm', BOARD_MEMBER: 'Ủy viên Ban Chủ nhiệm' };

/**
 * A club's members (danh sách thành viên câu lạc bộ) in sheets: each row is one `addClubMember`,
 * written by its own function (club-member.write.ts). A person is known by club, name (either
 * tone-mark style) and birth date: uploading the list again, or a longer list, adds only the new.
 */
export const clubMemberSheet: SheetKind<ElderlyContext, ClubMemberInput> = {
  name: 'club-members',
  title: 'Danh sách thành viên câu lạc bộ',
  writerRoles: ['club_manager', 'association_officer'],
  inputType: 'ClubMemberInput',
  inputClass: ClubMemberInput,
  // A second head is refused by reading the rows written before.
  flushEachRow: true,
  columns: [
    { field: 'clubId', header: 'Câu lạc bộ', required: true, parser: 'organisation', example: 'CLB Liên thế hệ tự giúp nhau thôn Bản Giang', width: 40 },
    { field: 'fullName', header: 'Họ và tên', required: true, parser: text('name'), example: 'Lò Thị Hòa', width: 28 },
    { field: 'sex', header: 'Giới tính', required: true, parser: oneOf(SEX_LABELS), example: 'Nữ' },
    { field: 'birthDate', header: 'Ngày sinh', required: true, parser: date, example: '12/05/1952' },
    { field: 'ethnicGroup', header: 'Dân tộc', required: true, parser: text('name'), example: 'Thái' },
    { field: 'povertyStatus', header: 'Hộ nghèo, cận nghèo', required: true, parser: oneOf(POVERTY_LABELS), example: 'Hộ cận nghèo', width: 20 },
    { field: 'boardRole', header: 'Chức vụ trong Ban Chủ nhiệm', required: false, parser: oneOf(BOARD_LABELS), example: '', width: 26 },
    { field: 'joinedOn', header: 'Ngày vào câu lạc bộ', required: true, parser: date, example: '01/03/2019', width: 20 },
  ],
  instructions: [
    'Mỗi người một dòng. Người đã có (cùng câu lạc bộ, họ tên và ngày sinh) trong một lần tải lên trước không được ghi thêm lần nữa.',
    'Mỗi câu lạc bộ chỉ có một Chủ nhiệm.',
  ],
  organisations: writableClubs,
  naturalKey: (input) => [input.clubId.toLowerCase(), toneKey(input.fullName), input.birthDate].join('|'),
  write: async (ctx, em, input, once) => {
    await addClubMember(ctx, em, input, once);
  },
};
