import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '@hoi/common/dates';
import { IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ClusterMember } from '../cluster/emulation-cluster.type.ts';

export enum EmulationRegistrationKind {
  COMMITMENT = 'COMMITMENT',
  MODEL_PROGRAMME = 'MODEL_PROGRAMME',
}
registerEnumType(EmulationRegistrationKind, {
  name: 'EmulationRegistrationKind',
  description: 'What a member registers at the start of an emulation year.',
  valuesConfig: {
    COMMITMENT: { description: 'An emulation commitment (giao ước thi đua, đăng ký thi đua).' },
    MODEL_PROGRAMME: { description: 'A model programme it undertakes to build (xây dựng mô hình điểm, mẫu), e.g. "Phát triển điểm, trạm sơ cứu CTĐ".' },
  },
});

@ObjectType({ description: 'An emulation commitment or model programme a member registered (đăng ký) for the cluster year.' })
export class EmulationRegistration {
  @Field(() => ID)
  id!: string;

  @Field(() => ClusterMember, { description: 'The member that registered it.' })
  member!: ClusterMember;

  @Field(() => EmulationRegistrationKind)
  kind!: EmulationRegistrationKind;

  @Field(() => String, { description: 'As the member words it, in Vietnamese, e.g. "Dinh dưỡng cho trẻ em nghèo, khuyết tật".' })
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'The day it was registered; null when the source does not say.' })
  registeredOn!: string | null;

  clusterId!: string;
}

@InputType({ description: 'A commitment or model programme of a member; only while the cycle is at REGISTRATION.' })
export class RegisterEmulationCommitmentInput {
  @Field(() => ID)
  @IsUUID()
  clusterId!: string;

  @Field(() => ID, { description: 'A member of this cluster.' })
  @IsUUID()
  memberId!: string;

  @Field(() => EmulationRegistrationKind)
  @IsEnum(EmulationRegistrationKind)
  kind!: EmulationRegistrationKind;

  @Field(() => String, { description: 'In Vietnamese; a member registers a title once per kind.' })
  @IsString()
  @MaxLength(300)
  @Matches(/\S/, { message: 'title must not be blank' })
  title!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(/\S/, { message: 'description must not be blank' })
  description?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'By default today in Vietnam; from the year before the cluster\'s to the year after, not in the future.' })
  registeredOn?: string | null;
}
