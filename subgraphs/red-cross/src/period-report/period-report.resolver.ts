import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { writeTransaction } from '@hoi/common/writes';
import { PeriodInput, resolvePeriod } from '@hoi/common/period';
import {
  approvePeriodReport,
  FigureDifference,
  reopenPeriodReport,
  ReportBasis,
  reportFigures,
  type ReportFigureSources,
  returnPeriodReport,
  submitPeriodReport,
} from '@hoi/common/period-report';
import { Chapter } from '../chapter/chapter.type.ts';
import type { RedCrossContext } from '../context.ts';
import { toFigures, toPeriodReport } from './period-report.loaders.ts';
import { ADDED_LATER, chapterReports } from './period-report.plug.ts';
import {
  ApprovePeriodReportInput,
  ChapterPeriodFigures,
  ChapterReportKind,
  PeriodReport,
  PeriodReportSnapshot,
  ReopenPeriodReportInput,
  ReturnPeriodReportInput,
  SubmitPeriodReportInput,
} from './period-report.type.ts';

const keyOf = (report: PeriodReport) => ({ chapterId: report.organisationId, period: report.period });

/** The report's figures as its loaders hold them. */
const figureSources = (report: PeriodReport, ctx: RedCrossContext): ReportFigureSources<ChapterPeriodFigures> => ({
  live: () => ctx.loaders.LiveFiguresByChapterPeriodLoader.load(keyOf(report)),
  snapshots: () => ctx.loaders.PeriodReportSnapshotsByReportIdLoader.load(report.id),
  shape: (figures) => toFigures(figures, report.period),
  addedLater: ADDED_LATER,
});

@Resolver(() => PeriodReport)
export class PeriodReportResolver {
  @Query(() => PeriodReport, { nullable: true, description: 'One period report by id.' })
  periodReport(@Arg('id', () => ID) id: string, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.PeriodReportByIdLoader.load(id);
  }

  @Mutation(() => PeriodReport, { description: 'Submits a chapter\'s report for a period (gửi báo cáo), opening it if it has none: by an officer of the chapter.' })
  async submitPeriodReport(@Arg('input', () => SubmitPeriodReportInput) input: SubmitPeriodReportInput, @Ctx() ctx: RedCrossContext): Promise<PeriodReport> {
    const period = resolvePeriod(input.period, 'period');
    const row = await writeTransaction(ctx.em, (em) =>
      submitPeriodReport(em, chapterReports, ctx.caller, { organisationId: input.chapterId, kind: input.kind ?? ChapterReportKind.ACTIVITIES, period, field: 'chapterId' }),
    );
    return toPeriodReport(row);
  }

  @Mutation(() => PeriodReport, {
    description: 'Approves a submitted report (duyệt báo cáo), freezing its figures as a new version and locking the period: by an officer of a chapter above, or a national administrator. The child chapters\' reports must be approved first, unless approveWithMissing.',
  })
  async approvePeriodReport(@Arg('input', () => ApprovePeriodReportInput) input: ApprovePeriodReportInput, @Ctx() ctx: RedCrossContext): Promise<PeriodReport> {
    const row = await writeTransaction(ctx.em, (em) => approvePeriodReport(em, chapterReports, ctx.caller, input.id, input.approveWithMissing ?? false));
    return toPeriodReport(row);
  }

  @Mutation(() => PeriodReport, { description: 'Returns a submitted report to its chapter with a comment (trả lại báo cáo): by an officer of a chapter above.' })
  async returnPeriodReport(@Arg('input', () => ReturnPeriodReportInput) input: ReturnPeriodReportInput, @Ctx() ctx: RedCrossContext): Promise<PeriodReport> {
    const row = await writeTransaction(ctx.em, (em) => returnPeriodReport(em, chapterReports, ctx.caller, input.id, input.comment));
    return toPeriodReport(row);
  }

  @Mutation(() => PeriodReport, {
    description: 'Reopens an approved report for a correction (mở lại báo cáo), with the reason: back to DRAFT and the period unlocked; the approved snapshots are kept. By an officer of a chapter above.',
  })
  async reopenPeriodReport(@Arg('input', () => ReopenPeriodReportInput) input: ReopenPeriodReportInput, @Ctx() ctx: RedCrossContext): Promise<PeriodReport> {
    const row = await writeTransaction(ctx.em, (em) => reopenPeriodReport(em, chapterReports, ctx.caller, input.id, input.reason));
    return toPeriodReport(row);
  }

  @FieldResolver(() => Chapter)
  chapter(@Root() report: PeriodReport, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.ChapterByIdLoader.load(report.organisationId);
  }

  @FieldResolver(() => [Chapter], { description: 'The child chapters recorded as missing at the last approval ("approved with missing").' })
  async missingChildren(@Root() report: PeriodReport, @Ctx() ctx: RedCrossContext): Promise<Chapter[]> {
    const chapters = await ctx.loaders.ChapterByIdLoader.loadMany(report.missingChildIds);
    return chapters.filter((chapter): chapter is Chapter => chapter != null && !(chapter instanceof Error));
  }

  @FieldResolver(() => ChapterPeriodFigures, {
    nullable: true,
    description: 'The report\'s figures: LIVE from the records now, or APPROVED as the latest approval froze them (none if never approved).',
  })
  async figures(
    @Root() report: PeriodReport,
    @Arg('basis', () => ReportBasis, { defaultValue: ReportBasis.LIVE }) basis: ReportBasis,
    @Ctx() ctx: RedCrossContext,
  ): Promise<ChapterPeriodFigures | null> {
    return reportFigures.figures(figureSources(report, ctx), basis);
  }

  @FieldResolver(() => [PeriodReportSnapshot], { description: 'Every approval\'s frozen figures, oldest first.' })
  async snapshots(@Root() report: PeriodReport, @Ctx() ctx: RedCrossContext): Promise<PeriodReportSnapshot[]> {
    return reportFigures.snapshots(figureSources(report, ctx));
  }

  @FieldResolver(() => [FigureDifference], {
    nullable: true,
    description: 'The figures whose live value differs from the latest approved one (chênh lệch); empty when they agree, none if never approved.',
  })
  async differences(@Root() report: PeriodReport, @Ctx() ctx: RedCrossContext): Promise<FigureDifference[] | null> {
    return reportFigures.differences(figureSources(report, ctx));
  }
}

@Resolver(() => Chapter)
export class ChapterPeriodReportResolver {
  @FieldResolver(() => [PeriodReport], { description: 'The chapter\'s reports for a period, one per kind it opened.' })
  periodReports(@Root() chapter: Chapter, @Arg('period', () => PeriodInput) period: PeriodInput, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.PeriodReportsByChapterPeriodLoader.load({ chapterId: chapter.id, period: resolvePeriod(period) });
  }
}
