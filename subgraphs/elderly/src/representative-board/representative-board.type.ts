import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '@hoi/common/dates';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export enum RepresentativeBoardRole {
  HEAD = 'HEAD',
  DEPUTY_HEAD = 'DEPUTY_HEAD',
  MEMBER = 'MEMBER',
}
registerEnumType(RepresentativeBoardRole, {
  name: 'RepresentativeBoardRole',
  description: 'A seat on the Representative Board (Ban đại diện) of a provincial Elderly Association.',
  valuesConfig: {
    HEAD: { description: 'Head of the Representative Board (Trưởng Ban đại diện); one at a time.' },
    DEPUTY_HEAD: { description: 'Deputy head (Phó Trưởng Ban đại diện).' },
    MEMBER: { description: 'Member of the board (ủy viên).' },
  },
});

/** The order seats are listed in: the head first. */
export const BOARD_ROLE_ORDER: readonly RepresentativeBoardRole[] = Object.values(RepresentativeBoardRole);

/** The Vietnam Association of the Elderly was founded on 10 May 1995: no board seat starts earlier. */
export const ASSOCIATION_FOUNDED_ON = '1995-05-10';

@ObjectType({ description: 'A person on the Representative Board (Ban đại diện, BĐD) of a provincial Elderly Association unit.' })
export class RepresentativeBoardMember {
  @Field(() => ID)
  id!: string;

  @Field(() => RepresentativeBoardRole)
  role!: RepresentativeBoardRole;

  @Field(() => String, { description: 'Full name in Vietnamese order, without "ông"/"bà", e.g. "Nguyễn Tiến Lợi".' })
  personName!: string;

  @Field(() => String, { nullable: true, description: 'An office the person holds outside the association, if any.' })
  outsideRole!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Day the person took the seat; null when not known.' })
  startedOn!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Day the person left the seat (a successor may start that day); null: still on the board.' })
  endedOn!: string | null;

  associationId!: string;
}

@InputType({ description: 'Someone taking a seat on the Representative Board of a provincial association unit; the board has one head at a time.' })
export class AppointRepresentativeBoardMemberInput {
  @Field(() => ID, { description: 'A PROVINCE-level association unit: only those have a Representative Board.' })
  @IsUUID()
  associationId!: string;

  @Field(() => RepresentativeBoardRole)
  @IsIn(Object.values(RepresentativeBoardRole))
  role!: RepresentativeBoardRole;

  @Field(() => String, { description: 'Full name, without "ông"/"bà"; stored in Unicode NFC.' })
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: 'personName must not be blank' })
  personName!: string;

  @Field(() => String, { nullable: true, description: 'An office the person holds outside the association, if any.' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Matches(/\S/, { message: 'outsideRole must not be blank' })
  outsideRole?: string | null;

  @Field(() => LocalDate, { nullable: true, description: `Not before ${ASSOCIATION_FOUNDED_ON}, not after today (Vietnam time); omit when not known.` })
  startedOn?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'After startedOn; omit while on the board.' })
  endedOn?: string | null;
}
