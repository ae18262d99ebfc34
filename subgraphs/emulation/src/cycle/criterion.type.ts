import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { LocalDate } from '@hoi/common/dates';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export const MAX_CRITERIA = 50;
export const MAX_POINTS = 1000;

@ObjectType({ description: 'A scoring criterion (tiêu chí chấm điểm thi đua) of a cluster year.' })
export class EmulationCriterion {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Its place in the cluster\'s list, from 1.' })
  position!: number;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Int, { description: 'Its weight (trọng số), 1..100; the weights of a cluster year add up to 100.' })
  weight!: number;

  @Field(() => Int, { description: 'The points it is scored out of: a score is a whole number from 0 to this.' })
  maxPoints!: number;

  clusterId!: string;
}

@InputType({ description: 'One criterion, in the order the criteria are listed.' })
export class EmulationCriterionInput {
  @Field(() => String, { description: 'In Vietnamese; unique within the cluster year, whatever the letter case.' })
  @IsString()
  @MaxLength(300)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(/\S/, { message: 'description must not be blank' })
  description?: string | null;

  @Field(() => Int, { description: 'A whole number from 1 to 100.' })
  @IsInt()
  @Min(1)
  @Max(100)
  weight!: number;

  @Field(() => Int, { description: `A whole number from 1 to ${MAX_POINTS}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_POINTS)
  maxPoints!: number;
}

@InputType({ description: 'All the criteria of a cluster year at once; they replace any set before, until scoring starts.' })
export class SetEmulationCriteriaInput {
  @Field(() => ID)
  @IsUUID()
  clusterId!: string;

  @Field(() => [EmulationCriterionInput], { description: `1 to ${MAX_CRITERIA} criteria whose weights add up to 100.` })
  @ArrayMinSize(1, { message: 'criteria must list at least one criterion' })
  @ArrayMaxSize(MAX_CRITERIA, { message: `criteria must list at most ${MAX_CRITERIA} criteria` })
  @ValidateNested()
  criteria!: EmulationCriterionInput[];

  @Field(() => LocalDate, { nullable: true, description: 'By default today in Vietnam; from the year before the cluster\'s to the year after, not in the future.' })
  setOn?: string | null;
}
