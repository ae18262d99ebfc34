import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IsBoolean, IsOptional, IsUUID, Length, ValidateNested } from 'class-validator';
import { Period, PeriodInput } from '@hoi/common/period';
import { PeriodReportState } from '@hoi/common/period-report';
import { WholeNumber } from '@hoi/common/scalars';
import { BloodDonationSummary } from '../blood-donation/blood-donation.type.ts';
import { MembershipTotals } from '../membership/membership-report.type.ts';
import { ReliefFigures, ReliefKind } from '../relief/relief-activity.type.ts';

export enum ChapterReportKind {
  ACTIVITIES = 'ACTIVITIES',
}
registerEnumType(ChapterReportKind, {
  name: 'ChapterReportKind',
  description: 'Kind of a chapter\'s period report.',
  valuesConfig: {
    ACTIVITIES: { description: 'The report on the chapter\'s work (báo cáo kết quả công tác Hội): membership, relief, blood donation, model programmes.' },
  },
});

@ObjectType({ description: 'Relief of one kind in a period.' })
export class ReliefKindFigures extends ReliefFigures {
  @Field(() => ReliefKind)
  kind!: ReliefKind;
}

@ObjectType({ description: 'A chapter\'s figures for a period, of its whole subtree, as the summaries count them (số liệu báo cáo).' })
export class ChapterPeriodFigures {
  @Field(() => MembershipTotals, { description: 'Membership from the nearest membership reports of the period.' })
  membership!: MembershipTotals;

  @Field(() => ReliefFigures, { description: 'All relief activities of the period.' })
  relief!: ReliefFigures;

  @Field(() => [ReliefKindFigures], { description: 'Relief by kind, kinds without activity left out.' })
  reliefByKind!: ReliefKindFigures[];

  @Field(() => BloodDonationSummary)
  bloodDonation!: BloodDonationSummary;

  @Field(() => WholeNumber, { nullable: true, description: 'Model programmes (mô hình điểm) registered for the year; only for a YEAR report.' })
  modelProgrammes!: string | null;
}

@ObjectType({ description: 'The figures an approval froze (bản chốt số liệu): version 1 is the first approval, each approval after a reopening the next.' })
export class PeriodReportSnapshot {
  @Field(() => Int)
  version!: number;

  @Field(() => String, { description: 'When it was approved, ISO 8601 in UTC.' })
  approvedAt!: string;

  @Field(() => ChapterPeriodFigures)
  figures!: ChapterPeriodFigures;

  @Field(() => [ID], { description: 'Child chapters without an approved report when this was approved ("approved with missing").' })
  missingChildIds!: string[];
}

@ObjectType({ description: 'A chapter\'s report for a period (báo cáo định kỳ), in its cycle: drafted and submitted by the chapter, approved or returned by the chapter above.' })
export class PeriodReport {
  @Field(() => ID)
  id!: string;

  @Field(() => ChapterReportKind)
  kind!: ChapterReportKind;

  @Field(() => Period)
  period!: Period;

  @Field(() => PeriodReportState)
  state!: PeriodReportState;

  @Field(() => Int, { description: 'How many times it was approved: the latest snapshot\'s version (0: never).' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'The last return\'s comment or the last reopening\'s reason.' })
  comment!: string | null;

  @Field(() => [ID], { description: 'Child chapters recorded as missing at the last approval.' })
  missingChildIds!: string[];

  @Field(() => String, { description: 'When its state last changed, ISO 8601 in UTC.' })
  changedAt!: string;

  organisationId!: string;
}

@InputType({ description: 'The report a chapter submits: its kind and period; the first submission opens it.' })
export class SubmitPeriodReportInput {
  @Field(() => ID)
  @IsUUID()
  chapterId!: string;

  @Field(() => ChapterReportKind, { nullable: true, description: 'ACTIVITIES when left out.' })
  @IsOptional()
  kind?: ChapterReportKind | null;

  @Field(() => PeriodInput)
  @ValidateNested()
  period!: PeriodInput;
}

@InputType({ description: 'Approval of a submitted report by the chapter above.' })
export class ApprovePeriodReportInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => Boolean, { nullable: true, description: 'Approve although some child chapters have no approved report; the report records which. False when left out.' })
  @IsOptional()
  @IsBoolean()
  approveWithMissing?: boolean | null;
}

@InputType({ description: 'A submitted report sent back with what to correct.' })
export class ReturnPeriodReportInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => String)
  @Length(1, 2000)
  comment!: string;
}

@InputType({ description: 'An approved report reopened for a correction, with the reason.' })
export class ReopenPeriodReportInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => String)
  @Length(1, 2000)
  reason!: string;
}
