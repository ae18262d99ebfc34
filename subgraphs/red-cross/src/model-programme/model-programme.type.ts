import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsInt, IsOptional, IsUUID, Length, Matches, Max, Min } from 'class-validator';

@ObjectType({
  description: 'A model programme (mô hình điểm) a chapter registered to build in a year, e.g. "Phát triển điểm, trạm sơ cứu CTĐ".',
})
export class ModelProgramme {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The year it is registered for.' })
  year!: number;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  chapterId!: string;
}

const NOT_BLANK = /\S/;

@InputType({ description: 'A model programme a chapter registers for a year; a chapter registers a name once a year.' })
export class ModelProgrammeInput {
  @Field(() => ID)
  @IsUUID()
  chapterId!: string;

  @Field(() => Int, { description: 'From 1946 (the Society\'s founding) to next year: a chapter registers at the start of a year at the latest.' })
  @IsInt()
  @Min(1946)
  @Max(2100)
  year!: number;

  @Field(() => String)
  @Length(1, 300)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 2000)
  @Matches(NOT_BLANK, { message: 'description must not be blank' })
  description?: string | null;
}
