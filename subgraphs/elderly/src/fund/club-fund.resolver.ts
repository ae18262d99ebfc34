import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LocalDate } from '@hoi/common/dates';
import { writeTransaction } from '@hoi/common/writes';
import { badInput, conflict, notFound, ruleViolation } from '@hoi/common/errors';
import { isUuid, sql } from '@hoi/common/orm';
import { PageArgs, readPage } from '@hoi/common/pagination';
import { ElderlyAssociation } from '../association/elderly-association.type.ts';
import { Club } from '../club/club.type.ts';
import type { ElderlyContext } from '../context.ts';
import { fundState } from './club-fund.sql.ts';
import { checkDate, clean, disburseLoan, formatVnd, lockClub, record, recordFundInflow, recordRepayment, type NewEntry } from './club-fund.write.ts';
import { ClubMember } from '../member/club-member.type.ts';
import {
  ClubFund,
  DisburseLoanInput,
  FundEntry,
  FundEntryConnection,
  FundEntryKind,
  FundStatistics,
  RecordFundEntryInput,
  RecordRepaymentInput,
  ReverseFundEntryInput,
} from './club-fund.type.ts';
import { requireClubWrite } from '../association/association.access.ts';
import { assertOrganisationPeriodOpen } from '../period-report/elderly-period-report.plug.ts';
import { toElderlyFigures } from '../period-report/elderly-period-report.loaders.ts';
import { ReportBasis, requireApproved } from '@hoi/common/period-report';
import { PeriodInput, resolvePeriod } from '@hoi/common/period';

@Resolver(() => FundEntry)
export class FundEntryResolver {
  @Mutation(() => FundEntry, { description: 'Records money coming into a club fund: a grant, members\' contributions, money raised, interest or a fee.' })
  async recordFundEntry(@Arg('input', () => RecordFundEntryInput) input: RecordFundEntryInput, @Ctx() ctx: ElderlyContext): Promise<FundEntry> {
    // recordFundInflow checks the scope inside the transaction; its loader's read runs on the
    // transaction's connection (common/src/orm.ts, transactionManager), never a second one.
    return writeTransaction(ctx.em, (em) => recordFundInflow(ctx, em, input));
  }

  @Mutation(() => FundEntry, { description: 'Pays a revolving loan out of a club fund to a borrower; refused if the fund has not the cash.' })
  async disburseLoan(@Arg('input', () => DisburseLoanInput) input: DisburseLoanInput, @Ctx() ctx: ElderlyContext): Promise<FundEntry> {
    await requireClubWrite(ctx, input.clubId, 'clubId');
    return writeTransaction(ctx.em, (em) => disburseLoan(ctx, em, input));
  }

  @Mutation(() => FundEntry, { description: 'Records a borrower paying money back; refused if it is more than the borrower owes.' })
  async recordRepayment(@Arg('input', () => RecordRepaymentInput) input: RecordRepaymentInput, @Ctx() ctx: ElderlyContext): Promise<FundEntry> {
    await requireClubWrite(ctx, input.clubId, 'clubId');
    return writeTransaction(ctx.em, (em) => recordRepayment(ctx, em, input));
  }

  @Mutation(() => FundEntry, { description: 'Undoes an entry by recording its reversal (once per entry); the entry itself is never changed.' })
  async reverseFundEntry(@Arg('input', () => ReverseFundEntryInput) input: ReverseFundEntryInput, @Ctx() ctx: ElderlyContext): Promise<FundEntry> {
    let entry: NewEntry | undefined;
    // The entry never changes, so it may be read (and the caller's right to its club checked)
    // before the transaction: a check that read on another connection while this one waits its
    // fund's turn could starve the pool.
    const [reversed] = await sql<{ clubId: string; kind: FundEntryKind; amountVnd: string; borrowerRef: string | null }>(
      ctx.em,
      `select e.club_id as "clubId", e.kind, e.amount_vnd::text as "amountVnd", e.borrower_ref as "borrowerRef"
         from elderly.club_fund_entry e where e.id = ?`,
      [input.entryId],
    );
    if (!reversed) throw notFound('entryId', 'no fund entry has this id');
    await requireClubWrite(ctx, reversed.clubId, 'entryId');
    try {
      await writeTransaction(ctx.em, async (em) => {
        await lockClub(em, reversed.clubId);
        if (reversed.kind === FundEntryKind.REVERSAL) throw ruleViolation('entryId', 'a reversal cannot be reversed: record the entry again instead');
        const state = await fundState(em, reversed.clubId, reversed.borrowerRef, input.entryId);
        if (state.reversedBy) throw conflict('entryId', 'this entry has already been reversed');
        checkDate(state, input.occurredOn);
        await assertOrganisationPeriodOpen(em, reversed.clubId, input.occurredOn, input.occurredOn, 'occurredOn', 'ONWARD');
        const amount = BigInt(reversed.amountVnd);
        // Undoing money that came in (or a repayment) takes cash out of the fund.
        if (reversed.kind !== FundEntryKind.LOAN_DISBURSED && amount > state.balance) {
          throw ruleViolation('entryId', `undoing this entry needs ${formatVnd(amount)} of cash and the fund has ${formatVnd(state.balance)}`);
        }
        // Undoing a loan the borrower has partly repaid would leave them owing less than nothing.
        if (reversed.kind === FundEntryKind.LOAN_DISBURSED && amount > state.owed) {
          throw ruleViolation('entryId', `the borrower owes only ${formatVnd(state.owed)}: reverse their repayments first`);
        }
        entry = {
          id: randomUUID(),
          clubId: reversed.clubId,
          kind: FundEntryKind.REVERSAL,
          amountVnd: reversed.amountVnd,
          occurredOn: input.occurredOn,
          note: clean(input.note),
          borrowerRef: null,
          borrowerMemberId: null,
          dueOn: null,
          reversesId: input.entryId,
        };
        record(em, entry);
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw conflict('entryId', 'this entry has already been reversed');
      throw error;
    }
    return entry!;
  }

  @FieldResolver(() => Club, { description: 'The club whose fund this entry belongs to.' })
  club(@Root() entry: FundEntry, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ClubByIdLoader.load(entry.clubId);
  }

  @FieldResolver(() => ClubMember, { nullable: true, description: 'The borrower (người vay) of a LOAN_DISBURSED or REPAYMENT that names a member of the club; null for free-text borrowers (borrowerRef) and other kinds.' })
  borrower(@Root() entry: FundEntry, @Ctx() ctx: ElderlyContext) {
    return entry.borrowerMemberId ? ctx.loaders.ClubMemberByIdLoader.load(entry.borrowerMemberId) : null;
  }

  @FieldResolver(() => FundEntry, { nullable: true, description: 'For a REVERSAL, the entry it undoes.' })
  reverses(@Root() entry: FundEntry, @Ctx() ctx: ElderlyContext) {
    return entry.reversesId ? ctx.loaders.FundEntryByIdLoader.load(entry.reversesId) : null;
  }

  @FieldResolver(() => FundEntry, { nullable: true, description: 'The reversal that undid this entry, if any: a reversed entry counts for nothing.' })
  reversedBy(@Root() entry: FundEntry, @Ctx() ctx: ElderlyContext) {
    return entry.kind === FundEntryKind.REVERSAL ? null : ctx.loaders.FundReversalByEntryIdLoader.load(entry.id);
  }
}

@Resolver(() => Club)
export class ClubFundResolver {
  @FieldResolver(() => ClubFund, { description: 'The club\'s fund (vốn quỹ), derived from its ledger; figures of many clubs cost one statement.' })
  fund(
    @Root() club: Club,
    @Arg('asOf', () => LocalDate, { nullable: true, description: 'The day to compute the figures for; today (in Vietnam) if omitted.' }) asOf: string | null | undefined,
    @Ctx() ctx: ElderlyContext,
  ) {
    return ctx.loaders.ClubFundByClubIdLoader.load({ id: club.id, asOf: asOf ?? null });
  }

  @FieldResolver(() => FundEntryConnection, { description: 'The fund\'s ledger (sổ quỹ), newest first.' })
  fundEntries(@Root() club: Club, @Args(() => PageArgs) pageArgs: PageArgs, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.FundEntriesByClubIdLoader.load({ parentId: club.id, page: readPage(pageArgs) });
  }
}

@Resolver(() => FundStatistics)
export class FundStatisticsResolver {
  @Query(() => FundStatistics, {
    nullable: true,
    description: 'Fund figures over all clubs of an association unit and every unit below it, in one SQL statement; null if there is no such unit.',
  })
  async fundStatistics(
    @Arg('associationId', () => ID) associationId: string,
    @Arg('asOf', () => LocalDate, { nullable: true, description: 'The day to compute the figures for; today (in Vietnam) if omitted.' }) asOf: string | null | undefined,
    @Arg('period', () => PeriodInput, { nullable: true, description: 'Instead of a day: the figures on the period\'s last day. Needed with basis APPROVED.' })
    periodInput: PeriodInput | null | undefined,
    @Arg('basis', () => ReportBasis, {
      defaultValue: ReportBasis.LIVE,
      description: 'LIVE: from the ledgers now; APPROVED: the figures the association unit\'s latest approved report of the period froze (số liệu đã duyệt; none: NOT_APPROVED).',
    })
    basis: ReportBasis,
    @Ctx() ctx: ElderlyContext,
  ): Promise<FundStatistics | null> {
    if (!isUuid(associationId)) throw badInput('associationId', 'associationId is not an id this API produced');
    if (periodInput && asOf) throw badInput('asOf', 'give a day or a period, not both');
    const period = periodInput ? resolvePeriod(periodInput, 'period') : null;
    if (basis === ReportBasis.APPROVED) {
      if (!period) throw badInput('period', 'approved figures are those of a period\'s report: give the period');
      const approved = requireApproved(await ctx.loaders.ApprovedElderlyFiguresByOrganisationPeriodLoader.load({ organisationId: associationId.toLowerCase(), period }), associationId.toLowerCase(), period);
      const { fund, fundClubs } = toElderlyFigures(approved.figures, period);
      return { ...fund, clubs: fundClubs, associationId: associationId.toLowerCase(), approvedVersion: approved.version };
    }
    return ctx.loaders.FundStatisticsByAssociationIdLoader.load({ id: associationId.toLowerCase(), asOf: period?.end ?? asOf ?? null });
  }

  @FieldResolver(() => ElderlyAssociation)
  association(@Root() statistics: FundStatistics, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ElderlyAssociationByIdLoader.load(statistics.associationId);
  }
}

@Resolver(() => ElderlyAssociation)
export class AssociationFundResolver {
  @FieldResolver(() => FundStatistics, { description: 'Fund figures over the clubs of this unit and of every unit below it.' })
  async fundStatistics(
    @Root() association: ElderlyAssociation,
    @Arg('asOf', () => LocalDate, { nullable: true, description: 'The day to compute the figures for; today (in Vietnam) if omitted.' }) asOf: string | null | undefined,
    @Ctx() ctx: ElderlyContext,
  ): Promise<FundStatistics> {
    return (await ctx.loaders.FundStatisticsByAssociationIdLoader.load({ id: association.id, asOf: asOf ?? null }))!;
  }
}
