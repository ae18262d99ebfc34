import { badInput, notFound } from '@hoi/common/errors';
import { isUuid, sql } from '@hoi/common/orm';
import { date, oneOf, text, wholeNumber } from '@hoi/common/spreadsheet/cells';
import { organisationParser } from '@hoi/common/spreadsheet/import';
import type { Once, SheetKind } from '@hoi/common/spreadsheet/sheet-kind';
import type { EntityManager } from '@mikro-orm/postgresql';
import { writableClubs } from '../association/association.access.ts';
import type { ElderlyContext } from '../context.ts';
import { disburseLoan, recordFundInflow, recordRepayment } from './club-fund.write.ts';
import { DisburseLoanInput, FundEntryKind, FundInflowKind, RecordFundEntryInput, RecordRepaymentInput } from './club-fund.type.ts';

export const FUND_INFLOW_LABELS: Record<FundInflowKind, string> = {
  STARTING_GRANT: 'Vốn cấp (vốn ban đầu)',
  MEMBER_CONTRIBUTION: 'Thành viên đóng góp',
  SOCIETY_RAISED: 'Vận động xã hội',
  INTEREST: 'Lãi',
  FEE: 'Phí',
};

type LedgerKind = FundInflowKind | FundEntryKind.LOAN_DISBURSED | FundEntryKind.REPAYMENT;

const LEDGER_LABELS: Record<LedgerKind, string> = {
  ...FUND_INFLOW_LABELS,
  LOAN_DISBURSED: 'Cho vay',
  REPAYMENT: 'Trả nợ',
};

type LedgerInput = RecordFundEntryInput | DisburseLoanInput | RecordRepaymentInput;

/**
 * The member a row names as borrower (người vay), within the row's club: by id, or by full name
 * in either tone-mark style (without marks when that is unambiguous); the members of a club are
 * read once an import. Whether the member may borrow there is the write's rule.
 */
async function borrowerId(em: EntityManager, clubId: string, named: string, once: Once): Promise<string> {
  if (isUuid(named)) return named.toLowerCase();
  const members = await once(`members:${clubId}`, async () =>
    organisationParser(await sql<{ id: string; name: string }>(em, `select id, full_name as name from elderly.club_member where club_id = ?`, [clubId])),
  );
  const found = members.parse(named);
  if ('problem' in found) throw notFound('borrowerMemberId', `no single member of this club is named "${named}": write the member's name as in the club's list, or their id`);
  return found.value;
}

/**
 * A club fund's ledger (sổ quỹ câu lạc bộ) in sheets, as the club keeps it: money in, loans and
 * repayments in date order in one sheet. One kind rather than a sibling for loans: the ledger's
 * date-order and cash rules read the rows before, so a loan between two contributions must come
 * in the same file in its place. Each row is written by its mutation's own function
 * (`recordFundEntry`, `disburseLoan`, `recordRepayment`, club-fund.write.ts), checked as that
 * mutation's input type.
 */
export const fundLedgerSheet: SheetKind<ElderlyContext, LedgerInput> = {
  name: 'fund-entries',
  title: 'Sổ quỹ câu lạc bộ',
  writerRoles: ['club_manager', 'association_officer'],
  inputType: 'RecordFundEntryInput',
  inputClass: RecordFundEntryInput,
  // The ledger is kept in date order: each row is checked against the rows before it.
  flushEachRow: true,
  columns: [
    { field: 'clubId', header: 'Câu lạc bộ', required: true, parser: 'organisation', example: 'CLB Liên thế hệ tự giúp nhau thôn Bản Giang', width: 40 },
    { field: 'kind', header: 'Loại khoản', required: true, parser: oneOf(LEDGER_LABELS), example: 'Thành viên đóng góp', width: 26 },
    { field: 'amountVnd', header: 'Số tiền (đồng)', required: true, parser: wholeNumber, example: '2.500.000', width: 18 },
    { field: 'occurredOn', header: 'Ngày', required: true, parser: date, example: '15/01/2024' },
    { field: 'note', header: 'Nội dung', required: true, parser: text(), example: 'Đóng góp quý I', width: 36 },
    { field: 'borrowerMemberId', header: 'Người vay (thành viên)', required: false, parser: text('name'), example: '', width: 28 },
    { field: 'dueOn', header: 'Hạn trả', required: false, parser: date, example: '' },
  ],
  instructions: [
    'Sổ quỹ ghi theo thứ tự ngày: mỗi dòng không được trước ngày của khoản đã ghi gần nhất của câu lạc bộ.',
    'Cho vay và Trả nợ: ghi người vay là thành viên của chính câu lạc bộ đó, theo họ tên (như trong danh sách thành viên) hoặc mã thành viên.',
    'Hạn trả chỉ ghi cho khoản Cho vay; các khoản thu không ghi người vay.',
  ],
  organisations: writableClubs,
  async prepare(_ctx, em, values, once) {
    const { borrowerMemberId: named, ...rest } = values;
    const lending = values.kind === FundEntryKind.LOAN_DISBURSED || values.kind === FundEntryKind.REPAYMENT;
    if (named == null) return rest;
    if (!lending) throw badInput('borrowerMemberId', 'money coming in names no borrower: leave the borrower empty');
    return { ...rest, borrowerMemberId: await borrowerId(em, String(values.clubId), String(named), once) };
  },
  inputOf({ kind, ...values }) {
    if (kind === FundEntryKind.LOAN_DISBURSED) return { inputType: 'DisburseLoanInput', inputClass: DisburseLoanInput, values };
    if (values.dueOn != null) throw badInput('dueOn', 'only a loan has a due date (hạn trả)');
    if (kind === FundEntryKind.REPAYMENT) return { inputType: 'RecordRepaymentInput', inputClass: RecordRepaymentInput, values };
    return { inputType: 'RecordFundEntryInput', inputClass: RecordFundEntryInput, values: { ...values, kind } };
  },
  write: async (ctx, em, input, once) => {
    if (input instanceof DisburseLoanInput) await disburseLoan(ctx, em, input, once);
    else if (input instanceof RecordRepaymentInput) await recordRepayment(ctx, em, input, once);
    else await recordFundInflow(ctx, em, input);
  },
};
