import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A member holding a role in a cluster year: head, deputy, host of the review, host for the next year. */
@Entity({ tableName: 'cluster_role' })
export class ClusterRoleEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'cluster_id' })
  clusterId!: string;

  @Property({ type: 'text' })
  role!: string;

  @Property({ type: 'uuid', fieldName: 'member_id' })
  memberId!: string;

  @Property({ type: 'text', nullable: true })
  selection!: string | null;

  @Property({ type: 'text', fieldName: 'held_by', nullable: true })
  heldBy!: string | null;
}
