import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { LocalDate } from '@hoi/common/dates';
import { connectionOf } from '@hoi/common/pagination';
import { Period } from '@hoi/common/period';
import { AdministrativeUnitReference, UnitEdition } from '@hoi/common/references';
import { Vnd, VndTotal, WholeNumber } from '@hoi/common/scalars';

export enum ReliefKind {
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
}
registerEnumType(ReliefKind, {
  name: 'ReliefKind',
  description: 'What a relief activity gave; `quantity` counts in the unit each kind names.',
  valuesConfig: {
    GIFT_PACKAGES: { description: 'Gift packages (suất quà); quantity in packages.' },
    RED_CROSS_HOUSE_STARTED: { description: 'Red Cross houses started (khởi công nhà chữ thập đỏ); quantity in houses.' },
    RED_CROSS_HOUSE_HANDED_OVER: { description: 'Red Cross houses handed over (trao tặng nhà chữ thập đỏ); quantity in houses.' },
    LIGHTING_WORKS: { description: 'Street-lighting works (công trình đường điện chiếu sáng); quantity in works.' },
    HUMANITARIAN_MARKET: { description: 'Humanitarian markets (chợ nhân đạo); quantity in markets held.' },
    LIVELIHOOD_SUPPORT: { description: 'Livelihood support (hỗ trợ sinh kế); quantity in families.' },
    FREE_MEALS: { description: 'Free meals at hospitals (bữa ăn miễn phí); quantity in meals.' },
    REGULAR_ASSISTANCE: { description: 'Regular assistance to people in hardship (trợ giúp thường xuyên); quantity in cases (lượt).' },
    EMERGENCY_ASSISTANCE: { description: 'Emergency assistance (trợ giúp đột xuất) after disasters or accidents; quantity in cases (lượt).' },
    OTHER_SUPPORT: { description: 'Other goods and necessities (đồ dùng, nhu yếu phẩm khác); quantity in lots.' },
  },
});

@ObjectType({ description: 'Relief figures added up: activities, quantity, people reached (lượt người hưởng lợi) and value.' })
export class ReliefFigures {
  @Field(() => Int, { description: 'How many activity records.' })
  activities!: number;

  @Field(() => WholeNumber, { description: 'Sum of quantities; meaningful when the rows share one kind.' })
  quantity!: string;

  @Field(() => WholeNumber, { description: 'People reached (lượt người được hưởng lợi).' })
  peopleReached!: string;

  @Field(() => VndTotal, { description: 'Value in VND (tổng trị giá).' })
  valueVnd!: string;
}

@ObjectType({ description: 'A humanitarian relief activity (hoạt động nhân đạo) of a chapter, optionally under a campaign.' })
export class ReliefActivity {
  @Field(() => ID)
  id!: string;

  @Field(() => ReliefKind)
  kind!: ReliefKind;

  @Field(() => Int)
  quantity!: number;

  @Field(() => Int)
  peopleReached!: number;

  @Field(() => Vnd)
  valueVnd!: string | number;

  @Field(() => LocalDate, { description: 'When it took place; a batch reported for a period carries the period\'s last day.' })
  occurredOn!: string;

  @Field(() => String, { nullable: true })
  note!: string | null;

  chapterId!: string;
  campaignId!: string | null;
}

export const ReliefActivityConnection = connectionOf(ReliefActivity, 'ReliefActivity', 'A page of relief activities, newest first.');

/**
 * The largest value one record may carry: 10,000 billion đồng, above the whole Society's yearly
 * relief (a few thousand billion), so even a national batch for a year fits, and a sum of
 * records stays exact however many there are (totals are VndTotal).
 */
export const MAX_RELIEF_VND = 10_000_000_000_000;

@InputType({ description: 'A relief activity to record.' })
export class ReliefActivityInput {
  @Field(() => ID)
  @IsUUID()
  chapterId!: string;

  @Field(() => ID, { nullable: true, description: 'The campaign it belongs to; the chapter must be in the organiser\'s subtree.' })
  @IsOptional()
  @IsUUID()
  campaignId?: string | null;

  @Field(() => ReliefKind)
  kind!: ReliefKind;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  quantity!: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  peopleReached!: number;

  @Field(() => Vnd, { description: `From 0 to ${MAX_RELIEF_VND.toLocaleString('en-US')} đồng.` })
  @IsInt()
  @Min(0)
  @Max(MAX_RELIEF_VND)
  valueVnd!: number;

  @Field(() => LocalDate)
  occurredOn!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 500)
  note?: string | null;
}

export enum ReliefDimension {
  KIND = 'KIND',
  CAMPAIGN = 'CAMPAIGN',
  CHILD_CHAPTER = 'CHILD_CHAPTER',
  MONTH = 'MONTH',
  PROVINCE = 'PROVINCE',
}
registerEnumType(ReliefDimension, {
  name: 'ReliefDimension',
  description: 'What a relief summary groups by.',
  valuesConfig: {
    KIND: { description: 'The kind of relief.' },
    CAMPAIGN: { description: 'The campaign (none for activities outside campaigns).' },
    CHILD_CHAPTER: { description: 'The chapter directly under the summarised one whose subtree did the activity.' },
    MONTH: { description: 'The calendar month, "YYYY-MM".' },
    PROVINCE: { description: 'The province of the chapter that did the activity, in the summary\'s `unitEdition`: with CURRENT, old provinces roll up into today\'s (Bắc Giang into Bắc Ninh; Yên Bái and Lào Cai into Lào Cai).' },
  },
});

@ObjectType({ description: 'One group of a relief summary: the dimensions asked for, and the figures.' })
export class ReliefSummaryRow extends ReliefFigures {
  @Field(() => ReliefKind, { nullable: true })
  kind!: ReliefKind | null;

  @Field(() => String, { nullable: true, description: 'The month, "YYYY-MM".' })
  month!: string | null;

  @Field(() => AdministrativeUnitReference, { nullable: true })
  province!: AdministrativeUnitReference | null;

  campaignId!: string | null;
  childChapterId!: string | null;
}

@ObjectType({ description: 'Relief of a chapter\'s whole subtree over a period, grouped as asked, computed in one SQL statement.' })
export class ReliefSummary {
  @Field(() => Period)
  period!: Period;

  @Field(() => [ReliefDimension])
  groupBy!: ReliefDimension[];

  @Field(() => UnitEdition)
  unitEdition!: UnitEdition;

  @Field(() => [ReliefSummaryRow])
  rows!: ReliefSummaryRow[];

  @Field(() => ReliefFigures, { description: 'All rows together.' })
  total!: ReliefFigures;

  @Field(() => Int, { nullable: true, description: 'With basis APPROVED: the version of the approved report read; none for LIVE.' })
  approvedVersion?: number | null;

  chapterId!: string;
}

@ObjectType({ description: 'Relief of one month; months without activity are present with zeros.' })
export class MonthlyRelief extends ReliefFigures {
  @Field(() => String, { description: '"YYYY-MM".' })
  month!: string;

  @Field(() => Int, { nullable: true, description: 'With basis APPROVED: the version of the approved report read; none for LIVE.' })
  approvedVersion?: number | null;
}
