import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '@hoi/common/dates';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { connectionOf } from '@hoi/common/pagination';
import { Vnd, VndTotal } from '@hoi/common/scalars';

export enum FundEntryKind {
  STARTING_GRANT = 'STARTING_GRANT',
  MEMBER_CONTRIBUTION = 'MEMBER_CONTRIBUTION',
  SOCIETY_RAISED = 'SOCIETY_RAISED',
  LOAN_DISBURSED = 'LOAN_DISBURSED',
  REPAYMENT = 'REPAYMENT',
  INTEREST = 'INTEREST',
  FEE = 'FEE',
  REVERSAL = 'REVERSAL',
}
registerEnumType(FundEntryKind, {
  name: 'FundEntryKind',
  description: 'Kind of an entry in a club fund\'s ledger (sổ quỹ).',
  valuesConfig: {
    STARTING_GRANT: { description: 'A grant to the fund\'s capital, e.g. the starting capital (vốn ban đầu) of 25 million VND from the provincial People\'s Committee.' },
    MEMBER_CONTRIBUTION: { description: 'Money contributed by the club\'s members (thành viên đóng góp).' },
    SOCIETY_RAISED: { description: 'Money raised from society: organisations and benefactors (huy động nguồn lực xã hội).' },
    LOAN_DISBURSED: { description: 'A revolving loan paid out to a borrower (cho vay vốn quay vòng).' },
    REPAYMENT: { description: 'A borrower paying back a loan (trả nợ); repays that borrower\'s oldest loans first.' },
    INTEREST: { description: 'Interest received on loans (lãi).' },
    FEE: { description: 'Fees received (phí).' },
    REVERSAL: { description: 'Undoes one earlier entry of the same fund, for its whole amount (bút toán đảo); entries are never edited or deleted.' },
  },
});

/** The kinds `recordFundEntry` accepts: money coming into the fund from outside its loans. */
export enum FundInflowKind {
  STARTING_GRANT = 'STARTING_GRANT',
  MEMBER_CONTRIBUTION = 'MEMBER_CONTRIBUTION',
  SOCIETY_RAISED = 'SOCIETY_RAISED',
  INTEREST = 'INTEREST',
  FEE = 'FEE',
}
registerEnumType(FundInflowKind, {
  name: 'FundInflowKind',
  description: 'Money that comes into a club fund and adds to its total (tổng vốn quỹ): grants, contributions, money raised, interest and fees.',
});

export const INFLOW_KINDS: readonly string[] = Object.values(FundInflowKind);

@ObjectType({ description: 'One entry of a club fund\'s ledger. Entries are never changed: a mistake is undone by a REVERSAL.' })
export class FundEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => FundEntryKind)
  kind!: FundEntryKind;

  @Field(() => Vnd, { description: 'Always positive; the kind says which way the money went. A reversal carries the amount of the entry it undoes.' })
  amountVnd!: string | number;

  @Field(() => LocalDate, { description: 'The day the money moved, an ISO date.' })
  occurredOn!: string;

  @Field(() => String)
  note!: string;

  @Field(() => String, {
    nullable: true,
    deprecationReason: 'Use borrower: the borrower (người vay) as a ClubMember.',
    description: 'Who borrowed or repaid (người vay), for LOAN_DISBURSED and REPAYMENT: the free-text reference the club used for the borrower (e.g. a name and hamlet); for an entry naming a member, that member\'s id.',
  })
  borrowerRef!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'When a loan is due back (hạn trả), if the club set one.' })
  dueOn!: string | null;

  clubId!: string;
  reversesId!: string | null;
  borrowerMemberId!: string | null;
}

export const FundEntryConnection = connectionOf(FundEntry, 'FundEntry', 'A page of fund entries, newest first.');

@ObjectType({ description: 'Figures of a fund (or of many funds), derived in SQL from the ledgers: reversed entries and their reversals count for nothing.' })
export class FundFigures {
  @Field(() => LocalDate, { description: 'The day the figures are for: entries up to and including it count; loans due before it are overdue.' })
  asOf!: string;

  @Field(() => VndTotal, { description: 'Cash available (tiền mặt tồn quỹ): money in − loans disbursed + repayments. Equals totalFund − outOnLoan.' })
  balance!: string;

  @Field(() => VndTotal, { description: 'Total fund (tổng vốn quỹ): all money that came in — grants, contributions, money raised, interest and fees.' })
  totalFund!: string;

  @Field(() => VndTotal, { description: 'Of the total, what members contributed or was raised from society.' })
  contributedOrRaised!: string;

  @Field(() => VndTotal, { description: 'Money out on loan (dư nợ): loans disbursed − repayments.' })
  outOnLoan!: string;

  @Field(() => Int, { description: 'Borrowers who still owe money.' })
  borrowers!: number;

  @Field(() => Int, { description: 'Loans past their due date that are not fully repaid (repayments pay a borrower\'s oldest loans first).' })
  overdueLoans!: number;

  @Field(() => VndTotal, { description: 'What is still owed on the overdue loans.' })
  overdueAmount!: string;
}

@ObjectType({ description: 'A club\'s fund (vốn quỹ của CLB), derived from its ledger.' })
export class ClubFund extends FundFigures {}

@ObjectType({ description: 'Fund figures over all clubs of an association unit and of every unit below it, for analysts.' })
export class FundStatistics extends FundFigures {
  @Field(() => Int, { description: 'Clubs counted, with or without fund entries.' })
  clubs!: number;

  @Field(() => Int, { nullable: true, description: 'With basis APPROVED: the version of the approved report read; none for LIVE.' })
  approvedVersion?: number | null;

  associationId!: string;
}

const MAX_AMOUNT = 1_000_000_000_000;
const NOT_BLANK = /\S/;

@InputType({ description: 'Money coming into a club fund: a grant, members\' contributions, money raised, interest or a fee.' })
export class RecordFundEntryInput {
  @Field(() => ID)
  @IsUUID()
  clubId!: string;

  @Field(() => FundInflowKind)
  kind!: FundInflowKind;

  @Field(() => Vnd, { description: 'A positive amount in VND.' })
  @IsInt()
  @Min(1, { message: 'amountVnd must be positive' })
  @Max(MAX_AMOUNT)
  amountVnd!: number;

  @Field(() => LocalDate, { description: 'Not in the future, nor before the fund\'s latest entry: a ledger is kept in date order.' })
  occurredOn!: string;

  @Field(() => String)
  @IsString()
  @MaxLength(500)
  @Matches(NOT_BLANK, { message: 'note must not be blank' })
  note!: string;
}

@InputType({ description: 'A revolving loan paid out of a club fund to a borrower.' })
export class DisburseLoanInput {
  @Field(() => ID)
  @IsUUID()
  clubId!: string;

  @Field(() => ID, { nullable: true, description: 'The borrower (người vay): a member of the same club. Give this or borrowerRef.' })
  @IsOptional()
  @IsUUID()
  borrowerMemberId?: string | null;

  @Field(() => String, {
    nullable: true,
    deprecationReason: 'Name the borrower (người vay) by borrowerMemberId.',
    description: 'Who borrows (người vay), as free text the club uses; repayments must name the borrower the same way. Give this or borrowerMemberId.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'borrowerRef must not be blank' })
  borrowerRef?: string | null;

  @Field(() => Vnd, { description: 'A positive amount in VND, at most the cash available.' })
  @IsInt()
  @Min(1, { message: 'amountVnd must be positive' })
  @Max(MAX_AMOUNT)
  amountVnd!: number;

  @Field(() => LocalDate)
  occurredOn!: string;

  @Field(() => LocalDate, { nullable: true, description: 'When the loan is due back; not before occurredOn.' })
  @IsOptional()
  dueOn?: string | null;

  @Field(() => String)
  @IsString()
  @MaxLength(500)
  @Matches(NOT_BLANK, { message: 'note must not be blank' })
  note!: string;
}

@InputType({ description: 'A borrower paying money back into a club fund.' })
export class RecordRepaymentInput {
  @Field(() => ID)
  @IsUUID()
  clubId!: string;

  @Field(() => ID, { nullable: true, description: 'The borrower (người vay) who repays: a member of the same club, as on their loans. Give this or borrowerRef.' })
  @IsOptional()
  @IsUUID()
  borrowerMemberId?: string | null;

  @Field(() => String, {
    nullable: true,
    deprecationReason: 'Name the borrower (người vay) by borrowerMemberId.',
    description: 'The borrower (người vay), named as on their loans when those gave free text. Give this or borrowerMemberId.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'borrowerRef must not be blank' })
  borrowerRef?: string | null;

  @Field(() => Vnd, { description: 'A positive amount in VND, at most what the borrower owes.' })
  @IsInt()
  @Min(1, { message: 'amountVnd must be positive' })
  @Max(MAX_AMOUNT)
  amountVnd!: number;

  @Field(() => LocalDate)
  occurredOn!: string;

  @Field(() => String)
  @IsString()
  @MaxLength(500)
  @Matches(NOT_BLANK, { message: 'note must not be blank' })
  note!: string;
}

@InputType({ description: 'Undoes one entry of a club fund by recording its reversal.' })
export class ReverseFundEntryInput {
  @Field(() => ID)
  @IsUUID()
  entryId!: string;

  @Field(() => LocalDate, { description: 'The day of the reversal: not in the future, nor before the fund\'s latest entry.' })
  occurredOn!: string;

  @Field(() => String, { description: 'Why the entry is reversed.' })
  @IsString()
  @MaxLength(500)
  @Matches(NOT_BLANK, { message: 'note must not be blank' })
  note!: string;
}
