import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { IsInt, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { Period, PeriodInput } from '@hoi/common/period';
import { Vnd, WholeNumber } from '@hoi/common/scalars';
import { MAX_RELIEF_VND } from '../relief/relief-activity.type.ts';

export enum TargetMetric {
  GIFT_PACKAGES = 'GIFT_PACKAGES',
  RED_CROSS_HOUSE_STARTED = 'RED_CROSS_HOUSE_STARTED',
  RED_CROSS_HOUSE_HANDED_OVER = 'RED_CROSS_HOUSE_HANDED_OVER',
  LIGHTING_WORKS = 'LIGHTING_WORKS',
  HUMANITARIAN_MARKET = 'HUMANITARIAN_MARKET',
  LIVELIHOOD_SUPPORT = 'LIVELIHOOD_SUPPORT',
  FREE_MEALS = 'FREE_MEALS',
  REGULAR_ASSISTANCE = 'REGULAR_ASSISTANCE',
  EMERGENCY_ASSISTANCE = 'EMERGENCY_ASSISTANCE',
  OTHER_SUPPORT = 'OTHER_SUPPORT',
  PEOPLE_REACHED = 'PEOPLE_REACHED',
  VALUE_VND = 'VALUE_VND',
}
registerEnumType(TargetMetric, {
  name: 'TargetMetric',
  description: 'What a target (chỉ tiêu) counts: the quantity of one relief kind, people reached, or value in VND.',
});

@ObjectType({
  description: 'A target (chỉ tiêu) a parent chapter sets for one child chapter, per chapter rather than flat ("không cào bằng"), with its achievement computed in SQL.',
})
export class Target {
  @Field(() => ID)
  id!: string;

  @Field(() => TargetMetric)
  metric!: TargetMetric;

  @Field(() => Period)
  period!: Period;

  @Field(() => Vnd, { description: 'The target value, in the metric\'s unit (VND for VALUE_VND).' })
  value!: string | number;

  setterChapterId!: string;
  chapterId!: string;
  campaignId!: string | null;
}

@ObjectType({ description: 'What a chapter\'s subtree achieved against a target.' })
export class TargetAchievement {
  @Field(() => WholeNumber, { description: 'The actual figure, in the metric\'s unit (đồng for VALUE_VND), from the relief activities of the chapter\'s subtree in the period (and campaign).' })
  actual!: string;

  @Field(() => WholeNumber, { description: 'actual / target in basis points, rounded half up ("10950" = 109.50 %).' })
  basisPoints!: string;

  @Field(() => String, { description: 'actual / target as an exact percentage with two decimals, e.g. "109.50".' })
  percent!: string;
}

@InputType({ description: 'A target set by a chapter for one of its children.' })
export class TargetInput {
  @Field(() => ID, { description: 'The chapter that sets the target: the parent.' })
  @IsUUID()
  setterChapterId!: string;

  @Field(() => ID, { description: 'The child chapter that receives it.' })
  @IsUUID()
  chapterId!: string;

  @Field(() => TargetMetric)
  metric!: TargetMetric;

  @Field(() => ID, { nullable: true, description: 'Counts only activities under this campaign.' })
  @IsOptional()
  @IsUUID()
  campaignId?: string | null;

  @Field(() => PeriodInput)
  @ValidateNested()
  period!: PeriodInput;

  @Field(() => Vnd, { description: `From 1 to ${MAX_RELIEF_VND.toLocaleString('en-US')}: a target is at most what one relief record may carry.` })
  @IsInt()
  @Min(1)
  @Max(MAX_RELIEF_VND)
  value!: number;
}
