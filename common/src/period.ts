import { Directive, Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from './dates.ts';
import { IsInt, Max, Min } from 'class-validator';
import { badInput } from './errors.ts';

/**
 * Reporting periods are explicit: a type and its number in a year, from which the first and last
 * day follow. Stored as (type, start, end), so SQL can compare and group by dates.
 */
export enum PeriodType {
  YEAR = 'YEAR',
  HALF_YEAR = 'HALF_YEAR',
  QUARTER = 'QUARTER',
  MONTH = 'MONTH',
}
registerEnumType(PeriodType, {
  name: 'PeriodType',
  description: 'Kind of reporting period (kỳ báo cáo).',
  valuesConfig: {
    YEAR: { description: 'A calendar year (năm).' },
    HALF_YEAR: { description: 'A half-year (6 tháng): index 1 is January–June, 2 is July–December.' },
    QUARTER: { description: 'A quarter (quý), index 1–4.' },
    MONTH: { description: 'A month (tháng), index 1–12.' },
  },
});

const MONTHS: Record<PeriodType, number> = { YEAR: 12, HALF_YEAR: 6, QUARTER: 3, MONTH: 1 };
const COUNT: Record<PeriodType, number> = { YEAR: 1, HALF_YEAR: 2, QUARTER: 4, MONTH: 12 };

@InputType('PeriodInput', { description: 'A reporting period: its type, year, and its number within the year (not for YEAR).' })
export class PeriodInput {
  @Field(() => PeriodType)
  type!: PeriodType;

  @Field(() => Int)
  @IsInt()
  @Min(1945)
  @Max(2100)
  year!: number;

  @Field(() => Int, { nullable: true, description: 'Half-year 1–2, quarter 1–4 or month 1–12; omitted for a YEAR.' })
  index?: number | null;
}

@ObjectType({ description: 'A reporting period with its first and last day.' })
@Directive('@shareable')
export class Period {
  @Field(() => PeriodType)
  type!: PeriodType;

  @Field(() => Int)
  year!: number;

  @Field(() => Int, { nullable: true })
  index!: number | null;

  @Field(() => LocalDate, { description: 'First day of the period.' })
  start!: string;

  @Field(() => LocalDate, { description: 'Last day of the period.' })
  end!: string;
}

const isoDate = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Checks a period input and gives its first and last day; `field` names the argument at fault. */
export function resolvePeriod(input: PeriodInput, field = 'period'): Period {
  const { type, year } = input;
  const count = COUNT[type];
  let index: number | null = input.index ?? null;
  if (type === PeriodType.YEAR) {
    if (index != null && index !== 1) throw badInput(`${field}.index`, 'a YEAR has no index');
    index = null;
  } else if (index == null || !Number.isInteger(index) || index < 1 || index > count) {
    throw badInput(`${field}.index`, `a ${type} needs an index from 1 to ${count}`);
  }
  const firstMonth = ((index ?? 1) - 1) * MONTHS[type] + 1;
  const lastMonth = firstMonth + MONTHS[type] - 1;
  return { type, year, index, start: isoDate(year, firstMonth, 1), end: isoDate(year, lastMonth, lastDay(year, lastMonth)) };
}

/** Rebuilds a period from what is stored: its type and first day. */
export function storedPeriod(type: string, start: string): Period {
  const [year, month] = start.split('-').map(Number);
  const periodType = type as PeriodType;
  const index = periodType === PeriodType.YEAR ? null : Math.floor((month - 1) / MONTHS[periodType]) + 1;
  return resolvePeriod({ type: periodType, year, index });
}
