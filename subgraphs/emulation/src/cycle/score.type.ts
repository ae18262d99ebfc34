import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { LocalDate } from '@hoi/common/dates';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { ClusterMember } from '../cluster/emulation-cluster.type.ts';
import { EmulationCriterion, MAX_CRITERIA, MAX_POINTS } from './criterion.type.ts';

@ObjectType({ description: 'The points a member scored (chấm điểm) on one criterion; one score per member and criterion.' })
export class EmulationScore {
  @Field(() => ClusterMember)
  member!: ClusterMember;

  @Field(() => EmulationCriterion)
  criterion!: EmulationCriterion;

  @Field(() => Int, { description: 'A whole number from 0 to the criterion\'s maxPoints.' })
  points!: number;

  @Field(() => LocalDate, { nullable: true, description: 'The day the score was recorded; null when the source does not say.' })
  scoredOn!: string | null;

  clusterId!: string;
}

@InputType({ description: 'The points on one criterion.' })
export class EmulationScoreInput {
  @Field(() => ID, { description: 'A criterion of this cluster year.' })
  @IsUUID()
  criterionId!: string;

  @Field(() => Int, { description: 'A whole number from 0 to the criterion\'s maxPoints.' })
  @IsInt()
  @Min(0)
  @Max(MAX_POINTS)
  points!: number;
}

@InputType({ description: 'A batch of scores of one member; each criterion is scored once.' })
export class RecordEmulationScoresInput {
  @Field(() => ID)
  @IsUUID()
  clusterId!: string;

  @Field(() => ID, { description: 'A member of this cluster.' })
  @IsUUID()
  memberId!: string;

  @Field(() => [EmulationScoreInput], { description: 'Scores on distinct criteria that the member has no score on yet.' })
  @ArrayMinSize(1, { message: 'scores must list at least one score' })
  @ArrayMaxSize(MAX_CRITERIA, { message: `scores must list at most ${MAX_CRITERIA} scores` })
  @ValidateNested()
  scores!: EmulationScoreInput[];

  @Field(() => LocalDate, { nullable: true, description: 'By default today in Vietnam; not before the criteria were set, not in the future.' })
  scoredOn?: string | null;
}
