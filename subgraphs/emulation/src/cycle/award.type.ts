import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '@hoi/common/dates';
import { IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ClusterMember } from '../cluster/emulation-cluster.type.ts';

/**
 * Emulation titles for collectives (danh hiệu thi đua đối với tập thể) of the Law on Emulation and
 * Commendation 2022 (Luật Thi đua, khen thưởng, số 06/2022/QH15), in their Vietnamese wording.
 */
export enum EmulationTitle {
  GOVERNMENT_EMULATION_FLAG = 'GOVERNMENT_EMULATION_FLAG',
  MINISTRY_PROVINCE_EMULATION_FLAG = 'MINISTRY_PROVINCE_EMULATION_FLAG',
  EXCELLENT_LABOUR_COLLECTIVE = 'EXCELLENT_LABOUR_COLLECTIVE',
  ADVANCED_LABOUR_COLLECTIVE = 'ADVANCED_LABOUR_COLLECTIVE',
}
registerEnumType(EmulationTitle, {
  name: 'EmulationTitle',
  description:
    'An emulation title for a collective (danh hiệu thi đua đối với tập thể) named by the Law on Emulation and Commendation 2022 (Luật Thi đua, khen thưởng 2022, số 06/2022/QH15), which a cluster votes (suy tôn) for its members. Members are organisations, so the law\'s titles for individuals ("Chiến sĩ thi đua toàn quốc", "Chiến sĩ thi đua cơ sở", "Lao động tiên tiến"…) and for households are not listed, nor the armed forces\' equivalents ("Đơn vị quyết thắng", "Đơn vị tiên tiến").',
  valuesConfig: {
    GOVERNMENT_EMULATION_FLAG: { description: '"Cờ thi đua của Chính phủ": the Government\'s emulation flag, for the most outstanding collectives leading their clusters and blocs.' },
    MINISTRY_PROVINCE_EMULATION_FLAG: {
      description:
        '"Cờ thi đua của bộ, ban, ngành, tỉnh": the emulation flag of a ministry, central body or province; the 2022 law\'s "bộ, ban, ngành, tỉnh" takes in the central bodies of mass organisations, what earlier texts call "Cờ thi đua cấp bộ, ban, ngành, tỉnh, đoàn thể trung ương".',
    },
    EXCELLENT_LABOUR_COLLECTIVE: { description: '"Tập thể lao động xuất sắc": excellent labour collective.' },
    ADVANCED_LABOUR_COLLECTIVE: { description: '"Tập thể lao động tiên tiến": advanced labour collective.' },
  },
});

/** Forms of commendation (hình thức khen thưởng) of the same law that a collective can be proposed for. */
export enum CommendationForm {
  LABOUR_ORDER_FIRST_CLASS = 'LABOUR_ORDER_FIRST_CLASS',
  LABOUR_ORDER_SECOND_CLASS = 'LABOUR_ORDER_SECOND_CLASS',
  LABOUR_ORDER_THIRD_CLASS = 'LABOUR_ORDER_THIRD_CLASS',
  PRIME_MINISTER_CERTIFICATE_OF_MERIT = 'PRIME_MINISTER_CERTIFICATE_OF_MERIT',
  MINISTRY_PROVINCE_CERTIFICATE_OF_MERIT = 'MINISTRY_PROVINCE_CERTIFICATE_OF_MERIT',
  CERTIFICATE_OF_COMMENDATION = 'CERTIFICATE_OF_COMMENDATION',
}
registerEnumType(CommendationForm, {
  name: 'CommendationForm',
  description:
    'A form of commendation (hình thức khen thưởng) named by the Law on Emulation and Commendation 2022 (Luật Thi đua, khen thưởng 2022) that a cluster proposes (đề nghị) for a member. The law\'s other forms (other orders, medals, honorary titles of the State, the Hồ Chí Minh and State prizes, commemorative medals) are not listed.',
  valuesConfig: {
    LABOUR_ORDER_FIRST_CLASS: { description: '"Huân chương Lao động hạng Nhất": the Labour Order, first class.' },
    LABOUR_ORDER_SECOND_CLASS: { description: '"Huân chương Lao động hạng Nhì": the Labour Order, second class.' },
    LABOUR_ORDER_THIRD_CLASS: { description: '"Huân chương Lao động hạng Ba": the Labour Order, third class.' },
    PRIME_MINISTER_CERTIFICATE_OF_MERIT: { description: '"Bằng khen của Thủ tướng Chính phủ": the Prime Minister\'s certificate of merit.' },
    MINISTRY_PROVINCE_CERTIFICATE_OF_MERIT: {
      description:
        '"Bằng khen của bộ, ban, ngành, tỉnh": the certificate of merit of a ministry, central body (central bodies of mass organisations included) or province; earlier texts: "Bằng khen cấp bộ, ban, ngành, tỉnh, đoàn thể trung ương".',
    },
    CERTIFICATE_OF_COMMENDATION: { description: '"Giấy khen": a certificate of commendation.' },
  },
});

@ObjectType({ description: 'An emulation title the cluster voted (suy tôn) for a member.' })
export class EmulationTitleAward {
  @Field(() => ID)
  id!: string;

  @Field(() => ClusterMember)
  member!: ClusterMember;

  @Field(() => EmulationTitle)
  title!: EmulationTitle;

  @Field(() => LocalDate, { nullable: true, description: 'The day of the vote; null when the source does not say.' })
  votedOn!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  clusterId!: string;
}

@ObjectType({ description: 'A commendation the cluster proposed (đề nghị khen thưởng) for a member, to the authority that awards it.' })
export class CommendationProposal {
  @Field(() => ID)
  id!: string;

  @Field(() => ClusterMember)
  member!: ClusterMember;

  @Field(() => CommendationForm)
  form!: CommendationForm;

  @Field(() => LocalDate, { nullable: true, description: 'The day of the proposal; null when the source does not say.' })
  proposedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'The achievement it rewards, in Vietnamese.' })
  reason!: string | null;

  clusterId!: string;
}

@InputType({ description: 'A title voted for a member; once the cycle is RANKED. A member gets a title once.' })
export class VoteEmulationTitleInput {
  @Field(() => ID)
  @IsUUID()
  clusterId!: string;

  @Field(() => ID, { description: 'A member of this cluster.' })
  @IsUUID()
  memberId!: string;

  @Field(() => EmulationTitle)
  @IsEnum(EmulationTitle)
  title!: EmulationTitle;

  @Field(() => LocalDate, { nullable: true, description: 'By default today in Vietnam; not before the ranking, not in the future.' })
  votedOn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(/\S/, { message: 'note must not be blank' })
  note?: string | null;
}

@InputType({ description: 'A commendation proposed for a member; once the cycle is RANKED. A member is proposed for a form once.' })
export class ProposeEmulationCommendationInput {
  @Field(() => ID)
  @IsUUID()
  clusterId!: string;

  @Field(() => ID, { description: 'A member of this cluster.' })
  @IsUUID()
  memberId!: string;

  @Field(() => CommendationForm)
  @IsEnum(CommendationForm)
  form!: CommendationForm;

  @Field(() => LocalDate, { nullable: true, description: 'By default today in Vietnam; not before the ranking, not in the future.' })
  proposedOn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason?: string | null;
}
