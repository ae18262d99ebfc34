import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IsIn, IsInt, IsOptional, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { LocalDate } from '@hoi/common/dates';
import { connectionOf } from '@hoi/common/pagination';
import { Period, PeriodInput } from '@hoi/common/period';
import { AdministrativeUnitReference } from '@hoi/common/references';
import { Share } from '@hoi/common/share';

export enum Sex {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
}
registerEnumType(Sex, { name: 'Sex' });

export enum PovertyStatus {
  POOR = 'POOR',
  NEAR_POOR = 'NEAR_POOR',
  NEITHER = 'NEITHER',
}
registerEnumType(PovertyStatus, {
  name: 'PovertyStatus',
  description: 'Household poverty status under the national poverty line.',
  valuesConfig: { POOR: { description: 'Hộ nghèo.' }, NEAR_POOR: { description: 'Hộ cận nghèo.' }, NEITHER: { description: 'Neither.' } },
});

export enum BoardRole {
  HEAD = 'HEAD',
  DEPUTY_HEAD = 'DEPUTY_HEAD',
  BOARD_MEMBER = 'BOARD_MEMBER',
}
registerEnumType(BoardRole, {
  name: 'BoardRole',
  description: 'Seat on the club\'s management board (Ban Chủ nhiệm).',
  valuesConfig: { HEAD: { description: 'Club head (Chủ nhiệm).' }, DEPUTY_HEAD: { description: 'Deputy head (Phó Chủ nhiệm).' }, BOARD_MEMBER: { description: 'Board member (ủy viên).' } },
});

@ObjectType({
  description: 'A member of a club (thành viên CLB). Birth date, ethnic group and poverty status are personal data: they resolve only for the club\'s managers and the association levels above it; anyone else gets null and a FORBIDDEN error on the field.',
})
export class ClubMember {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  fullName!: string;

  @Field(() => Sex)
  sex!: Sex;

  @Field(() => BoardRole, { nullable: true })
  boardRole!: BoardRole | null;

  @Field(() => LocalDate)
  joinedOn!: string;

  clubId!: string;
  birthDate!: string;
  ethnicGroup!: string;
  povertyStatus!: PovertyStatus;
}

export const ClubMemberConnection = connectionOf(ClubMember, 'ClubMember', 'A page of a club\'s members, in Vietnamese name order.');

@InputType({ description: 'A person joining a club.' })
export class ClubMemberInput {
  @Field(() => ID)
  @IsUUID()
  clubId!: string;

  @Field(() => String)
  @Length(1, 200)
  fullName!: string;

  @Field(() => Sex)
  @IsIn(Object.values(Sex))
  sex!: Sex;

  @Field(() => LocalDate)
  birthDate!: string;

  @Field(() => String, { description: 'Ethnic group (dân tộc), e.g. "Kinh", "Thái", "Mông".' })
  @Length(1, 50)
  ethnicGroup!: string;

  @Field(() => PovertyStatus)
  @IsIn(Object.values(PovertyStatus))
  povertyStatus!: PovertyStatus;

  @Field(() => BoardRole, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(BoardRole))
  boardRole?: BoardRole | null;

  @Field(() => LocalDate)
  joinedOn!: string;
}

export enum ClubGrouping {
  COMMUNE = 'COMMUNE',
  OLD_DISTRICT = 'OLD_DISTRICT',
  CURRENT_PROVINCE = 'CURRENT_PROVINCE',
}
registerEnumType(ClubGrouping, {
  name: 'ClubGrouping',
  valuesConfig: {
    COMMUNE: { description: 'The commune or ward of the club (of the map of its time).' },
    OLD_DISTRICT: { description: 'The district before 1 July 2025 (huyện, thị xã, thành phố thuộc tỉnh).' },
    CURRENT_PROVINCE: { description: 'Today\'s province: old provinces roll up into the one they merged into.' },
  },
});

@ObjectType({ description: 'Club figures of an association subtree at the end of a period: counts and exact shares, never a person.' })
export class ClubFigures {
  @Field(() => Int)
  clubs!: number;

  @Field(() => Int, { nullable: true, description: 'Clubs founded on or after `foundedSince`, when given.' })
  clubsFoundedSince!: number | null;

  @Field(() => Int, { description: 'Members (thành viên) at the end of the period.' })
  members!: number;

  @Field(() => Int, { description: 'Members on management boards (Ban Chủ nhiệm).' })
  boardMembers!: number;

  @Field(() => Int)
  ethnicMinorityMembers!: number;

  @Field(() => Share)
  ethnicMinorityShare!: Share;

  @Field(() => Int, { description: 'Members older than 55 (aged 56 or more) at the end of the period.' })
  membersOver55!: number;

  @Field(() => Share)
  over55Share!: Share;

  @Field(() => Int, { description: 'Members of poor households (hộ nghèo).' })
  poorMembers!: number;

  @Field(() => Share)
  poorShare!: Share;

  @Field(() => Int, { description: 'Members of near-poor households (hộ cận nghèo).' })
  nearPoorMembers!: number;

  @Field(() => Share)
  nearPoorShare!: Share;
}

@ObjectType()
export class ClubStatisticsRow extends ClubFigures {
  @Field(() => AdministrativeUnitReference, { nullable: true, description: 'The unit of the group; none for clubs whose place is not known at that level.' })
  unit!: AdministrativeUnitReference | null;
}

@ObjectType({ description: 'Club statistics of an association and every unit below it, computed in one SQL statement.' })
export class ClubStatistics {
  @Field(() => Period)
  period!: Period;

  @Field(() => ClubGrouping, { nullable: true })
  groupBy!: ClubGrouping | null;

  @Field(() => ClubFigures)
  total!: ClubFigures;

  @Field(() => [ClubStatisticsRow])
  rows!: ClubStatisticsRow[];
  @Field(() => Int, { nullable: true, description: 'With basis APPROVED: the version of the approved report read; none for LIVE.' })
  approvedVersion?: number | null;
}

@ObjectType({ description: 'New members an association unit admitted in a period (hội viên mới).' })
export class MembershipIntake {
  @Field(() => ID)
  id!: string;

  @Field(() => Period)
  period!: Period;

  @Field(() => Int)
  newMembers!: number;

  associationId!: string;
}

@InputType()
export class MembershipIntakeInput {
  @Field(() => ID)
  @IsUUID()
  associationId!: string;

  @Field(() => PeriodInput)
  @ValidateNested()
  period!: PeriodInput;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  newMembers!: number;
}
