import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

@Entity({ tableName: 'cluster' })
export class EmulationClusterEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'smallint' })
  year!: number;

  @Property({ type: 'text', fieldName: 'unit_id', nullable: true })
  unitId!: string | null;

  @Property({ type: 'smallint', fieldName: 'reported_member_count', nullable: true })
  reportedMemberCount!: number | null;
}

@Entity({ tableName: 'external_organisation' })
export class ExternalOrganisationEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', fieldName: 'unit_id', nullable: true })
  unitId!: string | null;
}

@Entity({ tableName: 'cluster_member' })
export class ClusterMemberEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'cluster_id' })
  clusterId!: string;

  @Property({ type: 'smallint' })
  position!: number;

  @Property({ type: 'uuid', fieldName: 'chapter_id', nullable: true })
  chapterId!: string | null;

  @Property({ type: 'uuid', fieldName: 'elderly_association_id', nullable: true })
  elderlyAssociationId!: string | null;

  @Property({ type: 'uuid', fieldName: 'external_organisation_id', nullable: true })
  externalOrganisationId!: string | null;
}
