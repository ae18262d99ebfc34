import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A small group (nhóm nhỏ, tổ) of a club's members living in one residential area. */
@Entity({ tableName: 'club_small_group' })
export class ClubSmallGroupEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'club_id' })
  clubId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', fieldName: 'residential_area' })
  residentialArea!: string;
}

/** A club member's seat (1 to 5) in a small group; a member has one seat at most. */
@Entity({ tableName: 'club_small_group_member' })
export class ClubSmallGroupMemberEntity {
  @PrimaryKey({ type: 'uuid', fieldName: 'group_id' })
  groupId!: string;

  @PrimaryKey({ type: 'smallint' })
  seat!: number;

  @Property({ type: 'uuid', fieldName: 'club_id' })
  clubId!: string;

  @Property({ type: 'uuid', fieldName: 'member_id' })
  memberId!: string;
}
