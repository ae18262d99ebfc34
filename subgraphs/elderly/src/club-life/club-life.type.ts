import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '@hoi/common/dates';
import { IsIn, IsInt, IsOptional, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { connectionOf } from '@hoi/common/pagination';
import { NOT_BLANK } from './record.rules.ts';

export enum ClubActivityKind {
  ARTS_AND_SPORTS = 'ARTS_AND_SPORTS',
  HEALTH_CHECK = 'HEALTH_CHECK',
  HEALTH_INSURANCE_HELP = 'HEALTH_INSURANCE_HELP',
  SELF_HELP = 'SELF_HELP',
  RIGHTS_PROTECTION = 'RIGHTS_PROTECTION',
  LEARNING = 'LEARNING',
}
registerEnumType(ClubActivityKind, {
  name: 'ClubActivityKind',
  description: 'What a club activity was for.',
  valuesConfig: {
    ARTS_AND_SPORTS: { description: 'Arts and sports (văn nghệ, thể dục thể thao): performances, air volleyball, badminton, exchanges and tournaments.' },
    HEALTH_CHECK: { description: 'Health care (chăm sóc sức khỏe): health consultations, regular weight and blood-pressure checks (đo huyết áp định kì).' },
    HEALTH_INSURANCE_HELP: { description: 'Helping members obtain and use health insurance (hỗ trợ tiếp cận bảo hiểm y tế).' },
    SELF_HELP: { description: 'Self-help and community support (tự giúp nhau, hỗ trợ cộng đồng).' },
    RIGHTS_PROTECTION: { description: 'Protecting older people\'s rights and interests (bảo vệ quyền, lợi ích).' },
    LEARNING: { description: 'Learning and raising knowledge (nâng cao kiến thức).' },
  },
});

@ObjectType({ description: 'A club\'s regular monthly meeting (sinh hoạt định kỳ): one a month at most.' })
export class ClubMeeting {
  @Field(() => ID)
  id!: string;

  @Field(() => LocalDate, { description: 'The day it was held, an ISO date.' })
  heldOn!: string;

  @Field(() => Int, { description: 'Members present.' })
  attendance!: number;

  @Field(() => String, { nullable: true })
  note!: string | null;

  clubId!: string;
}

@ObjectType({ description: 'Something a club did on a day: arts and sports, a health check, help with health insurance, self-help, rights protection, learning.' })
export class ClubActivity {
  @Field(() => ID)
  id!: string;

  @Field(() => ClubActivityKind)
  kind!: ClubActivityKind;

  @Field(() => LocalDate, { description: 'The day it took place, an ISO date.' })
  heldOn!: string;

  @Field(() => Int, { description: 'People who took part.' })
  participants!: number;

  @Field(() => String, { nullable: true })
  note!: string | null;

  clubId!: string;
}

@ObjectType({ description: 'One of a club\'s specialised groups (tổ chuyên môn); a club has five at most.' })
export class ClubSpecialisedGroup {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  clubId!: string;
}

export const ClubMeetingConnection = connectionOf(ClubMeeting, 'ClubMeeting', 'A page of club meetings, newest first.');
export const ClubActivityConnection = connectionOf(ClubActivity, 'ClubActivity', 'A page of club activities, newest first.');

/** A club has five specialised groups (Mỗi CLB đều thành lập 5 tổ chuyên môn): no more. */
export const MAX_SPECIALISED_GROUPS = 5;
export const MAX_ATTENDANCE = 10_000;
export const MAX_ACTIVITY_PARTICIPANTS = 100_000;

@ArgsType()
export class ClubActivityFilterArgs {
  @Field(() => ClubActivityKind, { nullable: true, description: 'Only activities of this kind.' })
  kind?: ClubActivityKind | null;
}

@InputType({ description: 'A club\'s regular monthly meeting; a club records one per calendar month.' })
export class ClubMeetingInput {
  @Field(() => ID)
  @IsUUID()
  clubId!: string;

  @Field(() => LocalDate, { description: 'The day it was held: not before the club was founded, not after today (Vietnam time).' })
  heldOn!: string;

  @Field(() => Int, { description: `Members present, from 1 to ${MAX_ATTENDANCE}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_ATTENDANCE)
  attendance!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 1000)
  @Matches(NOT_BLANK, { message: 'note must not be blank' })
  note?: string | null;
}

@InputType({ description: 'An activity a club held.' })
export class ClubActivityInput {
  @Field(() => ID)
  @IsUUID()
  clubId!: string;

  @Field(() => ClubActivityKind)
  @IsIn(Object.values(ClubActivityKind))
  kind!: ClubActivityKind;

  @Field(() => LocalDate, { description: 'The day it took place: not before the club was founded, not after today (Vietnam time).' })
  heldOn!: string;

  @Field(() => Int, { description: `People who took part, from 1 to ${MAX_ACTIVITY_PARTICIPANTS}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_ACTIVITY_PARTICIPANTS)
  participants!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 1000)
  @Matches(NOT_BLANK, { message: 'note must not be blank' })
  note?: string | null;
}

@InputType({ description: 'A specialised group (tổ chuyên môn) of a club; a name is used once per club, and a club has five at most.' })
export class ClubSpecialisedGroupInput {
  @Field(() => ID)
  @IsUUID()
  clubId!: string;

  @Field(() => String)
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;
}
