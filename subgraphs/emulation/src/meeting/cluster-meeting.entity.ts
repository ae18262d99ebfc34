import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A meeting of a cluster year: its review conference (hội nghị), a seminar (tọa đàm), or another. */
@Entity({ tableName: 'cluster_meeting' })
export class ClusterMeetingEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'cluster_id' })
  clusterId!: string;

  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'text', nullable: true })
  theme!: string | null;

  @Property({ type: 'text', fieldName: 'unit_id', nullable: true })
  unitId!: string | null;

  @Property({ type: 'text', nullable: true })
  venue!: string | null;

  @Property({ type: 'date', fieldName: 'held_on', nullable: true })
  heldOn!: string | null;
}

/** A member of the cluster attending one of its meetings. */
@Entity({ tableName: 'meeting_attendee' })
export class MeetingAttendeeEntity {
  @PrimaryKey({ type: 'uuid', fieldName: 'meeting_id' })
  meetingId!: string;

  @PrimaryKey({ type: 'uuid', fieldName: 'member_id' })
  memberId!: string;

  @Property({ type: 'uuid', fieldName: 'cluster_id' })
  clusterId!: string;
}

/** A guest of a meeting (đại biểu khách mời), named as the source names them. */
@Entity({ tableName: 'meeting_guest' })
export class MeetingGuestEntity {
  @PrimaryKey({ type: 'uuid', fieldName: 'meeting_id' })
  meetingId!: string;

  @PrimaryKey({ type: 'smallint' })
  position!: number;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  role!: string | null;
}

/** One thing a meeting decided, in the order the source gives them. */
@Entity({ tableName: 'meeting_decision' })
export class MeetingDecisionEntity {
  @PrimaryKey({ type: 'uuid', fieldName: 'meeting_id' })
  meetingId!: string;

  @PrimaryKey({ type: 'smallint' })
  position!: number;

  @Property({ type: 'text' })
  text!: string;
}
