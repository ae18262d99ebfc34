import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsInt, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { connectionOf } from '@hoi/common/pagination';
import { Period, PeriodInput } from '@hoi/common/period';
import { WholeNumber } from '@hoi/common/scalars';

@ObjectType({ description: 'Membership counts (số liệu tổ chức, hội viên) as one chapter reported them for one period.' })
export class MembershipFigures {
  @Field(() => Int, { description: 'Grassroots organisations (tổ chức Hội cơ sở).' })
  grassrootsOrganisations!: number;

  @Field(() => Int, { description: 'Branches (chi hội).' })
  branches!: number;

  @Field(() => Int, { description: 'Individual members (hội viên cá nhân).' })
  individualMembers!: number;

  @Field(() => Int, { description: 'Collective members (hội viên tập thể).' })
  collectiveMembers!: number;

  @Field(() => Int, { description: 'Volunteers (tình nguyện viên).' })
  volunteers!: number;
}

@ObjectType({ description: 'A chapter\'s membership report (báo cáo số lượng tổ chức và hội viên) for one period.' })
export class MembershipReport extends MembershipFigures {
  @Field(() => ID)
  id!: string;

  @Field(() => Period)
  period!: Period;

  chapterId!: string;
}

@ObjectType({ description: 'Membership of a chapter\'s whole subtree for a period, summed in SQL from the nearest reports: a chapter\'s own report stands for everything under it, so nothing is counted twice.' })
export class MembershipTotals {
  @Field(() => WholeNumber, { description: 'Grassroots organisations (tổ chức Hội cơ sở).' })
  grassrootsOrganisations!: string;

  @Field(() => WholeNumber, { description: 'Branches (chi hội).' })
  branches!: string;

  @Field(() => WholeNumber, { description: 'Individual members (hội viên cá nhân).' })
  individualMembers!: string;

  @Field(() => WholeNumber, { description: 'Collective members (hội viên tập thể).' })
  collectiveMembers!: string;

  @Field(() => WholeNumber, { description: 'Volunteers (tình nguyện viên).' })
  volunteers!: string;

  @Field(() => Period)
  period!: Period;

  @Field(() => Int, { description: 'How many reports the totals add up.' })
  reports!: number;

  @Field(() => Int, { nullable: true, description: 'With basis APPROVED: the version of the approved period report read; none for LIVE.' })
  approvedVersion?: number | null;
}

export const MembershipReportConnection = connectionOf(MembershipReport, 'MembershipReport', 'A page of membership reports, newest period first.');

const COUNT_LIMIT = 100_000_000;

@InputType({ description: 'A membership report for one chapter and period; a chapter reports a period once.' })
export class MembershipReportInput {
  @Field(() => ID)
  @IsUUID()
  chapterId!: string;

  @Field(() => PeriodInput)
  @ValidateNested()
  period!: PeriodInput;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(COUNT_LIMIT)
  grassrootsOrganisations!: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(COUNT_LIMIT)
  branches!: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(COUNT_LIMIT)
  individualMembers!: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(COUNT_LIMIT)
  collectiveMembers!: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(COUNT_LIMIT)
  volunteers!: number;
}
