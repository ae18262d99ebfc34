import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

@Entity({ tableName: 'club_member' })
export class ClubMemberEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'club_id' })
  clubId!: string;

  @Property({ type: 'text', fieldName: 'full_name' })
  fullName!: string;

  @Property({ type: 'text' })
  sex!: string;

  @Property({ type: 'date', fieldName: 'birth_date' })
  birthDate!: string;

  @Property({ type: 'text', fieldName: 'ethnic_group' })
  ethnicGroup!: string;

  @Property({ type: 'text', fieldName: 'poverty_status' })
  povertyStatus!: string;

  @Property({ type: 'text', fieldName: 'board_role', nullable: true })
  boardRole!: string | null;

  @Property({ type: 'date', fieldName: 'joined_on' })
  joinedOn!: string;
}

@Entity({ tableName: 'membership_intake' })
export class MembershipIntakeEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'association_id' })
  associationId!: string;

  @Property({ type: 'text', fieldName: 'period_type' })
  periodType!: string;

  @Property({ type: 'date', fieldName: 'period_start' })
  periodStart!: string;

  @Property({ type: 'date', fieldName: 'period_end' })
  periodEnd!: string;

  @Property({ type: 'integer', fieldName: 'new_members' })
  newMembers!: number;
}
