import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '@hoi/common/dates';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

export enum RegulationStatus {
  ADOPTED = 'ADOPTED',
  REJECTED = 'REJECTED',
}
registerEnumType(RegulationStatus, {
  name: 'RegulationStatus',
  description: 'The outcome of the vote (biểu quyết) on a regulation.',
  valuesConfig: {
    ADOPTED: { description: 'Adopted (thông qua): more than half of the votes cast were for it.' },
    REJECTED: { description: 'Not adopted: at most half of the votes cast were for it.' },
  },
});

/** Votes cast: for, against and abstaining together (an abstention is a vote cast). */
export const votesCast = (votesFor: number, votesAgainst: number, votesAbstaining: number) => votesFor + votesAgainst + votesAbstaining;
/** Adopted only when the votes for are more than half of the votes cast. */
export const outcomeOf = (votesFor: number, cast: number) => (votesFor * 2 > cast ? RegulationStatus.ADOPTED : RegulationStatus.REJECTED);

@ObjectType({ description: 'A regulation of a cluster (quy chế hoạt động của Cụm), voted on by its members.' })
export class Regulation {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Title in Vietnamese, e.g. "Quy chế hoạt động của Cụm thi đua".' })
  title!: string;

  @Field(() => RegulationStatus)
  status!: RegulationStatus;

  @Field(() => Int, { nullable: true, description: 'Votes for; the three counts are null together when the source gives only the outcome.' })
  votesFor!: number | null;

  @Field(() => Int, { nullable: true })
  votesAgainst!: number | null;

  @Field(() => Int, { nullable: true })
  votesAbstaining!: number | null;

  @Field(() => Int, { nullable: true, description: 'Votes cast: for, against and abstaining together; null when the counts are unknown.' })
  votesCast!: number | null;

  @Field(() => LocalDate, { nullable: true, description: 'The day of the vote, the adoption date of an adopted regulation; null when unknown.' })
  votedOn!: string | null;

  clusterId!: string;
  meetingId!: string | null;
}

@InputType({
  description: 'The vote on a cluster\'s regulation. Give the counts (the outcome follows from them: adopted only when the votes for are more than half of the votes cast), or, when the source gives only the outcome, the status alone.',
})
export class RecordRegulationVoteInput {
  @Field(() => ID)
  @IsUUID()
  clusterId!: string;

  @Field(() => String, { description: 'Title in Vietnamese; stored in Unicode NFC.' })
  @IsString()
  @MaxLength(500)
  @Matches(/\S/, { message: 'title must not be blank' })
  title!: string;

  @Field(() => Int, { nullable: true, description: 'Give the three counts together, or none.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  votesFor?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  votesAgainst?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  votesAbstaining?: number | null;

  @Field(() => RegulationStatus, { nullable: true, description: 'Required without counts; with counts, optional and must agree with them.' })
  @IsOptional()
  @IsEnum(RegulationStatus)
  status?: RegulationStatus | null;

  @Field(() => LocalDate, { nullable: true, description: 'In the cluster\'s year or the next, not in the future; by default the meeting\'s date.' })
  votedOn?: string | null;

  @Field(() => ID, { nullable: true, description: 'The cluster\'s meeting the vote took place at.' })
  @IsOptional()
  @IsUUID()
  meetingId?: string | null;
}
