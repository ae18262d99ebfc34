import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '@hoi/common/dates';
import { ArrayMaxSize, IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ClusterMember } from '../cluster/emulation-cluster.type.ts';

export enum MeetingKind {
  REVIEW_CONFERENCE = 'REVIEW_CONFERENCE',
  SEMINAR = 'SEMINAR',
  OTHER = 'OTHER',
}
registerEnumType(MeetingKind, {
  name: 'MeetingKind',
  description: 'What kind of meeting a cluster holds.',
  valuesConfig: {
    REVIEW_CONFERENCE: { description: 'The review conference of the year (hội nghị tổng kết, giao ban); one per cluster year.' },
    SEMINAR: { description: 'A seminar on a theme (tọa đàm).' },
    OTHER: { description: 'Any other meeting.' },
  },
});

@ObjectType({ description: 'A guest of a meeting (đại biểu, khách mời), as the source names them.' })
export class MeetingGuest {
  @Field(() => String, { description: 'As the source names the guest, e.g. "bà Huỳnh Thị Xuân Lam".' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The office the guest attended in, e.g. "Phó Chủ tịch Hội CTĐ Việt Nam".' })
  role!: string | null;
}

@ObjectType({ description: 'A meeting of a cluster year: its review conference (hội nghị), a seminar (tọa đàm) or another.' })
export class ClusterMeeting {
  @Field(() => ID)
  id!: string;

  @Field(() => MeetingKind)
  kind!: MeetingKind;

  @Field(() => String, { nullable: true, description: 'The theme (chủ đề), e.g. "Vì người nghèo – không để ai bị bỏ lại phía sau".' })
  theme!: string | null;

  @Field(() => String, { nullable: true, description: 'Where, as free text beyond the administrative unit (a hall, a commune).' })
  venue!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'The day it was held; null when the source does not give it.' })
  heldOn!: string | null;

  @Field(() => [ClusterMember], { description: 'The members of the cluster that attended, in the cluster\'s order.' })
  attendees!: ClusterMember[];

  @Field(() => [MeetingGuest], { description: 'Guests, in the order the source names them.' })
  guests!: MeetingGuest[];

  @Field(() => [String], { description: 'What the meeting decided, in the source\'s order.' })
  decisions!: string[];

  clusterId!: string;
  unitId!: string | null;
}

@InputType({ description: 'A guest of a meeting.' })
export class MeetingGuestInput {
  @Field(() => String, { description: 'As the source names the guest, e.g. "bà Huỳnh Thị Xuân Lam"; stored in Unicode NFC.' })
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The office the guest attended in.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/\S/, { message: 'role must not be blank' })
  role?: string | null;
}

export const MAX_LIST = 100;

@InputType({ description: 'A meeting a cluster held. A cluster year has one review conference; attendees are members of the cluster.' })
export class RecordClusterMeetingInput {
  @Field(() => ID)
  @IsUUID()
  clusterId!: string;

  @Field(() => MeetingKind)
  @IsEnum(MeetingKind)
  kind!: MeetingKind;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/\S/, { message: 'theme must not be blank' })
  theme?: string | null;

  @Field(() => ID, { nullable: true, description: 'The administrative unit it was held in, e.g. "BEFORE_2025:593" (Thành phố Phan Thiết).' })
  @IsOptional()
  @IsString()
  @Matches(/^(BEFORE_2025|CURRENT):[0-9]+$/, { message: 'unitId must be an administrative unit id such as BEFORE_2025:593' })
  unitId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/\S/, { message: 'venue must not be blank' })
  venue?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'In the cluster\'s year or the next; omit when unknown.' })
  heldOn?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Members (ClusterMember.id) of this cluster that attended, each once.' })
  @IsOptional()
  @ArrayMaxSize(MAX_LIST)
  @IsUUID('all', { each: true })
  attendeeMemberIds?: string[] | null;

  @Field(() => [MeetingGuestInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MAX_LIST)
  @ValidateNested({ each: true })
  guests?: MeetingGuestInput[] | null;

  @Field(() => [String], { nullable: true, description: 'What the meeting decided, free text, in order.' })
  @IsOptional()
  @ArrayMaxSize(MAX_LIST)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  @Matches(/\S/, { each: true, message: 'a decision must not be blank' })
  decisions?: string[] | null;
}
