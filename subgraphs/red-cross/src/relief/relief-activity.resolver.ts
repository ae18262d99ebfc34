import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { writeTransaction } from '@hoi/common/writes';
import { badInput, notFound } from '@hoi/common/errors';
import { sql } from '@hoi/common/orm';
import { PageArgs, readPage } from '@hoi/common/pagination';
import { PeriodInput, resolvePeriod } from '@hoi/common/period';
import { UnitEdition, unitReference } from '@hoi/common/references';
import { Campaign } from '../campaign/campaign.type.ts';
import { Chapter } from '../chapter/chapter.type.ts';
import type { RedCrossContext } from '../context.ts';
import { assertChapterPeriodOpen } from '../period-report/period-report.plug.ts';
import { notInApprovedFigures, ReportBasis, requireApproved } from '@hoi/common/period-report';
import { toFigures, type ApprovedFigures } from '../period-report/period-report.loaders.ts';
import { ReliefActivityEntity } from './relief-activity.entity.ts';
import { recordReliefActivity } from './relief-activity.write.ts';
import {
  MonthlyRelief,
  ReliefActivity,
  ReliefActivityConnection,
  ReliefActivityInput,
  ReliefDimension,
  ReliefFigures,
  ReliefKind,
  ReliefSummary,
  ReliefSummaryRow,
} from './relief-activity.type.ts';
import {
  APPROVED_RELIEF_BY_MONTH_SQL,
  approvedReliefByMonthSql,
  RELIEF_BY_MONTH_ROLLUP_SQL,
  RELIEF_BY_MONTH_SQL,
  reliefSummaryRollupSql,
  reliefSummarySql,
  rollupAnswers,
} from './relief-summary.sql.ts';

async function requireChapter(ctx: RedCrossContext, id: string, field: string): Promise<Chapter> {
  const chapter = await ctx.loaders.ChapterByIdLoader.load(id);
  if (!chapter) throw notFound(field, 'no chapter has this id');
  return chapter;
}

type SummaryRow = ReliefSummaryRow & { isTotal: boolean; provinceId: string | null };

/** What an approved snapshot holds of relief: its total, by kind, and (snapshots since it was added) by month and kind. */
const APPROVED_DIMENSIONS: readonly ReliefDimension[] = [ReliefDimension.KIND, ReliefDimension.MONTH];

/**
 * The snapshot's relief by month and kind, as JSON for the statements that add it up; a snapshot
 * approved before the figures held months never froze them, so it has no approved monthly figures.
 */
function approvedMonths(approved: ApprovedFigures, field: string): string {
  const months = (approved.figures.relief as Record<string, unknown>).byMonth;
  if (months === undefined) {
    throw notInApprovedFigures(field, `approved version ${approved.version} was frozen before approved figures held months: it has no approved monthly figures; reopen and approve the report again to freeze them`, approved);
  }
  return JSON.stringify(months);
}

@Resolver(() => ReliefActivity)
export class ReliefActivityResolver {
  @Mutation(() => ReliefActivity, { description: 'Records a relief activity of a chapter.' })
  async recordReliefActivity(@Arg('input', () => ReliefActivityInput) input: ReliefActivityInput, @Ctx() ctx: RedCrossContext): Promise<ReliefActivity> {
    // recordReliefActivity checks the scope inside the transaction; its loader's read runs on the
    // transaction's connection (common/src/orm.ts, transactionManager), never a second one.
    return writeTransaction(ctx.em, (em) => recordReliefActivity(ctx, em, input));
  }

  @FieldResolver(() => Chapter)
  chapter(@Root() activity: ReliefActivity, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.ChapterByIdLoader.load(activity.chapterId);
  }

  @FieldResolver(() => Campaign, { nullable: true })
  campaign(@Root() activity: ReliefActivity, @Ctx() ctx: RedCrossContext) {
    return activity.campaignId ? ctx.loaders.CampaignByIdLoader.load(activity.campaignId) : null;
  }

  @Query(() => ReliefSummary, {
    nullable: true,
    description: 'Relief of a chapter\'s whole subtree over a period, grouped by the dimensions asked for (one SQL statement with GROUP BY; national and provincial chapters read a roll-up kept current on every write).',
  })
  async reliefSummary(
    @Arg('chapterId', () => ID) chapterId: string,
    @Arg('period', () => PeriodInput) periodInput: PeriodInput,
    @Arg('groupBy', () => [ReliefDimension], { defaultValue: [] }) groupBy: ReliefDimension[],
    @Arg('unitEdition', () => UnitEdition, { defaultValue: UnitEdition.BEFORE_2025 }) unitEdition: UnitEdition,
    @Arg('basis', () => ReportBasis, {
      defaultValue: ReportBasis.LIVE,
      description: 'LIVE from the activities now, or APPROVED as the chapter\'s approved report for exactly this period froze them (số liệu đã duyệt): '
        + 'grouped by nothing, KIND or MONTH (a report approved before approvals froze months: not by MONTH); other groupings are NOT_IN_APPROVED_FIGURES, no approved report NOT_APPROVED.',
    }) basis: ReportBasis,
    @Ctx() ctx: RedCrossContext,
  ): Promise<ReliefSummary> {
    const period = resolvePeriod(periodInput);
    if (new Set(groupBy).size !== groupBy.length) throw badInput('groupBy', 'a dimension is named twice');
    const { level } = await requireChapter(ctx, chapterId, 'chapterId');
    if (basis === ReportBasis.APPROVED) {
      if (groupBy.some((dimension) => !APPROVED_DIMENSIONS.includes(dimension))) {
        throw notInApprovedFigures('groupBy', `approved figures hold relief by ${APPROVED_DIMENSIONS.join(' and ')} only`);
      }
      const approved = requireApproved(await ctx.loaders.ApprovedFiguresByChapterPeriodLoader.load({ chapterId, period }), chapterId, period);
      const figures = toFigures(approved.figures, period);
      const none = { kind: null, month: null, campaignId: null, childChapterId: null, province: null };
      const rows = groupBy.length === 0 ? []
        : !groupBy.includes(ReliefDimension.MONTH) ? figures.reliefByKind.map((row) => ({ ...none, ...row }))
        : (await sql<ReliefSummaryRow>(ctx.em, approvedReliefByMonthSql(groupBy), [approvedMonths(approved, 'groupBy')])).map((row) => ({ ...none, ...row }));
      return { chapterId, period, groupBy, unitEdition, total: figures.relief, rows, approvedVersion: approved.version };
    }
    // National and provincial summaries read the maintained roll-up; a smaller subtree is cheap to sum directly.
    const statement = rollupAnswers(level, groupBy) ? reliefSummaryRollupSql(groupBy, unitEdition, level) : reliefSummarySql(groupBy, unitEdition);
    const rows = await sql<SummaryRow>(ctx.em, statement, [chapterId, period.start, period.end]);
    const totalRow = rows.find((row) => row.isTotal);
    const total: ReliefFigures = totalRow ?? { activities: 0, quantity: '0', peopleReached: '0', valueVnd: '0' };
    return {
      chapterId,
      period,
      groupBy,
      unitEdition,
      total: { activities: total.activities, quantity: total.quantity, peopleReached: total.peopleReached, valueVnd: total.valueVnd },
      rows: groupBy.length === 0 ? [] : rows.filter((row) => !row.isTotal).map(({ isTotal: _total, provinceId, ...row }) => ({
        ...row,
        kind: row.kind ?? null,
        month: row.month ?? null,
        campaignId: row.campaignId ?? null,
        childChapterId: row.childChapterId ?? null,
        province: unitReference(provinceId),
      })),
    };
  }

  @Query(() => [MonthlyRelief], { nullable: true, description: 'Relief of a chapter\'s subtree month by month over a period; empty months are zeros.' })
  async reliefByMonth(
    @Arg('chapterId', () => ID) chapterId: string,
    @Arg('period', () => PeriodInput) periodInput: PeriodInput,
    @Arg('kind', () => ReliefKind, { nullable: true }) kind: ReliefKind | null,
    @Arg('basis', () => ReportBasis, {
      defaultValue: ReportBasis.LIVE,
      description: 'LIVE from the activities now, or APPROVED as the chapter\'s approved report for exactly this period froze them month by month (số liệu đã duyệt); '
        + 'a report approved before approvals froze months has none (NOT_IN_APPROVED_FIGURES).',
    }) basis: ReportBasis,
    @Ctx() ctx: RedCrossContext,
  ): Promise<MonthlyRelief[]> {
    const period = resolvePeriod(periodInput);
    const { level } = await requireChapter(ctx, chapterId, 'chapterId');
    if (basis === ReportBasis.APPROVED) {
      const approved = requireApproved(await ctx.loaders.ApprovedFiguresByChapterPeriodLoader.load({ chapterId, period }), chapterId, period);
      const months = await sql<MonthlyRelief>(ctx.em, APPROVED_RELIEF_BY_MONTH_SQL, [period.start, period.end, approvedMonths(approved, 'basis'), kind ?? null, kind ?? null]);
      return months.map((month) => ({ ...month, approvedVersion: approved.version }));
    }
    const statement = rollupAnswers(level, []) ? RELIEF_BY_MONTH_ROLLUP_SQL : RELIEF_BY_MONTH_SQL;
    return sql<MonthlyRelief>(ctx.em, statement, [chapterId, period.start, period.end, kind ?? null, kind ?? null, period.start, period.end]);
  }
}

@Resolver(() => ReliefSummaryRow)
export class ReliefSummaryRowResolver {
  @FieldResolver(() => Campaign, { nullable: true })
  campaign(@Root() row: ReliefSummaryRow, @Ctx() ctx: RedCrossContext) {
    return row.campaignId ? ctx.loaders.CampaignByIdLoader.load(row.campaignId) : null;
  }

  @FieldResolver(() => Chapter, { nullable: true, description: 'With CHILD_CHAPTER: the child chapter; none for the summarised chapter\'s own activities.' })
  childChapter(@Root() row: ReliefSummaryRow, @Ctx() ctx: RedCrossContext) {
    return row.childChapterId ? ctx.loaders.ChapterByIdLoader.load(row.childChapterId) : null;
  }
}

@Resolver(() => ReliefSummary)
export class ReliefSummaryResolver {
  @FieldResolver(() => Chapter)
  chapter(@Root() summary: ReliefSummary, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.ChapterByIdLoader.load(summary.chapterId);
  }
}

@Resolver(() => Chapter)
export class ChapterReliefResolver {
  @FieldResolver(() => ReliefActivityConnection, { description: 'Relief activities the chapter itself recorded, newest first.' })
  reliefActivities(@Root() chapter: Chapter, @Args(() => PageArgs) pageArgs: PageArgs, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.ReliefActivitiesByChapterIdLoader.load({ parentId: chapter.id, page: readPage(pageArgs) });
  }
}

