import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { LocalDate } from '@hoi/common/dates';
import { IsInt, IsOptional, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { badInput } from '@hoi/common/errors';
import { connectionOf } from '@hoi/common/pagination';
import { NOT_BLANK } from '../club-life/record.rules.ts';

@ObjectType({
  description:
    'A scheme to replicate the club model (đề án nhân rộng mô hình CLB Liên thế hệ tự giúp nhau) that an association unit carries out over a period, with a target number of new clubs.',
})
export class ReplicationScheme {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'e.g. "Đề án thành lập CLB Liên thế hệ tự giúp nhau giai đoạn 2017 - 2020".' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Who approved it (cơ quan phê duyệt), e.g. the provincial People\'s Committee, when known.' })
  approvedBy!: string | null;

  @Field(() => LocalDate, { description: 'First day of the scheme\'s period.' })
  startsOn!: string;

  @Field(() => LocalDate, { description: 'Last day of the scheme\'s period.' })
  endsOn!: string;

  @Field(() => Int, { nullable: true, description: 'How many clubs it aims to found in the period; none when the scheme gives no number.' })
  targetClubs!: number | null;

  associationId!: string;
}

@ObjectType({ description: 'How far a replication scheme has got, computed in SQL from the clubs of the association\'s whole subtree.' })
export class ReplicationSchemeProgress {
  @Field(() => Int, { description: 'Clubs of the association and every unit below it founded within the scheme\'s period (ngày thành lập); clubs without a founding date do not count.' })
  clubsFounded!: number;

  @Field(() => Int, { nullable: true, description: 'The scheme\'s target, if it has one.' })
  targetClubs!: number | null;

  @Field(() => Int, { nullable: true, description: 'clubsFounded / targetClubs in basis points, from exact decimal arithmetic rounded half up (5833 = 58.33 %); none without a target.' })
  basisPoints!: number | null;
}

export const ReplicationSchemeConnection = connectionOf(ReplicationScheme, 'ReplicationScheme', 'A page of replication schemes, latest start first.');

export const EARLIEST_SCHEME_DAY = '1995-01-01';
export const LATEST_SCHEME_DAY = '2100-12-31';

@InputType({ description: 'A scheme\'s period: either a range of whole years (giai đoạn 2017 - 2020) or a first and a last day.' })
export class ReplicationSchemePeriodInput {
  @Field(() => Int, { nullable: true, description: 'First year, from 1995; with toYear.' })
  @IsOptional()
  @IsInt()
  @Min(1995)
  @Max(2100)
  fromYear?: number | null;

  @Field(() => Int, { nullable: true, description: 'Last year, included; with fromYear.' })
  @IsOptional()
  @IsInt()
  @Min(1995)
  @Max(2100)
  toYear?: number | null;

  @Field(() => LocalDate, { nullable: true, description: 'First day; with endsOn.' })
  startsOn?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Last day, included; with startsOn.' })
  endsOn?: string | null;
}

/** The first and last day of a scheme's period; `field` names the argument at fault. */
export function resolveSchemePeriod(period: ReplicationSchemePeriodInput, field = 'period'): { startsOn: string; endsOn: string } {
  const { fromYear, toYear, startsOn, endsOn } = period;
  const byYears = fromYear != null || toYear != null;
  const byDates = startsOn != null || endsOn != null;
  if (byYears && byDates) throw badInput(field, 'give either fromYear and toYear or startsOn and endsOn, not both');
  if (byYears) {
    if (fromYear == null) throw badInput(`${field}.fromYear`, 'fromYear is needed with toYear');
    if (toYear == null) throw badInput(`${field}.toYear`, 'toYear is needed with fromYear');
    if (toYear < fromYear) throw badInput(`${field}.toYear`, 'toYear is before fromYear');
    return { startsOn: `${fromYear}-01-01`, endsOn: `${toYear}-12-31` };
  }
  if (!byDates) throw badInput(field, 'give fromYear and toYear, or startsOn and endsOn');
  if (startsOn == null) throw badInput(`${field}.startsOn`, 'startsOn is needed with endsOn');
  if (endsOn == null) throw badInput(`${field}.endsOn`, 'endsOn is needed with startsOn');
  if (startsOn < EARLIEST_SCHEME_DAY) throw badInput(`${field}.startsOn`, `startsOn is before ${EARLIEST_SCHEME_DAY}`);
  if (endsOn > LATEST_SCHEME_DAY) throw badInput(`${field}.endsOn`, `endsOn is after ${LATEST_SCHEME_DAY}`);
  if (endsOn < startsOn) throw badInput(`${field}.endsOn`, 'endsOn is before startsOn');
  return { startsOn, endsOn };
}

@InputType({ description: 'A replication scheme an association unit adopts; a name is used once per association.' })
export class ReplicationSchemeInput {
  @Field(() => ID, { description: 'The association unit that carries it out; its whole subtree counts towards it.' })
  @IsUUID()
  associationId!: string;

  @Field(() => String)
  @Length(1, 300)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 300)
  @Matches(NOT_BLANK, { message: 'approvedBy must not be blank' })
  approvedBy?: string | null;

  @Field(() => ReplicationSchemePeriodInput)
  @ValidateNested()
  period!: ReplicationSchemePeriodInput;

  @Field(() => Int, { nullable: true, description: 'How many clubs to found in the period, from 1 to 100000; omitted when the scheme gives no number.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  targetClubs?: number | null;
}
