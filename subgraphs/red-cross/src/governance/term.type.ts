import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { connectionOf } from '@hoi/common/pagination';

export const FIRST_YEAR = 1946; // the Vietnam Red Cross Society was founded on 23 November 1946
export const LAST_YEAR = 2100;
export const LONGEST_TERM_YEARS = 10;

@ObjectType({
  description: 'A term (nhiệm kỳ) of a chapter, e.g. "khóa VII, nhiệm kỳ 2022–2027": its Executive Committee (Ban Chấp hành), Inspection Committee (Ban Kiểm tra), office holders and adopted documents.',
})
export class Term {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'The term\'s number (khóa) as a Roman numeral, e.g. "VII"; null when unknown.' })
  ordinal!: string | null;

  @Field(() => Int, { nullable: true, description: 'The same number as an integer, e.g. 7.' })
  ordinalNumber!: number | null;

  @Field(() => Int, { description: 'The year the term starts (the congress, đại hội, that elects it).' })
  startYear!: number;

  @Field(() => Int, { description: 'The year the term ends; the next term starts that year, so consecutive terms share it.' })
  endYear!: number;

  @Field(() => String, { description: 'How the term is named, e.g. "khóa VII, nhiệm kỳ 2022–2027", or "nhiệm kỳ 2022–2027" without an ordinal.' })
  name!: string;

  chapterId!: string;
}

export const TermConnection = connectionOf(Term, 'Term', 'A page of a chapter\'s terms, newest first.');

@InputType({ description: 'A new term of a chapter; it may not overlap another term of the same chapter.' })
export class OpenTermInput {
  @Field(() => ID)
  @IsUUID()
  chapterId!: string;

  @Field(() => String, { nullable: true, description: 'The term\'s number (khóa) as an upper-case Roman numeral, e.g. "VII"; omit when unknown.' })
  @IsOptional()
  @IsString()
  @Matches(/^[IVXLCDM]{1,15}$/, { message: 'ordinal must be an upper-case Roman numeral such as VII' })
  ordinal?: string | null;

  @Field(() => Int)
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(LAST_YEAR)
  startYear!: number;

  @Field(() => Int, { description: `After startYear, at most ${LONGEST_TERM_YEARS} years later (terms usually last five).` })
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(LAST_YEAR)
  endYear!: number;
}
