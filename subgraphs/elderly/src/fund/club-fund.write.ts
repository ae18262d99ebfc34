import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound, ruleViolation } from '@hoi/common/errors';
import { sql } from '@hoi/common/orm';
import type { WholeVnd } from '@hoi/common/scalars';
import { runOnce, type Once } from '@hoi/common/spreadsheet/sheet-kind';
import { lockRule } from '@hoi/common/writes';
import { requireClubWrite } from '../association/association.access.ts';
import type { ElderlyContext } from '../context.ts';
import { assertOrganisationPeriodOpen } from '../period-report/elderly-period-report.plug.ts';
import { ClubFundEntryEntity } from './club-fund.entity.ts';
import { fundState, type FundState } from './club-fund.sql.ts';
import { type DisburseLoanInput, type FundEntry, FundEntryKind, type RecordFundEntryInput, type RecordRepaymentInput } from './club-fund.type.ts';

/**
 * Every rule of writing to a club's fund ledger (sổ quỹ), and the write, in one place: the
 * mutations `recordFundEntry`, `disburseLoan`, `recordRepayment` and `reverseFundEntry` call these
 * for one input, a spreadsheet import (club-fund.sheet.ts) for each row, both inside their one
 * transaction. `once` lets an import read a borrower once, not per row.
 */

export const formatVnd = (amount: bigint) => `${amount.toLocaleString('en-US')} VND`;
export const clean = (text: string) => text.trim().normalize('NFC');

/**
 * Every write to one fund takes its turn (lockRule) for the rest of the transaction, so two loans
 * cannot both pass the cash check. Before it, its province's: the per-association fund roll-up's
 * trigger takes that lock (an advisory lock per root association, see its migration), and taken
 * after a club's it could deadlock a transaction that writes to two clubs of a province (an
 * import) with a writer of one of them. False if there is no such club.
 */
export async function lockClub(em: EntityManager, clubId: string): Promise<boolean> {
  const [club] = await sql<{ found: boolean }>(em, `
    with recursive up (id, parent_id) as (
      select a.id, a.parent_id from elderly.club c join elderly.association a on a.id = c.association_id where c.id = ?
      union
      select a.id, a.parent_id from up join elderly.association a on a.id = up.parent_id
    )
    select exists (select 1 from elderly.club where id = ?) as found,
           (select count(pg_advisory_xact_lock(hashtext('elderly.association_fund'), hashtext(up.id::text))::text) from up where up.parent_id is null) as locked`,
    [clubId, clubId]);
  await lockRule(em, 'elderly.club.fund', clubId);
  return club.found;
}

/** A ledger is kept in date order, and not ahead of today. */
export function checkDate(state: FundState, occurredOn: string): void {
  if (occurredOn > state.today) throw ruleViolation('occurredOn', `an entry cannot be dated after today (${state.today})`);
  if (state.latest && occurredOn < state.latest) {
    throw ruleViolation('occurredOn', `the fund's latest entry is dated ${state.latest}: entries are recorded in date order`);
  }
}

function checkPositive(amountVnd: WholeVnd): void {
  // class-validator refuses these first; kept for callers that bypass it.
  if (!Number.isSafeInteger(amountVnd) || amountVnd <= 0) throw badInput('amountVnd', 'amountVnd must be positive');
}

export type NewEntry = Omit<FundEntry, 'amountVnd'> & { amountVnd: string };

export function record(em: EntityManager, entry: NewEntry): void {
  em.create(ClubFundEntryEntity, {
    id: entry.id,
    clubId: entry.clubId,
    kind: entry.kind,
    amountVnd: entry.amountVnd,
    occurredOn: entry.occurredOn,
    note: entry.note,
    borrowerRef: entry.borrowerRef,
    borrowerMemberId: entry.borrowerMemberId,
    dueOn: entry.dueOn,
    reversesId: entry.reversesId,
  });
}

interface Borrower {
  /** The ledger's key of the borrower: the free text, or the member's id. */
  ref: string;
  memberId: string | null;
}

/**
 * The borrower (người vay) a loan or repayment names: a member of the fund's own club by
 * `borrowerMemberId`, or (deprecated) free text by `borrowerRef`; exactly one of them.
 */
async function borrowerOf(em: EntityManager, input: DisburseLoanInput | RecordRepaymentInput, once: Once): Promise<Borrower> {
  const memberId = input.borrowerMemberId?.toLowerCase() ?? null;
  const ref = input.borrowerRef == null ? null : clean(input.borrowerRef);
  if (memberId && ref) throw badInput('borrowerMemberId', 'name the borrower by borrowerMemberId or by borrowerRef, not both');
  if (!memberId) {
    if (!ref) throw badInput('borrowerMemberId', 'name the borrower: borrowerMemberId, a member of the club');
    return { ref, memberId: null };
  }
  const [member] = await once(`member:${memberId}`, () => sql<{ clubId: string }>(em, `select club_id as "clubId" from elderly.club_member where id = ?`, [memberId]));
  if (!member) throw notFound('borrowerMemberId', 'no club member has this id');
  if (member.clubId !== input.clubId.toLowerCase()) throw ruleViolation('borrowerMemberId', 'the borrower must be a member of the club whose fund lends');
  return { ref: memberId, memberId };
}

function newEntry(input: { clubId: string; amountVnd: WholeVnd; occurredOn: string; note: string }, kind: FundEntryKind, borrower: Borrower | null, dueOn: string | null): NewEntry {
  return {
    id: randomUUID(),
    clubId: input.clubId,
    kind,
    amountVnd: String(input.amountVnd),
    occurredOn: input.occurredOn,
    note: clean(input.note),
    borrowerRef: borrower?.ref ?? null,
    borrowerMemberId: borrower?.memberId ?? null,
    dueOn,
    reversesId: null,
  };
}

/** Money coming into a fund (`recordFundEntry`). */
export async function recordFundInflow(ctx: ElderlyContext, em: EntityManager, input: RecordFundEntryInput): Promise<FundEntry> {
  await requireClubWrite(ctx, input.clubId, 'clubId');
  checkPositive(input.amountVnd);
  if (!(await lockClub(em, input.clubId))) throw notFound('clubId', 'no club has this id');
  checkDate(await fundState(em, input.clubId, null), input.occurredOn);
  await assertOrganisationPeriodOpen(em, input.clubId, input.occurredOn, input.occurredOn, 'occurredOn', 'ONWARD');
  const entry = newEntry(input, input.kind as unknown as FundEntryKind, null, null);
  record(em, entry);
  return entry;
}

/**
 * What a loan and a repayment check before their own rule: the caller's right to the club, the
 * amount, the fund's turn, the borrower, the ledger's date order and the period's lock. The
 * borrower's ledger state comes back for the loan's cash rule or the repayment's debt rule.
 */
async function lendingChecks(ctx: ElderlyContext, em: EntityManager, input: DisburseLoanInput | RecordRepaymentInput, once: Once): Promise<{ borrower: Borrower; state: FundState }> {
  await requireClubWrite(ctx, input.clubId, 'clubId');
  checkPositive(input.amountVnd);
  if ('dueOn' in input && input.dueOn != null && input.dueOn < input.occurredOn) throw badInput('dueOn', 'a loan cannot fall due before it is paid out');
  if (!(await lockClub(em, input.clubId))) throw notFound('clubId', 'no club has this id');
  const borrower = await borrowerOf(em, input, once);
  const state = await fundState(em, input.clubId, borrower.ref);
  checkDate(state, input.occurredOn);
  await assertOrganisationPeriodOpen(em, input.clubId, input.occurredOn, input.occurredOn, 'occurredOn', 'ONWARD');
  return { borrower, state };
}

/** A revolving loan paid out to a borrower (`disburseLoan`): refused if the fund has not the cash. */
export async function disburseLoan(ctx: ElderlyContext, em: EntityManager, input: DisburseLoanInput, once: Once = runOnce): Promise<FundEntry> {
  const { borrower, state } = await lendingChecks(ctx, em, input, once);
  if (BigInt(input.amountVnd) > state.balance) {
    throw ruleViolation('amountVnd', `the loan is larger than the cash available (${formatVnd(state.balance)})`);
  }
  const entry = newEntry(input, FundEntryKind.LOAN_DISBURSED, borrower, input.dueOn ?? null);
  record(em, entry);
  return entry;
}

/** A borrower paying money back (`recordRepayment`): refused if it is more than the borrower owes. */
export async function recordRepayment(ctx: ElderlyContext, em: EntityManager, input: RecordRepaymentInput, once: Once = runOnce): Promise<FundEntry> {
  const { borrower, state } = await lendingChecks(ctx, em, input, once);
  if (BigInt(input.amountVnd) > state.owed) {
    throw ruleViolation('amountVnd', `the repayment is larger than what this borrower owes (${formatVnd(state.owed)})`);
  }
  const entry = newEntry(input, FundEntryKind.REPAYMENT, borrower, null);
  record(em, entry);
  return entry;
}
