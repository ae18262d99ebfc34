import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
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
