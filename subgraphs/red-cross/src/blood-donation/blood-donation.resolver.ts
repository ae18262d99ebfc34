import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { writeTransaction } from '@hoi/common/writes';
import { ReportBasis, requireApproved } from '@hoi/common/period-report';
import { toFigures } from '../period-report/period-report.loaders.ts';
import { badInput, conflict, notFound, ruleViolation } from '@hoi/common/errors';
import { isUuid, Conditions, sql } from '@hoi/common/orm';
import { loadPage, PageArgs, readPage } from '@hoi/common/pagination';
import { PeriodInput, resolvePeriod } from '@hoi/common/period';
import { requireChapterWrite } from '../chapter/chapter.access.ts';
import { Chapter } from '../chapter/chapter.type.ts';
import type { RedCrossContext } from '../context.ts';
import { assertChapterPeriodOpen } from '../period-report/period-report.plug.ts';
import { BloodDonationAwarenessRoundEntity, BloodDonationProgrammeEntity } from './blood-donation.entity.ts';
import { PROGRAMME_COLUMNS } from './blood-donation.loaders.ts';
import { checkChapterAndProgramme, checkRecordDate, cleanNote, recordBloodUnitsReceived } from './blood-donation.write.ts';
import {
  BloodDonationAwarenessRound,
  BloodDonationAwarenessRoundInput,
  BloodDonationProgramme,
  BloodDonationProgrammeConnection,
  BloodDonationProgrammeInput,
  BloodDonationProgrammeScope,
  BloodDonationSummary,
  BloodUnitReceipt,
  BloodUnitsReceivedInput,
} from './blood-donation.type.ts';

const cleanText = (value: string) => value.normalize('NFC').trim().replace(/\s+/g, ' ');

@ArgsType()
class BloodDonationProgrammeFilterArgs {
  @Field(() => BloodDonationProgrammeScope, { nullable: true })
  scope?: BloodDonationProgrammeScope | null;

  @Field(() => ID, { nullable: true, description: 'Only the programmes this chapter may record under: the NATIONAL ones and the LOCAL ones of it or a chapter above it.' })
  availableTo?: string | null;
}

@Resolver(() => BloodDonationProgramme)
export class BloodDonationProgrammeResolver {
  @Query(() => BloodDonationProgrammeConnection, { nullable: true, description: 'Voluntary blood donation programmes in Vietnamese alphabetical order.' })
  bloodDonationProgrammes(@Args(() => BloodDonationProgrammeFilterArgs) filter: BloodDonationProgrammeFilterArgs, @Args(() => PageArgs) pageArgs: PageArgs, @Ctx() ctx: RedCrossContext) {
    const conditions = new Conditions();
    if (filter.scope) conditions.add('p.scope = ?', filter.scope);
    if (filter.availableTo) {
      if (!isUuid(filter.availableTo)) throw badInput('availableTo', 'availableTo is not a chapter id');
      conditions.add(`(p.scope = 'NATIONAL' or exists (select 1 from red_cross.chapter c where c.id = ?::uuid and c.path @> array[p.organiser_chapter_id]))`, filter.availableTo);
    }
    return loadPage<BloodDonationProgramme>((query, values) => sql(ctx.em, query, values), {
      from: 'red_cross.blood_donation_programme p',
      where: conditions.where,
      params: conditions.params,
      orderColumns: ['p.name', 'p.id'],
      select: PROGRAMME_COLUMNS,
    }, readPage(pageArgs));
  }

  @Mutation(() => BloodDonationProgramme, { description: 'Sets up a blood donation programme; an organiser uses a name once.' })
  async createBloodDonationProgramme(@Arg('input', () => BloodDonationProgrammeInput) input: BloodDonationProgrammeInput, @Ctx() ctx: RedCrossContext): Promise<BloodDonationProgramme> {
    await requireChapterWrite(ctx, input.organiserChapterId, 'organiserChapterId');
    const programme = { id: randomUUID(), name: cleanText(input.name), scope: input.scope, organiserChapterId: input.organiserChapterId };
    try {
      await writeTransaction(ctx.em, async (em) => {
        const [organiser] = await sql<{ level: string }>(em, `select level from red_cross.chapter where id = ?`, [input.organiserChapterId]);
        if (!organiser) throw notFound('organiserChapterId', 'no chapter has this id');
        if ((programme.scope === BloodDonationProgrammeScope.NATIONAL) !== (organiser.level === 'NATIONAL')) {
          throw ruleViolation('scope', 'a NATIONAL programme is run by the national headquarters, a LOCAL one by any other chapter');
        }
        em.create(BloodDonationProgrammeEntity, programme);
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw conflict('name', 'this chapter already runs a programme of this name');
      throw error;
    }
    return programme;
  }

  @FieldResolver(() => Chapter, { description: 'The chapter that runs the programme.' })
  organiser(@Root() programme: BloodDonationProgramme, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.ChapterByIdLoader.load(programme.organiserChapterId);
  }
}

@Resolver(() => BloodDonationAwarenessRound)
export class BloodDonationAwarenessRoundResolver {
  @Mutation(() => BloodDonationAwarenessRound, { description: 'Records an awareness round (đợt tuyên truyền, vận động hiến máu) a chapter held.' })
  async recordBloodDonationAwarenessRound(
    @Arg('input', () => BloodDonationAwarenessRoundInput) input: BloodDonationAwarenessRoundInput,
    @Ctx() ctx: RedCrossContext,
  ): Promise<BloodDonationAwarenessRound> {
    await requireChapterWrite(ctx, input.chapterId, 'chapterId');
    checkRecordDate(input.heldOn, 'heldOn');
    const round = { id: randomUUID(), chapterId: input.chapterId, programmeId: input.programmeId ?? null, heldOn: input.heldOn, note: cleanNote(input.note) };
    await writeTransaction(ctx.em, async (em) => {
      await checkChapterAndProgramme(em, round.chapterId, round.programmeId);
      await assertChapterPeriodOpen(em, round.chapterId, round.heldOn, round.heldOn, 'heldOn');
      em.create(BloodDonationAwarenessRoundEntity, round);
    });
    return round;
  }

  @FieldResolver(() => Chapter)
  chapter(@Root() round: BloodDonationAwarenessRound, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.ChapterByIdLoader.load(round.chapterId);
  }

  @FieldResolver(() => BloodDonationProgramme, { nullable: true })
  programme(@Root() round: BloodDonationAwarenessRound, @Ctx() ctx: RedCrossContext) {
    return round.programmeId ? ctx.loaders.BloodDonationProgrammeByIdLoader.load(round.programmeId) : null;
  }
}

@Resolver(() => BloodUnitReceipt)
export class BloodUnitReceiptResolver {
  @Mutation(() => BloodUnitReceipt, { description: 'Records units of blood a chapter received (tiếp nhận đơn vị máu) on a day, planned or emergency.' })
  async recordBloodUnitsReceived(@Arg('input', () => BloodUnitsReceivedInput) input: BloodUnitsReceivedInput, @Ctx() ctx: RedCrossContext): Promise<BloodUnitReceipt> {
    // The scope check reads through the request's loaders before the transaction opens (as
    // recordReliefActivity's does); inside, recordBloodUnitsReceived's own check hits the cache.
    await requireChapterWrite(ctx, input.chapterId, 'chapterId');
    return writeTransaction(ctx.em, (em) => recordBloodUnitsReceived(ctx, em, input));
  }

  @FieldResolver(() => Chapter)
  chapter(@Root() receipt: BloodUnitReceipt, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.ChapterByIdLoader.load(receipt.chapterId);
  }

  @FieldResolver(() => BloodDonationProgramme, { nullable: true })
  programme(@Root() receipt: BloodUnitReceipt, @Ctx() ctx: RedCrossContext) {
    return receipt.programmeId ? ctx.loaders.BloodDonationProgrammeByIdLoader.load(receipt.programmeId) : null;
  }
}

@Resolver(() => Chapter)
export class ChapterBloodDonationResolver {
  @FieldResolver(() => BloodDonationSummary, {
    nullable: true,
    description: 'Voluntary blood donation (hiến máu tình nguyện) of the chapter and every chapter under it, for a period. '
      + 'Null only with basis APPROVED and no approved report (NOT_APPROVED at this field; the chapter stays).',
  })
  async bloodDonationSummary(
    @Root() chapter: Chapter,
    @Arg('period', () => PeriodInput) periodInput: PeriodInput,
    @Arg('basis', () => ReportBasis, {
      defaultValue: ReportBasis.LIVE,
      description: 'LIVE from the rounds and receipts now, or APPROVED as the chapter\'s approved report for exactly this period froze them (số liệu đã duyệt).',
    }) basis: ReportBasis,
    @Ctx() ctx: RedCrossContext,
  ): Promise<BloodDonationSummary> {
    const period = resolvePeriod(periodInput);
    if (basis === ReportBasis.LIVE) return ctx.loaders.BloodDonationSummaryByChapterLoader.load({ chapterId: chapter.id, period });
    const approved = requireApproved(await ctx.loaders.ApprovedFiguresByChapterPeriodLoader.load({ chapterId: chapter.id, period }), chapter.id, period);
    return { ...toFigures(approved.figures, period).bloodDonation, approvedVersion: approved.version };
  }
}
