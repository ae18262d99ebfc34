import { Directive, Field, ID, ObjectType } from 'type-graphql';

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
