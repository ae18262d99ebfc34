import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ClubMember } from '../member/club-member.type.ts';

/** "mỗi nhóm có từ 4 - 5 người chia theo địa bàn dân cư": a group has 4 to 5 members. */
export const MIN_SMALL_GROUP_MEMBERS = 4;
export const MAX_SMALL_GROUP_MEMBERS = 5;

@ObjectType({
  description: `A small group (nhóm nhỏ, tổ) of a club: ${MIN_SMALL_GROUP_MEMBERS} to ${MAX_SMALL_GROUP_MEMBERS} members living in one residential area (địa bàn dân cư).`,
})
export class ClubSmallGroup {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The group\'s name, e.g. "Nhóm 1"; once per club.' })
  name!: string;

  @Field(() => String, { description: 'The residential area (địa bàn dân cư) its members live in, e.g. a village or a residential group.' })
  residentialArea!: string;

  @Field(() => Int, { description: `Members in the group, ${MAX_SMALL_GROUP_MEMBERS} at most.` })
  memberCount!: number;

  @Field(() => Boolean, { description: `Whether the group has the ${MIN_SMALL_GROUP_MEMBERS} members it needs at least.` })
  complete!: boolean;

  @Field(() => [ClubMember], { description: 'Its members, in Vietnamese name order.' })
  members!: ClubMember[];

  clubId!: string;
}

@InputType({ description: 'A small group of a club; a name is used once per club.' })
export class FormClubSmallGroupInput {
  @Field(() => ID)
  @IsUUID()
  clubId!: string;

  @Field(() => String, { description: 'Stored in Unicode NFC, trimmed, single-spaced.' })
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @Field(() => String, { description: 'The residential area (địa bàn dân cư), free text; stored in Unicode NFC, trimmed, single-spaced.' })
  @IsString()
  @MaxLength(300)
  @Matches(/\S/, { message: 'residentialArea must not be blank' })
  residentialArea!: string;
}

@InputType({ description: `A member of a club joining one of its small groups: one group per member, ${MAX_SMALL_GROUP_MEMBERS} members per group at most.` })
export class AssignToSmallGroupInput {
  @Field(() => ID)
  @IsUUID()
  groupId!: string;

  @Field(() => ID, { description: 'A current member of the group\'s club who is in no small group yet.' })
  @IsUUID()
  memberId!: string;
}
