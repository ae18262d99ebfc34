import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IsBoolean, IsOptional, IsUUID, Length, ValidateNested } from 'class-validator';
import { Period, PeriodInput } from '@hoi/common/period';
import { PeriodReportState } from '@hoi/common/period-report';
import { FundFigures } from '../fund/club-fund.type.ts';
import { ClubFigures } from '../member/club-member.type.ts';

export enum ElderlyReportKind {
  ACTIVITIES = 'ACTIVITIES',
}
registerEnumType(ElderlyReportKind, {
  name: 'ElderlyReportKind',
  description: 'Kind of an Elderly Association unit\'s or club\'s period report.',
  valuesConfig: {
    ACTIVITIES: { description: 'The report on the work (báo cáo kết quả hoạt động): intake, clubs, members and their shares, club funds.' },
  },
});

@ObjectType({ description: 'An association unit\'s or a club\'s figures for a period, of its whole subtree (số liệu báo cáo), as the summaries count them.' })
export class ElderlyPeriodFigures {
  @Field(() => Int, { description: 'New members (hội viên mới) the association units of the subtree recorded for periods within this one; 0 for a club.' })
  newMembers!: number;

  @Field(() => ClubFigures, { description: 'Clubs and their members at the period\'s end, with exact shares (as clubStatistics counts them).' })
  clubsAndMembers!: ClubFigures;

  @Field(() => FundFigures, { description: 'The clubs\' funds on the period\'s last day (as fundStatistics counts them).' })
  fund!: FundFigures;

  @Field(() => Int, { description: 'Clubs whose funds are counted, with or without entries.' })
  fundClubs!: number;
}

@ObjectType({ description: 'The figures an approval froze (bản chốt số liệu): version 1 is the first approval, each approval after a reopening the next.' })
export class ElderlyPeriodReportSnapshot {
  @Field(() => Int)
  version!: number;

  @Field(() => String, { description: 'When it was approved, ISO 8601 in UTC.' })
  approvedAt!: string;

  @Field(() => ElderlyPeriodFigures)
  figures!: ElderlyPeriodFigures;

  @Field(() => [ID], { description: 'Child units and clubs without an approved report when this was approved ("approved with missing").' })
  missingChildIds!: string[];
}

@ObjectType({
  description: 'An Elderly Association unit\'s or a club\'s report for a period (báo cáo định kỳ), in its cycle: drafted and submitted by it, approved or returned by the unit above.',
})
export class ElderlyPeriodReport {
  @Field(() => ID)
  id!: string;

  @Field(() => ElderlyReportKind)
  kind!: ElderlyReportKind;

  @Field(() => Period)
  period!: Period;

  @Field(() => PeriodReportState)
  state!: PeriodReportState;

  @Field(() => Int, { description: 'How many times it was approved: the latest snapshot\'s version (0: never).' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'The last return\'s comment or the last reopening\'s reason.' })
  comment!: string | null;

  @Field(() => [ID], { description: 'Child units and clubs recorded as missing at the last approval.' })
  missingChildIds!: string[];

  @Field(() => String, { description: 'When its state last changed, ISO 8601 in UTC.' })
  changedAt!: string;

  organisationId!: string;
}

@InputType({ description: 'The report an association unit or a club submits (name one of them): its kind and period; the first submission opens it.' })
export class SubmitElderlyPeriodReportInput {
  @Field(() => ID, { nullable: true, description: 'The association unit whose report it is; or give clubId.' })
  @IsOptional()
  @IsUUID()
  associationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The club whose report it is; or give associationId.' })
  @IsOptional()
  @IsUUID()
  clubId?: string | null;

  @Field(() => ElderlyReportKind, { nullable: true, description: 'ACTIVITIES when left out.' })
  @IsOptional()
  kind?: ElderlyReportKind | null;

  @Field(() => PeriodInput)
  @ValidateNested()
  period!: PeriodInput;
}

@InputType({ description: 'Approval of a submitted report by the unit above.' })
export class ApproveElderlyPeriodReportInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => Boolean, { nullable: true, description: 'Approve although some child units or clubs have no approved report; the report records which. False when left out.' })
  @IsOptional()
  @IsBoolean()
  approveWithMissing?: boolean | null;
}

@InputType({ description: 'A submitted report sent back with what to correct.' })
export class ReturnElderlyPeriodReportInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => String)
  @Length(1, 2000)
  comment!: string;
}

@InputType({ description: 'An approved report reopened for a correction, with the reason.' })
export class ReopenElderlyPeriodReportInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => String)
  @Length(1, 2000)
  reason!: string;
}
