import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

@Entity({ tableName: 'club_meeting' })
export class ClubMeetingEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'club_id' })
  clubId!: string;

  @Property({ type: 'date', fieldName: 'held_on' })
  heldOn!: string;

  @Property({ type: 'integer' })
  attendance!: number;

  @Property({ type: 'text', nullable: true })
  note!: string | null;
}

@Entity({ tableName: 'club_activity' })
export class ClubActivityEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'club_id' })
  clubId!: string;

  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'date', fieldName: 'held_on' })
  heldOn!: string;

  @Property({ type: 'integer' })
  participants!: number;

  @Property({ type: 'text', nullable: true })
  note!: string | null;
}

@Entity({ tableName: 'club_specialised_group' })
export class ClubSpecialisedGroupEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'club_id' })
  clubId!: string;

  @Property({ type: 'text' })
  name!: string;
}
