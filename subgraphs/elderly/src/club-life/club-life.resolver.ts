import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { lockRule, writeTransaction } from '@hoi/common/writes';
import { notFound, ruleViolation } from '@hoi/common/errors';
import { sql } from '@hoi/common/orm';
import { PageArgs, readPage } from '@hoi/common/pagination';
import { Club } from '../club/club.type.ts';
import type { ElderlyContext } from '../context.ts';
import { ClubActivityEntity, ClubMeetingEntity, ClubSpecialisedGroupEntity } from './club-life.entity.ts';
import {
  ClubActivity,
  ClubActivityConnection,
  ClubActivityFilterArgs,
  ClubActivityInput,
  ClubMeeting,
  ClubMeetingConnection,
  ClubMeetingInput,
  ClubSpecialisedGroup,
  ClubSpecialisedGroupInput,
  MAX_SPECIALISED_GROUPS,
} from './club-life.type.ts';
import { checkRecordDate, cleanNote, cleanText, uniqueConflict } from './record.rules.ts';
import { requireClubWrite } from '../association/association.access.ts';

const UNIQUE_INDEXES: Record<string, [string, string]> = {
  club_meeting_month_key: ['heldOn', 'the club has already recorded its regular meeting for this month'],
  club_specialised_group_name_key: ['name', 'the club already has a specialised group of this name'],
};

/** Checks, in one statement, that the club exists and was founded by `date` (when its founding date is known). */
async function checkClub(em: EntityManager, clubId: string, date: string | null): Promise<{ specialisedGroups: number }> {
  const [club] = await sql<{ foundedOn: string | null; specialisedGroups: number }>(
    em,
    `select to_char(c.founded_on, 'YYYY-MM-DD') as "foundedOn",
            (select count(*)::int from elderly.club_specialised_group g where g.club_id = c.id) as "specialisedGroups"
       from elderly.club c where c.id = ?`,
    [clubId],
  );
  if (!club) throw notFound('clubId', 'no club has this id');
  if (date != null && club.foundedOn != null && date < club.foundedOn) {
    throw ruleViolation('heldOn', `heldOn is before the club was founded (${club.foundedOn})`);
  }
  return club;
}

@Resolver(() => ClubMeeting)
export class ClubMeetingResolver {
  @Mutation(() => ClubMeeting, { description: 'Records a club\'s regular monthly meeting (sinh hoạt định kỳ); one per club and calendar month.' })
  async recordClubMeeting(@Arg('input', () => ClubMeetingInput) input: ClubMeetingInput, @Ctx() ctx: ElderlyContext): Promise<ClubMeeting> {
    await requireClubWrite(ctx, input.clubId, 'clubId');
    checkRecordDate(input.heldOn, 'heldOn');
    const meeting = { id: randomUUID(), clubId: input.clubId, heldOn: input.heldOn, attendance: input.attendance, note: cleanNote(input.note) };
    try {
      await writeTransaction(ctx.em, async (em) => {
        await checkClub(em, meeting.clubId, meeting.heldOn);
        em.create(ClubMeetingEntity, meeting);
      });
    } catch (error) {
      throw uniqueConflict(error, UNIQUE_INDEXES) ?? error;
    }
    return meeting;
  }

  @FieldResolver(() => Club)
  club(@Root() meeting: ClubMeeting, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ClubByIdLoader.load(meeting.clubId);
  }
}

@Resolver(() => ClubActivity)
export class ClubActivityResolver {
  @Mutation(() => ClubActivity, { description: 'Records an activity a club held: arts and sports, a health or blood-pressure check, help with health insurance, self-help, rights protection, learning.' })
  async recordClubActivity(@Arg('input', () => ClubActivityInput) input: ClubActivityInput, @Ctx() ctx: ElderlyContext): Promise<ClubActivity> {
    await requireClubWrite(ctx, input.clubId, 'clubId');
    checkRecordDate(input.heldOn, 'heldOn');
    const activity = { id: randomUUID(), clubId: input.clubId, kind: input.kind, heldOn: input.heldOn, participants: input.participants, note: cleanNote(input.note) };
    await writeTransaction(ctx.em, async (em) => {
      await checkClub(em, activity.clubId, activity.heldOn);
      em.create(ClubActivityEntity, activity);
    });
    return activity;
  }

  @FieldResolver(() => Club)
  club(@Root() activity: ClubActivity, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ClubByIdLoader.load(activity.clubId);
  }
}

@Resolver(() => ClubSpecialisedGroup)
export class ClubSpecialisedGroupResolver {
  @Mutation(() => ClubSpecialisedGroup, { description: `Adds a specialised group (tổ chuyên môn) to a club, which has ${MAX_SPECIALISED_GROUPS} at most.` })
  async addClubSpecialisedGroup(@Arg('input', () => ClubSpecialisedGroupInput) input: ClubSpecialisedGroupInput, @Ctx() ctx: ElderlyContext): Promise<ClubSpecialisedGroup> {
    await requireClubWrite(ctx, input.clubId, 'clubId');
    const group = { id: randomUUID(), clubId: input.clubId, name: cleanText(input.name) };
    try {
      await writeTransaction(ctx.em, async (em) => {
        // Concurrent additions to one club count one after the other.
        await lockRule(em, 'elderly.club.specialised-groups', group.clubId);
        const { specialisedGroups } = await checkClub(em, group.clubId, null);
        if (specialisedGroups >= MAX_SPECIALISED_GROUPS) {
          throw ruleViolation('clubId', `this club already has its ${MAX_SPECIALISED_GROUPS} specialised groups`);
        }
        em.create(ClubSpecialisedGroupEntity, group);
      });
    } catch (error) {
      throw uniqueConflict(error, UNIQUE_INDEXES) ?? error;
    }
    return group;
  }

  @FieldResolver(() => Club)
  club(@Root() group: ClubSpecialisedGroup, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ClubByIdLoader.load(group.clubId);
  }
}

@Resolver(() => Club)
export class ClubLifeResolver {
  @FieldResolver(() => ClubMeetingConnection, { description: 'The club\'s regular monthly meetings (sinh hoạt định kỳ), newest first.' })
  meetings(@Root() club: Club, @Args(() => PageArgs) pageArgs: PageArgs, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ClubMeetingsByClubIdLoader.load({ parentId: club.id, page: readPage(pageArgs) });
  }

  @FieldResolver(() => ClubActivityConnection, { description: 'The club\'s activities, newest first.' })
  activities(@Root() club: Club, @Args(() => ClubActivityFilterArgs) filter: ClubActivityFilterArgs, @Args(() => PageArgs) pageArgs: PageArgs, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ClubActivitiesByClubIdLoader.load({
      parentId: club.id,
      page: readPage(pageArgs),
      ...(filter.kind ? { filter: { where: 'a.kind = ?', params: [filter.kind] } } : {}),
    });
  }

  @FieldResolver(() => [ClubSpecialisedGroup], { description: 'The club\'s specialised groups (tổ chuyên môn), five at most, in Vietnamese order.' })
  specialisedGroups(@Root() club: Club, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ClubSpecialisedGroupsByClubIdLoader.load(club.id);
  }
}
