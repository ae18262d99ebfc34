import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

@Entity({ tableName: 'replication_scheme' })
export class ReplicationSchemeEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'association_id' })
  associationId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', fieldName: 'approved_by', nullable: true })
  approvedBy!: string | null;

  @Property({ type: 'date', fieldName: 'starts_on' })
  startsOn!: string;

  @Property({ type: 'date', fieldName: 'ends_on' })
  endsOn!: string;

  @Property({ type: 'integer', fieldName: 'target_clubs', nullable: true })
  targetClubs!: number | null;
}
