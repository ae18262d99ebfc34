import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf } from '@hoi/common/pagination';
import { UnitEdition } from '@hoi/common/references';

export { UnitEdition };

export enum UnitLevel {
  PROVINCE = 'PROVINCE',
  DISTRICT = 'DISTRICT',
  COMMUNE = 'COMMUNE',
}
registerEnumType(UnitLevel, {
  name: 'UnitLevel',
  description: 'Level of an administrative unit.',
  valuesConfig: {
    PROVINCE: { description: 'Province or centrally governed city (tỉnh, thành phố trực thuộc trung ương).' },
    DISTRICT: { description: 'District, town or provincial city (huyện, quận, thị xã, thành phố thuộc tỉnh); abolished on 1 July 2025.' },
    COMMUNE: { description: 'Commune, ward or township (xã, phường, thị trấn, đặc khu).' },
  },
});

@ObjectType({ description: 'An official administrative unit (đơn vị hành chính) of one edition of the map. A code alone is not an identity: old 24 is Bắc Giang, current 24 is Bắc Ninh.' })
@Directive('@key(fields: "id")')
export class AdministrativeUnit {
  @Field(() => ID, { description: 'Edition and GSO code, e.g. "BEFORE_2025:24" (Bắc Giang) or "CURRENT:24" (Bắc Ninh).' })
  id!: string;

  @Field(() => UnitEdition)
  edition!: UnitEdition;

  @Field(() => UnitLevel)
  level!: UnitLevel;

  @Field(() => String, { description: 'General Statistics Office code (mã đơn vị hành chính).' })
  code!: string;

  @Field(() => String, { description: 'Official name, as the registry spells it, e.g. "Tỉnh Hoà Bình".' })
  name!: string;

  @Field(() => String, { description: 'The name without its type, e.g. "Hoà Bình".' })
  shortName!: string;

  @Field(() => String, { description: 'Official type, e.g. "Tỉnh", "Huyện", "Phường", "Xã".' })
  type!: string;

  parentId!: string | null;
}

export const AdministrativeUnitConnection = connectionOf(AdministrativeUnit, 'AdministrativeUnit', 'A page of administrative units.');
