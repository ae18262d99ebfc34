import { createUnionType, Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf } from '@hoi/common/pagination';

export enum ClusterKind {
  SAME_ASSOCIATION_ACROSS_PROVINCES = 'SAME_ASSOCIATION_ACROSS_PROVINCES',
  ASSOCIATIONS_OF_ONE_PROVINCE = 'ASSOCIATIONS_OF_ONE_PROVINCE',
}
registerEnumType(ClusterKind, {
  name: 'ClusterKind',
  description: 'What a cluster groups.',
  valuesConfig: {
    SAME_ASSOCIATION_ACROSS_PROVINCES: { description: 'Cụm thi đua: one association across several provinces, e.g. the Red Cross of 7 midland and northern mountain provinces.' },
    ASSOCIATIONS_OF_ONE_PROVINCE: { description: 'Khối thi đua: several associations of one province, e.g. Khối thi đua 8 of Bình Thuận.' },
  },
});

@ObjectType({ description: 'An emulation cluster or bloc (cụm thi đua, khối thi đua) for one year.' })
@Directive('@key(fields: "id")')
export class EmulationCluster {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ClusterKind)
  kind!: ClusterKind;

  @Field(() => Int, { description: 'The emulation year (năm thi đua).' })
  year!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'How many member organisations the cluster reports (số đơn vị thành viên); `members` lists those known by name, which may be fewer.',
  })
  reportedMemberCount!: number | null;

  unitId!: string | null;
}


export const EmulationClusterConnection = connectionOf(EmulationCluster, 'EmulationCluster', 'A page of emulation clusters.');

/** Reference to a Red Cross chapter, resolved by the red-cross subgraph. */
@ObjectType('Chapter')
@Directive('@key(fields: "id", resolvable: false)')
export class ChapterReference {
  @Field(() => ID)
  id!: string;
}

/** Reference to an Elderly Association unit, resolved by the elderly subgraph. */
@ObjectType('ElderlyAssociation')
@Directive('@key(fields: "id", resolvable: false)')
export class ElderlyAssociationReference {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: 'A member association that no subgraph owns (e.g. the provincial Association of the Blind), kept by the cluster itself.' })
export class ExternalOrganisation {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  unitId!: string | null;
}

export const ClusterOrganisation = createUnionType({
  name: 'ClusterOrganisation',
  description: 'The organisation behind a cluster membership.',
  types: () => [ChapterReference, ElderlyAssociationReference, ExternalOrganisation] as const,
  resolveType: (value) => ('__typename' in value ? (value.__typename as string) : 'ExternalOrganisation'),
});

@ObjectType({ description: 'Membership of an organisation in a cluster (đơn vị thành viên).' })
export class ClusterMember {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Order of the member in the cluster\'s own list.' })
  position!: number;

  chapterId!: string | null;
  elderlyAssociationId!: string | null;
  externalOrganisationId!: string | null;
}

export const ClusterMemberConnection = connectionOf(ClusterMember, 'ClusterMember', 'A page of a cluster\'s members.');
