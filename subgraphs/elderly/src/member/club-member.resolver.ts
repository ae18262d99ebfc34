import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LocalDate } from '@hoi/common/dates';
import { writeTransaction } from '@hoi/common/writes';
import { conflict, forbidden, notFound } from '@hoi/common/errors';
import { sql } from '@hoi/common/orm';
import { PageArgs, readPage } from '@hoi/common/pagination';
import { PeriodInput, resolvePeriod } from '@hoi/common/period';
import { unitReference } from '@hoi/common/references';
import { shareOf } from '@hoi/common/share';
import { ElderlyAssociationEntity } from '../association/elderly-association.entity.ts';
import { ElderlyAssociation } from '../association/elderly-association.type.ts';
import { Club } from '../club/club.type.ts';
import type { ElderlyContext } from '../context.ts';
import { MembershipIntakeEntity } from './club-member.entity.ts';
import { addClubMember } from './club-member.write.ts';
import {
  ClubFigures,
  ClubGrouping,
  ClubMember,
  ClubMemberConnection,
  ClubMemberInput,
  ClubStatistics,
  MembershipIntake,
  MembershipIntakeInput,
  PovertyStatus,
} from './club-member.type.ts';
import { clubStatisticsSql } from './club-statistics.sql.ts';
import { requireAssociationWrite, requireClubWrite, requireNationalRead } from '../association/association.access.ts';
import { assertOrganisationPeriodOpen } from '../period-report/elderly-period-report.plug.ts';
import { toClubFigures } from '../period-report/elderly-period-report.loaders.ts';
import { notInApprovedFigures, ReportBasis, requireApproved } from '@hoi/common/period-report';

/** The privacy rule: a person's data is for the club's managers and the association levels above it. */
async function mayReadPersonalData(ctx: ElderlyContext, clubId: string): Promise<boolean> {
  const { role, scopeIds } = ctx.caller;
  if (role === 'club_manager') return scopeIds.includes(clubId);
  if (role === 'association_officer') {
    const managing = await ctx.loaders.ManagingUnitIdsByClubIdLoader.load(clubId);
    return managing.some((unitId) => scopeIds.includes(unitId));
  }
  return false;
}

async function personalField<T>(ctx: ElderlyContext, member: ClubMember, field: string, value: T): Promise<T> {
  if (await mayReadPersonalData(ctx, member.clubId)) return value;
  throw forbidden(field, `${field} is visible only to the club's managers; counts and shares are in clubStatistics`);
}

function toFigures(row: Record<string, unknown>): ClubFigures {
  return {
    clubs: Number(row.clubs),
    clubsFoundedSince: row.clubsFoundedSince == null ? null : Number(row.clubsFoundedSince),
    members: Number(row.members),
    boardMembers: Number(row.boardMembers),
    ethnicMinorityMembers: Number(row.ethnicMinorityMembers),
    ethnicMinorityShare: shareOf(row, 'ethnicMinority'),
    membersOver55: Number(row.membersOver55),
    over55Share: shareOf(row, 'over55'),
    poorMembers: Number(row.poorMembers),
    poorShare: shareOf(row, 'poor'),
    nearPoorMembers: Number(row.nearPoorMembers),
    nearPoorShare: shareOf(row, 'nearPoor'),
  };
}

@Resolver(() => ClubMember)
export class ClubMemberResolver {
  @FieldResolver(() => LocalDate, { nullable: true, description: 'Personal data: the club\'s managers only.' })
  birthDate(@Root() member: ClubMember, @Ctx() ctx: ElderlyContext) {
    return personalField(ctx, member, 'birthDate', member.birthDate);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Ethnic group (dân tộc). Personal data: the club\'s managers only.' })
  ethnicGroup(@Root() member: ClubMember, @Ctx() ctx: ElderlyContext) {
    return personalField(ctx, member, 'ethnicGroup', member.ethnicGroup);
  }

  @FieldResolver(() => PovertyStatus, { nullable: true, description: 'Household poverty status. Personal data: the club\'s managers only.' })
  povertyStatus(@Root() member: ClubMember, @Ctx() ctx: ElderlyContext) {
    return personalField(ctx, member, 'povertyStatus', member.povertyStatus);
  }

  @FieldResolver(() => Club)
  club(@Root() member: ClubMember, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ClubByIdLoader.load(member.clubId);
  }

  @Mutation(() => ClubMember, { description: 'Adds a person to a club.' })
  async addClubMember(@Arg('input', () => ClubMemberInput) input: ClubMemberInput, @Ctx() ctx: ElderlyContext): Promise<ClubMember> {
    // Scope first, on a pool connection, before the transaction holds one (as recordFundEntry).
    await requireClubWrite(ctx, input.clubId, 'clubId');
    try {
      return await writeTransaction(ctx.em, (em) => addClubMember(ctx, em, input));
    } catch (error) {
      // Two heads written at once: the database's index refuses the second.
      if (error instanceof UniqueConstraintViolationException) throw conflict('boardRole', 'the club already has a head');
      throw error;
    }
  }
}

@Resolver(() => Club)
export class ClubMembersResolver {
  @FieldResolver(() => ClubMemberConnection, { description: 'The club\'s members (current and former), in Vietnamese name order.' })
  members(@Root() club: Club, @Args(() => PageArgs) pageArgs: PageArgs, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.MembersByClubIdLoader.load({ parentId: club.id, page: readPage(pageArgs) });
  }
}

@Resolver(() => ClubStatistics)
export class ClubStatisticsResolver {
  @Query(() => ClubStatistics, {
    nullable: true,
    description: 'Clubs and members of an association and every unit below it at the end of a period, with exact shares; one SQL statement. '
      + 'Without an association: the whole country (toàn quốc), for national administrators and analysts.',
  })
  async clubStatistics(
    @Arg('associationId', () => ID, {
      nullable: true,
      description: 'The association unit whose subtree is counted; null for the whole country (toàn quốc): every province association (no parent) and every unit below them.',
    })
    associationId: string | null,
    @Arg('period', () => PeriodInput) periodInput: PeriodInput,
    @Arg('groupBy', () => ClubGrouping, { nullable: true }) groupBy: ClubGrouping | null,
    @Arg('foundedSince', () => LocalDate, { nullable: true, description: 'Also count the clubs founded on or after this date.' })
    foundedSince: string | null,
    @Arg('basis', () => ReportBasis, {
      defaultValue: ReportBasis.LIVE,
      description: 'LIVE: from the records now; APPROVED: the totals the association unit\'s latest approved report of the period froze (số liệu đã duyệt; '
        + 'no grouping, no foundedSince: NOT_IN_APPROVED_FIGURES; no approved report: NOT_APPROVED).',
    })
    basis: ReportBasis,
    @Ctx() ctx: ElderlyContext,
  ): Promise<ClubStatistics> {
    const period = resolvePeriod(periodInput);
    if (basis === ReportBasis.APPROVED) {
      if (associationId == null) throw notInApprovedFigures('associationId', 'approved figures are those of one association unit\'s report: name the unit');
      if (groupBy) throw notInApprovedFigures('groupBy', 'approved figures hold the totals only, no grouping');
      if (foundedSince) throw notInApprovedFigures('foundedSince', 'approved figures hold the totals only, not the clubs founded since a day');
      const approved = requireApproved(await ctx.loaders.ApprovedElderlyFiguresByOrganisationPeriodLoader.load({ organisationId: associationId, period }), associationId, period);
      const { clubs, members } = approved.figures as { clubs: string; members: Record<string, string> };
      return { period, groupBy: null, total: toClubFigures(clubs, members), rows: [], approvedVersion: approved.version };
    }
    if (associationId == null) requireNationalRead(ctx, 'associationId');
    else if (!(await ctx.loaders.ElderlyAssociationByIdLoader.load(associationId))) throw notFound('associationId', 'no association unit has this id');
    const rows = await sql(ctx.em, clubStatisticsSql(groupBy ?? null), [associationId ?? null, period.end, foundedSince ?? null]);
    const total = rows.find((row) => row.isTotal)!;
    return {
      period,
      groupBy: groupBy ?? null,
      total: toFigures(total),
      rows: groupBy ? rows.filter((row) => !row.isTotal).map((row) => ({ ...toFigures(row), unit: unitReference(row.unitId as string | null) })) : [],
      approvedVersion: null,
    };
  }
}

@Resolver(() => MembershipIntake)
export class MembershipIntakeResolver {
  @Mutation(() => MembershipIntake, { description: 'Records how many new members an association unit admitted in a period; once per period.' })
  async recordMembershipIntake(@Arg('input', () => MembershipIntakeInput) input: MembershipIntakeInput, @Ctx() ctx: ElderlyContext): Promise<MembershipIntake> {
    await requireAssociationWrite(ctx, input.associationId, 'associationId');
    const period = resolvePeriod(input.period, 'period');
    const intake = { id: randomUUID(), associationId: input.associationId, periodType: period.type, periodStart: period.start, periodEnd: period.end, newMembers: input.newMembers };
    try {
      await writeTransaction(ctx.em, async (em) => {
        if (!(await em.findOne(ElderlyAssociationEntity, { id: input.associationId }, { fields: ['id'] }))) {
          throw notFound('associationId', 'no association unit has this id');
        }
        await assertOrganisationPeriodOpen(em, input.associationId, period.start, period.end, 'period', 'SPAN');
        em.create(MembershipIntakeEntity, intake);
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw conflict('period', 'this unit has already recorded this period');
      throw error;
    }
    return { id: intake.id, associationId: intake.associationId, period, newMembers: intake.newMembers };
  }
}

@Resolver(() => ElderlyAssociation)
export class AssociationIntakeResolver {
  @FieldResolver(() => [MembershipIntake], { description: 'New members admitted, per recorded period (hội viên mới), newest first.' })
  async membershipIntakes(@Root() association: ElderlyAssociation, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.IntakesByAssociationIdLoader.load(association.id);
  }
}

