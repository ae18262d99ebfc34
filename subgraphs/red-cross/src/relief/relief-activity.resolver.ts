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
import { ReportBasis } from '@hoi/common/period-report';
import { toFigures } from '../period-report/period-report.loaders.ts';
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
import { RELIEF_BY_MONTH_ROLLUP_SQL, RELIEF_BY_MONTH_SQL, reliefSummaryRollupSql, reliefSummarySql, rollupAnswers } from './relief-summary.sql.ts';

async function requireChapter(ctx: RedCrossContext, id: string, field: string): Promise<Chapter> {
  const chapter = await ctx.loaders.ChapterByIdLoader.load(id);
  if (!chapter) throw notFound(field, 'no chapter has this id');
  return chapter;
}

type SummaryRow = ReliefSummaryRow & { isTotal: boolean; provinceId: string | null };

@Resolver(() => ReliefActivity)
export class ReliefActivityResolver {
  @Mutation(() => ReliefActivity, { description: 'Records a relief activity of a chapter.' })
  async recordReliefActivity(@Arg('input', () => ReliefActivityInput) input: ReliefActivityInput, @Ctx() ctx: RedCrossContext): Promise<ReliefActivity> {
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
      description: 'LIVE from the activities now, or APPROVED as the chapter\'s approved report for exactly this period froze them (grouped by nothing or KIND only).',
    }) basis: ReportBasis,
    @Ctx() ctx: RedCrossContext,
  ): Promise<ReliefSummary> {
    const period = resolvePeriod(periodInput);
    if (new Set(groupBy).size !== groupBy.length) throw badInput('groupBy', 'a dimension is named twice');
    const { level } = await requireChapter(ctx, chapterId, 'chapterId');
    if (basis === ReportBasis.APPROVED) {
      if (groupBy.some((dimension) => dimension !== ReliefDimension.KIND)) throw badInput('basis', 'an approved report holds relief by KIND only');
      const approved = await ctx.loaders.ApprovedFiguresByChapterPeriodLoader.load({ chapterId, period });
      if (!approved) throw notFound('basis', 'this chapter has no approved report for this period');
      const figures = toFigures(approved.figures, period);
      const rows = groupBy.length === 0 ? [] : figures.reliefByKind.map((row) => ({ ...row, month: null, campaignId: null, childChapterId: null, province: null }));
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
    @Ctx() ctx: RedCrossContext,
  ): Promise<MonthlyRelief[]> {
    const period = resolvePeriod(periodInput);
    const { level } = await requireChapter(ctx, chapterId, 'chapterId');
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

