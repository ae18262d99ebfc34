import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '@hoi/common/dates';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { connectionOf } from '@hoi/common/pagination';
import { NOT_BLANK, UNIT_ID } from '../club-life/record.rules.ts';

export enum TrainingParticipantRole {
  ASSOCIATION_CHAIR = 'ASSOCIATION_CHAIR',
  CLUB_HEAD = 'CLUB_HEAD',
  OTHER = 'OTHER',
}
registerEnumType(TrainingParticipantRole, {
  name: 'TrainingParticipantRole',
  description: 'In what capacity people attended a training.',
  valuesConfig: {
    ASSOCIATION_CHAIR: { description: 'Chairs of commune or ward associations (Chủ tịch Hội NCT xã, phường).' },
    CLUB_HEAD: { description: 'Heads of clubs (Chủ nhiệm CLB).' },
    OTHER: { description: 'Anyone else: other officers, members, guests.' },
  },
});

/** The order participants are listed in, and the SQL that sorts them so. */
export const PARTICIPANT_ROLES = Object.values(TrainingParticipantRole);

export enum TrainingPartnerRole {
  CO_ORGANISER = 'CO_ORGANISER',
  ATTENDING = 'ATTENDING',
}
registerEnumType(TrainingPartnerRole, {
  name: 'TrainingPartnerRole',
  description: 'What a partner organisation did for a training.',
  valuesConfig: {
    CO_ORGANISER: { description: 'Organised it together with the association (phối hợp tổ chức).' },
    ATTENDING: { description: 'Took part through its leaders or staff (tham dự).' },
  },
});

@ObjectType({ description: 'An organisation that worked with the association on a training, e.g. the provincial Department of Labour, Invalids and Social Affairs (Sở Lao động - Thương binh và Xã hội), the Women\'s Union (Hội Liên hiệp Phụ nữ), an institute.' })
export class TrainingPartner {
  @Field(() => String)
  name!: string;

  @Field(() => TrainingPartnerRole)
  role!: TrainingPartnerRole;
}

@ObjectType({ description: 'How many people attended a training in one capacity.' })
export class TrainingParticipantCount {
  @Field(() => TrainingParticipantRole)
  role!: TrainingParticipantRole;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'A training (tập huấn) an association unit organised, e.g. for commune association chairs and club heads.' })
export class Training {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => LocalDate, { description: 'The day it was held, an ISO date.' })
  heldOn!: string;

  @Field(() => String, { nullable: true, description: 'Where it was held, in words (hội trường, trụ sở…), when known.' })
  venue!: string | null;

  @Field(() => [TrainingPartner], { description: 'Partner organisations, in the order recorded.' })
  partners!: TrainingPartner[];

  @Field(() => [TrainingParticipantCount], { description: 'Participants by capacity: association chairs, club heads, others.' })
  participants!: TrainingParticipantCount[];

  @Field(() => Int, { description: 'All participants recorded, in every capacity.' })
  totalParticipants!: number;

  associationId!: string;
  unitId!: string | null;
}

export const TrainingConnection = connectionOf(Training, 'Training', 'A page of trainings, newest first.');

export const MAX_PARTICIPANTS = 100_000;

@InputType({ description: 'A partner organisation of a training; each is named once.' })
export class TrainingPartnerInput {
  @Field(() => String)
  @Length(1, 300)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  @Field(() => TrainingPartnerRole)
  @IsIn(Object.values(TrainingPartnerRole))
  role!: TrainingPartnerRole;
}

@InputType({ description: 'How many people attended in one capacity; each capacity is listed once.' })
export class TrainingParticipantCountInput {
  @Field(() => TrainingParticipantRole)
  @IsIn(PARTICIPANT_ROLES)
  role!: TrainingParticipantRole;

  @Field(() => Int, { description: `A whole number from 1 to ${MAX_PARTICIPANTS}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_PARTICIPANTS)
  count!: number;
}

@InputType({ description: 'A training an association unit held.' })
export class TrainingInput {
  @Field(() => ID, { description: 'The association unit that organised it.' })
  @IsUUID()
  associationId!: string;

  @Field(() => String)
  @Length(1, 300)
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title!: string;

  @Field(() => LocalDate, { description: 'The day it was held: not before 10 May 1995 (the Association\'s founding), not after today (Vietnam time).' })
  heldOn!: string;

  @Field(() => ID, { nullable: true, description: 'The administrative unit where it was held, e.g. "BEFORE_2025:19" (Thái Nguyên before the 2025 reform).' })
  @IsOptional()
  @Matches(UNIT_ID, { message: 'unitId must be an administrative unit id such as BEFORE_2025:19' })
  unitId?: string | null;

  @Field(() => String, { nullable: true, description: 'Where it was held, in words.' })
  @IsOptional()
  @Length(1, 300)
  @Matches(NOT_BLANK, { message: 'venue must not be blank' })
  venue?: string | null;

  @Field(() => [TrainingPartnerInput], { nullable: true, description: 'Partner organisations, at most 20.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested()
  partners?: TrainingPartnerInput[] | null;

  @Field(() => [TrainingParticipantCountInput], { description: 'Participants by capacity: at least one, each capacity once.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(PARTICIPANT_ROLES.length)
  @ValidateNested()
  participants!: TrainingParticipantCountInput[];
}
