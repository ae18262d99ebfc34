import { isUuid, sql } from '@hoi/common/orm';
import { date, oneOf, text, wholeNumber } from '@hoi/common/spreadsheet/cells';
import type { SheetKind } from '@hoi/common/spreadsheet/sheet-kind';
import type { ElderlyContext } from '../context.ts';
import { recordFundInflow } from './club-fund.write.ts';
import { FundInflowKind, RecordFundEntryInput } from './club-fund.type.ts';

export const FUND_INFLOW_LABELS: Record<FundInflowKind, string> = {
  STARTING_GRANT: 'Vốn cấp (vốn ban đầu)',
  MEMBER_CONTRIBUTION: 'Thành viên đóng góp',
  SOCIETY_RAISED: 'Vận động xã hội',
  INTEREST: 'Lãi',
  FEE: 'Phí',
};

/**
 * Money coming into club funds (thu quỹ câu lạc bộ) in sheets: each row is one `recordFundEntry`.
 * Loans and repayments are not taken from sheets yet: a loan names its borrower as free text.
 */
export const fundInflowSheet: SheetKind<ElderlyContext, RecordFundEntryInput> = {
  name: 'fund-entries',
  title: 'Thu quỹ câu lạc bộ',
  writerRoles: ['club_manager', 'association_officer'],
  inputType: 'RecordFundEntryInput',
  inputClass: RecordFundEntryInput,
  // The ledger is kept in date order: each row is checked against the rows before it.
  flushEachRow: true,
  columns: [
    { field: 'clubId', header: 'Câu lạc bộ', required: true, parser: 'organisation', example: 'CLB Liên thế hệ tự giúp nhau thôn Bản Giang', width: 40 },
    { field: 'kind', header: 'Loại khoản thu', required: true, parser: oneOf(FUND_INFLOW_LABELS), example: 'Thành viên đóng góp', width: 26 },
    { field: 'amountVnd', header: 'Số tiền (đồng)', required: true, parser: wholeNumber, example: '2.500.000', width: 18 },
    { field: 'occurredOn', header: 'Ngày', required: true, parser: date, example: '15/01/2024' },
    { field: 'note', header: 'Nội dung', required: true, parser: text(), example: 'Đóng góp quý I', width: 36 },
  ],
  instructions: ['Sổ quỹ ghi theo thứ tự ngày: mỗi dòng không được trước ngày của khoản đã ghi gần nhất của câu lạc bộ.'],
  async organisations(ctx) {
    const scope = `{${ctx.caller.scopeIds.filter(isUuid).join(',')}}`;
    return sql<{ id: string; name: string }>(
      ctx.em,
      `with recursive units (id) as (
         select id from elderly.association where id = any(?::uuid[])
         union all
         select a.id from elderly.association a join units u on a.parent_id = u.id)
       select c.id, c.name from elderly.club c
        where ? or c.id = any(?::uuid[]) or c.association_id in (select id from units)
        order by c.name`,
      [scope, ctx.caller.role === 'national_admin', scope],
    );
  },
  write: async (ctx, em, input) => {
    await recordFundInflow(ctx, em, input);
  },
};
