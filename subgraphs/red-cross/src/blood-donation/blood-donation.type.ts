import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '@hoi/common/dates';
import { IsIn, IsInt, IsOptional, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { connectionOf } from '@hoi/common/pagination';
import { WholeNumber } from '@hoi/common/scalars';
import { Period } from '@hoi/common/period';

export enum BloodDonationProgrammeScope {
  NATIONAL = 'NATIONAL',
  LOCAL = 'LOCAL',
}
registerEnumType(BloodDonationProgrammeScope, {
  name: 'BloodDonationProgrammeScope',
  description: 'Who runs a blood donation programme, and so which chapters may record under it.',
  valuesConfig: {
    NATIONAL: { description: 'Run nationwide by the national headquarters (Trung ương Hội): every chapter may record under it.' },
    LOCAL: { description: 'Run by a local chapter: only that chapter and the chapters under it record under it.' },
  },
});

export enum BloodUnitKind {
  PLANNED = 'PLANNED',
  EMERGENCY = 'EMERGENCY',
}
registerEnumType(BloodUnitKind, {
  name: 'BloodUnitKind',
  description: 'How the units were collected.',
  valuesConfig: {
    PLANNED: { description: 'At a planned donation session (theo kế hoạch), e.g. of an awareness round or a programme.' },
    EMERGENCY: { description: 'Answering an emergency call (hiến máu đột xuất), e.g. for a patient in need.' },
  },
});

@ObjectType({
  description: 'A named voluntary blood donation programme (chương trình hiến máu tình nguyện), e.g. "Hành trình đỏ", "Ngày toàn dân hiến máu tình nguyện".',
})
export class BloodDonationProgramme {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => BloodDonationProgrammeScope)
  scope!: BloodDonationProgrammeScope;

  organiserChapterId!: string;
}

export const BloodDonationProgrammeConnection = connectionOf(BloodDonationProgramme, 'BloodDonationProgramme', 'A page of blood donation programmes in Vietnamese order.');

@ObjectType({ description: 'An awareness round (đợt tuyên truyền, vận động hiến máu tình nguyện) a chapter held on a day.' })
export class BloodDonationAwarenessRound {
  @Field(() => ID)
  id!: string;

  @Field(() => LocalDate, { description: 'The day the round was held.' })
  heldOn!: string;

  @Field(() => String, { nullable: true })
  note!: string | null;

  chapterId!: string;
  programmeId!: string | null;
}

@ObjectType({ description: 'Units of blood a chapter received (đơn vị máu tiếp nhận) on a day.' })
export class BloodUnitReceipt {
  @Field(() => ID)
  id!: string;

  @Field(() => LocalDate, { description: 'The day the units were received.' })
  receivedOn!: string;

  @Field(() => Int, { description: 'Units of blood (đơn vị máu).' })
  units!: number;

  @Field(() => BloodUnitKind)
  kind!: BloodUnitKind;

  @Field(() => String, { nullable: true })
  note!: string | null;

  chapterId!: string;
  programmeId!: string | null;
}

@ObjectType({
  description: 'Voluntary blood donation of a chapter and everything under it for a period (kết quả hiến máu tình nguyện), summed in SQL from every record dated in the period.',
})
export class BloodDonationSummary {
  @Field(() => Period)
  period!: Period;

  @Field(() => Int, { description: 'Awareness rounds held (đợt tuyên truyền, vận động).' })
  awarenessRounds!: number;

  @Field(() => WholeNumber, { description: 'Units received at planned sessions.' })
  plannedUnits!: string;

  @Field(() => WholeNumber, { description: 'Units received answering emergency calls (hiến máu đột xuất).' })
  emergencyUnits!: string;

  @Field(() => WholeNumber, { description: 'All units received: planned and emergency.' })
  totalUnits!: string;

  @Field(() => Int, { nullable: true, description: 'With basis APPROVED: the version of the approved report read; none for LIVE.' })
  approvedVersion?: number | null;
}

/** The largest number of units one record may hold: a record is one day's collection. */
export const MAX_UNITS_PER_RECORD = 100_000;
const NOT_BLANK = /\S/;

@InputType({ description: 'A new blood donation programme; a name is used once per organiser.' })
export class BloodDonationProgrammeInput {
  @Field(() => String)
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  @Field(() => BloodDonationProgrammeScope)
  @IsIn(Object.values(BloodDonationProgrammeScope))
  scope!: BloodDonationProgrammeScope;

  @Field(() => ID, { description: 'The chapter that runs it: the national headquarters for a NATIONAL programme.' })
  @IsUUID()
  organiserChapterId!: string;
}

@InputType({ description: 'An awareness round a chapter held.' })
export class BloodDonationAwarenessRoundInput {
  @Field(() => ID)
  @IsUUID()
  chapterId!: string;

  @Field(() => LocalDate, { description: 'The day it was held: not before 23 November 1946 (the Society\'s founding), not after today (Vietnam time).' })
  heldOn!: string;

  @Field(() => ID, { nullable: true, description: 'The programme it was part of: a NATIONAL one, or a LOCAL one of the chapter or a chapter above it.' })
  @IsOptional()
  @IsUUID()
  programmeId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 1000)
  @Matches(NOT_BLANK, { message: 'note must not be blank' })
  note?: string | null;
}

@InputType({ description: 'Units of blood a chapter received on a day.' })
export class BloodUnitsReceivedInput {
  @Field(() => ID)
  @IsUUID()
  chapterId!: string;

  @Field(() => LocalDate, { description: 'The day they were received: not before 23 November 1946, not after today (Vietnam time).' })
  receivedOn!: string;

  @Field(() => Int, { description: `Units received, a whole number from 1 to ${MAX_UNITS_PER_RECORD}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_UNITS_PER_RECORD)
  units!: number;

  @Field(() => BloodUnitKind)
  @IsIn(Object.values(BloodUnitKind))
  kind!: BloodUnitKind;

  @Field(() => ID, { nullable: true, description: 'The programme they were received under: a NATIONAL one, or a LOCAL one of the chapter or a chapter above it.' })
  @IsOptional()
  @IsUUID()
  programmeId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 1000)
  @Matches(NOT_BLANK, { message: 'note must not be blank' })
  note?: string | null;
}
