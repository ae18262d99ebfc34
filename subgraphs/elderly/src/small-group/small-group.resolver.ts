import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { lockRule, writeTransaction } from '@hoi/common/writes';
import { todayInVietnam } from '@hoi/common/dates';
import { conflict, notFound, ruleViolation } from '@hoi/common/errors';
import { sql } from '@hoi/common/orm';
import { cleanText } from '@hoi/common/text';
import { requireClubWrite } from '../association/association.access.ts';
import { Club } from '../club/club.type.ts';
import type { ElderlyContext } from '../context.ts';
import { ClubSmallGroupEntity, ClubSmallGroupMemberEntity } from './small-group.entity.ts';
import { smallGroupConstraintError } from './small-group.errors.ts';
import { readSmallGroups } from './small-group.loaders.ts';
import { AssignToSmallGroupInput, ClubSmallGroup, FormClubSmallGroupInput, MAX_SMALL_GROUP_MEMBERS } from './small-group.type.ts';

interface AssignmentFacts {
  memberClubId: string | null;
  hasLeft: boolean | null;
  currentGroupName: string | null;
  freeSeat: number | null;
}

@Resolver(() => ClubSmallGroup)
export class ClubSmallGroupResolver {
  @Mutation(() => ClubSmallGroup, {
    description: `Forms a small group (nhóm nhỏ, tổ) of a club for one residential area; members join it with assignToSmallGroup, ${MAX_SMALL_GROUP_MEMBERS} at most.`,
  })
  async formClubSmallGroup(@Arg('input', () => FormClubSmallGroupInput) input: FormClubSmallGroupInput, @Ctx() ctx: ElderlyContext): Promise<ClubSmallGroup> {
    await requireClubWrite(ctx, input.clubId, 'clubId');
    const group = { id: randomUUID(), clubId: input.clubId, name: cleanText(input.name), residentialArea: cleanText(input.residentialArea) };
    try {
      await writeTransaction(ctx.em, async (em) => {
        em.create(ClubSmallGroupEntity, group);
      });
    } catch (error) {
      throw smallGroupConstraintError(error) ?? error;
    }
    return { ...group, memberCount: 0, complete: false, members: [] };
  }

  @Mutation(() => ClubSmallGroup, {
    description: `Puts a current member of a club into one of its small groups: a member is in one group at most, a group has ${MAX_SMALL_GROUP_MEMBERS} members at most.`,
  })
  async assignToSmallGroup(@Arg('input', () => AssignToSmallGroupInput) input: AssignToSmallGroupInput, @Ctx() ctx: ElderlyContext): Promise<ClubSmallGroup> {
    const { groupId, memberId } = input;
    const [group] = await sql<{ clubId: string }>(ctx.em, `select club_id as "clubId" from elderly.club_small_group where id = ?`, [groupId]);
    if (!group) throw notFound('groupId', 'no small group has this id');
    await requireClubWrite(ctx, group.clubId, 'groupId');
    try {
      await writeTransaction(ctx.em, async (em) => {
        // Assignments to a club's groups take turns: the seat count and the member's current
        // group read below cannot change before this insert commits.
        await lockRule(em, 'elderly.club.small-groups', group.clubId);
        const [facts] = await sql<AssignmentFacts>(
          em,
          `select m.club_id as "memberClubId",
                  (m.left_on is not null and m.left_on <= ?::date) as "hasLeft",
                  current_group.name as "currentGroupName",
                  (select min(n)::int from generate_series(1, ?::int) n
                    where n not in (select s.seat from elderly.club_small_group_member s where s.group_id = ?)) as "freeSeat"
             from (select ?::uuid as id) wanted
             left join elderly.club_member m on m.id = wanted.id
             left join elderly.club_small_group_member seated on seated.member_id = m.id
             left join elderly.club_small_group current_group on current_group.id = seated.group_id`,
          [todayInVietnam(), MAX_SMALL_GROUP_MEMBERS, groupId, memberId],
        );
        if (facts.memberClubId == null) throw notFound('memberId', 'no club member has this id');
        if (facts.memberClubId !== group.clubId) throw ruleViolation('memberId', 'the member belongs to another club than the group');
        if (facts.hasLeft) throw ruleViolation('memberId', 'the member has left the club');
        if (facts.currentGroupName != null) throw conflict('memberId', `the member is already in the small group "${facts.currentGroupName}"`);
        if (facts.freeSeat == null) throw ruleViolation('memberId', `the group already has its ${MAX_SMALL_GROUP_MEMBERS} members`);
        em.create(ClubSmallGroupMemberEntity, { groupId, seat: facts.freeSeat, clubId: group.clubId, memberId });
      });
    } catch (error) {
      throw smallGroupConstraintError(error) ?? error;
    }
    const [updated] = await readSmallGroups(ctx.em, 'g.id = ?', [groupId]);
    return updated;
  }

  @FieldResolver(() => Club)
  club(@Root() group: ClubSmallGroup, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ClubByIdLoader.load(group.clubId);
  }
}

@Resolver(() => Club)
export class ClubSmallGroupsResolver {
  @FieldResolver(() => [ClubSmallGroup], {
    description: 'The club\'s small groups (nhóm nhỏ, tổ) of 4 to 5 members by residential area, in Vietnamese name order, each with its members.',
  })
  smallGroups(@Root() club: Club, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ClubSmallGroupsByClubIdLoader.load(club.id);
  }
}
