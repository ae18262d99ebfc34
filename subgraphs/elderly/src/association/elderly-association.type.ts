import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf } from '@hoi/common/pagination';

export enum AssociationLevel {
  PROVINCE = 'PROVINCE',
  DISTRICT = 'DISTRICT',
  COMMUNE = 'COMMUNE',
}
registerEnumType(AssociationLevel, {
  name: 'AssociationLevel',
  description: 'Level of an Elderly Association unit.',
  valuesConfig: {
    PROVINCE: { description: 'Provincial association, led by its Representative Board (Ban đại diện).' },
    DISTRICT: { description: 'District association (huyện); the district level ended on 30 June 2025.' },
    COMMUNE: { description: 'Commune, ward or township association (xã, phường, thị trấn).' },
  },
});

@ObjectType({ description: 'A unit of the Vietnam Association of the Elderly (Hội Người cao tuổi Việt Nam).' })
@Directive('@key(fields: "id")')
export class ElderlyAssociation {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Official name, e.g. "Hội Người cao tuổi tỉnh Lai Châu".' })
  name!: string;

  @Field(() => AssociationLevel)
  level!: AssociationLevel;

  parentId!: string | null;
  unitId!: string | null;
}

export const ElderlyAssociationConnection = connectionOf(ElderlyAssociation, 'ElderlyAssociation', 'A page of Elderly Association units.');
