import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '@hoi/common/dates';
import { IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { connectionOf } from '@hoi/common/pagination';

export enum OfficeRole {
  CHAIR = 'CHAIR',
  VICE_CHAIR = 'VICE_CHAIR',
  HONORARY_CHAIR = 'HONORARY_CHAIR',
  EXECUTIVE_COMMITTEE_MEMBER = 'EXECUTIVE_COMMITTEE_MEMBER',
  INSPECTION_COMMITTEE_CHAIR = 'INSPECTION_COMMITTEE_CHAIR',
  INSPECTION_COMMITTEE_MEMBER = 'INSPECTION_COMMITTEE_MEMBER',
}
registerEnumType(OfficeRole, {
  name: 'OfficeRole',
  description: 'An office or a committee seat in a term.',
  valuesConfig: {
    CHAIR: { description: 'Chair (Chủ tịch); one at a time.' },
    VICE_CHAIR: { description: 'Vice chair (Phó Chủ tịch); often several.' },
    HONORARY_CHAIR: { description: 'Honorary chair (Chủ tịch danh dự), often a provincial leader; one at a time.' },
    EXECUTIVE_COMMITTEE_MEMBER: { description: 'Member of the Executive Committee (Ủy viên Ban Chấp hành) without another office.' },
    INSPECTION_COMMITTEE_CHAIR: { description: 'Head of the Inspection Committee (Trưởng Ban Kiểm tra); one at a time.' },
    INSPECTION_COMMITTEE_MEMBER: { description: 'Member of the Inspection Committee (Ủy viên Ban Kiểm tra).' },
  },
});

/** Offices held by one person at a time in a term. */
export const SINGLE_HOLDER_ROLES: readonly OfficeRole[] = [OfficeRole.CHAIR, OfficeRole.HONORARY_CHAIR, OfficeRole.INSPECTION_COMMITTEE_CHAIR];
/** Seats of the Executive Committee: the chair and vice chairs are members of it too. */
export const EXECUTIVE_COMMITTEE_ROLES: readonly OfficeRole[] = [OfficeRole.CHAIR, OfficeRole.VICE_CHAIR, OfficeRole.EXECUTIVE_COMMITTEE_MEMBER];
export const INSPECTION_COMMITTEE_ROLES: readonly OfficeRole[] = [OfficeRole.INSPECTION_COMMITTEE_CHAIR, OfficeRole.INSPECTION_COMMITTEE_MEMBER];
/** The order offices are listed in. */
export const ROLE_ORDER: readonly OfficeRole[] = Object.values(OfficeRole);

@ObjectType({ description: 'A person holding an office or a committee seat in a term (người giữ chức danh).' })
export class OfficeHolder {
  @Field(() => ID)
  id!: string;

  @Field(() => OfficeRole)
  role!: OfficeRole;

  @Field(() => String, { description: 'Full name in Vietnamese order, without "ông"/"bà", e.g. "Lê Thị Thu Hồng".' })
  personName!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The office the person holds outside the Red Cross, e.g. "Phó Bí thư Thường trực Tỉnh uỷ, Chủ tịch HĐND tỉnh Bắc Giang".',
  })
  outsideRole!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Day the person took office; null: from the start of the term or unknown.' })
  tookOfficeOn!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Day the person left office (the successor may start that day); null: still in office or until the end of the term.' })
  leftOfficeOn!: string | null;

  termId!: string;
}

export const OfficeHolderConnection = connectionOf(OfficeHolder, 'OfficeHolder', 'A page of office holders, by office then name.');

@InputType({ description: 'Someone taking an office or a committee seat in a term. A single-holder office (chair, honorary chair, head of the Inspection Committee) has one holder at a time.' })
export class AppointOfficeHolderInput {
  @Field(() => ID)
  @IsUUID()
  termId!: string;

  @Field(() => OfficeRole)
  @IsEnum(OfficeRole)
  role!: OfficeRole;

  @Field(() => String, { description: 'Full name, without "ông"/"bà"; stored in Unicode NFC.' })
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: 'personName must not be blank' })
  personName!: string;

  @Field(() => String, { nullable: true, description: 'The office the person holds outside the Red Cross, if any.' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Matches(/\S/, { message: 'outsideRole must not be blank' })
  outsideRole?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Within the term\'s years; omit for the start of the term.' })
  tookOfficeOn?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'After tookOfficeOn and within the term\'s years; omit while in office.' })
  leftOfficeOn?: string | null;
}
