import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/** Shared by every subgraph that reports by place: the places subgraph owns the units themselves. */
export enum UnitEdition {
  BEFORE_2025 = 'BEFORE_2025',
  CURRENT = 'CURRENT',
}
registerEnumType(UnitEdition, {
  name: 'UnitEdition',
  description: 'Which map a unit belongs to: the 63 provinces with districts until 2025-06-30, or the 34 provinces from 2025-07-01.',
  valuesConfig: {
    BEFORE_2025: { description: 'Units in force until 30 June 2025 (tỉnh, huyện, xã).' },
    CURRENT: { description: 'Units in force from 1 July 2025, after the reform (tỉnh, xã; no district level).' },
  },
});

/**
 * A reference to the `places` subgraph's administrative unit: other subgraphs store only its id
 * and let the gateway fetch the rest.
 */
@ObjectType('AdministrativeUnit')
@Directive('@key(fields: "id", resolvable: false)')
export class AdministrativeUnitReference {
  @Field(() => ID)
  id!: string;
}

export const unitReference = (id: string | null | undefined): AdministrativeUnitReference | null => (id ? { id } : null);

/**
 * A BEFORE_2025 province's id in the edition asked for: itself, or (CURRENT) the province that
 * succeeded it in the reform, several old ones merging into one. `join` goes in the FROM clause
 * after the relation that names `provinceId`; it reads the places subgraph's reference schema.
 */
export function provinceInEdition(edition: UnitEdition, provinceId: string): { key: string; join: string } {
  if (edition === UnitEdition.BEFORE_2025) return { key: provinceId, join: '' };
  return {
    key: `coalesce(province_now.successor_id, ${provinceId})`,
    join: `left join places.unit_succession province_now on province_now.predecessor_id = ${provinceId}`,
  };
}
