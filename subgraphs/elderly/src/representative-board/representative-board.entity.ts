import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A seat on the Representative Board (Ban đại diện) of a provincial association unit; `endedOn`
 * null: still on the board. `association_level` (always PROVINCE, a column default) is not mapped.
 */
@Entity({ tableName: 'representative_board_member' })
export class RepresentativeBoardMemberEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'association_id' })
  associationId!: string;

  @Property({ type: 'text' })
  role!: string;

  @Property({ type: 'text', fieldName: 'person_name' })
  personName!: string;

  @Property({ type: 'text', fieldName: 'outside_role', nullable: true })
  outsideRole!: string | null;

  @Property({ type: 'date', fieldName: 'started_on', nullable: true })
  startedOn!: string | null;

  @Property({ type: 'date', fieldName: 'ended_on', nullable: true })
  endedOn!: string | null;
}
