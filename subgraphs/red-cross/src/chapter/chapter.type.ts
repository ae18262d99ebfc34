import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { connectionOf } from '@hoi/common/pagination';

export enum ChapterLevel {
  NATIONAL = 'NATIONAL',
  PROVINCE = 'PROVINCE',
  DISTRICT = 'DISTRICT',
  GRASSROOTS = 'GRASSROOTS',
  BRANCH = 'BRANCH',
}
registerEnumType(ChapterLevel, {
  name: 'ChapterLevel',
  description: 'Level of a Red Cross chapter in the tree.',
  valuesConfig: {
    NATIONAL: { description: 'National headquarters (Trung ương Hội).' },
    PROVINCE: { description: 'Provincial chapter (Hội Chữ thập đỏ tỉnh, thành phố).' },
    DISTRICT: { description: 'District chapter (Hội CTĐ huyện); the district level ended on 30 June 2025.' },
    GRASSROOTS: { description: 'Grassroots organisation (tổ chức Hội cơ sở): a commune, school or enterprise.' },
    BRANCH: { description: 'Branch (chi hội), e.g. of a village.' },
  },
});

@ObjectType({ description: 'A chapter of the Vietnam Red Cross Society (Hội Chữ thập đỏ Việt Nam) at any level of its tree.' })
@Directive('@key(fields: "id")')
export class Chapter {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Official name, e.g. "Hội Chữ thập đỏ tỉnh Lào Cai".' })
  name!: string;

  @Field(() => ChapterLevel)
  level!: ChapterLevel;

  parentId!: string | null;
  unitId!: string | null;
}

export const ChapterConnection = connectionOf(Chapter, 'Chapter', 'A page of Red Cross chapters.');

@InputType({ description: 'A new chapter under an existing one (thành lập tổ chức Hội cơ sở, chi hội…).' })
export class OpenChapterInput {
  @Field(() => ID, { description: 'The chapter it belongs under.' })
  @IsUUID()
  parentId!: string;

  @Field(() => ChapterLevel)
  level!: ChapterLevel;

  @Field(() => String, { description: 'Official name; stored in Unicode NFC.' })
  @Length(1, 200)
  name!: string;

  @Field(() => ID, { nullable: true, description: 'Its administrative unit, e.g. "CURRENT:00004".' })
  @IsOptional()
  @Matches(/^(BEFORE_2025|CURRENT):\d{2,5}$/, { message: 'unitId is an edition and a code, e.g. "CURRENT:00004"' })
  unitId?: string | null;
}
