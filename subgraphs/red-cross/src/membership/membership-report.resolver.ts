import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Arg, Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { writeTransaction } from '@hoi/common/writes';
import { conflict } from '@hoi/common/errors';
import { PageArgs, readPage } from '@hoi/common/pagination';
import { PeriodInput, resolvePeriod } from '@hoi/common/period';
import { requireChapterWrite } from '../chapter/chapter.access.ts';
import { Chapter } from '../chapter/chapter.type.ts';
import type { RedCrossContext } from '../context.ts';
import { ReportBasis, requireApproved } from '@hoi/common/period-report';
import { toFigures } from '../period-report/period-report.loaders.ts';
import { ALREADY_REPORTED, submitMembershipReport } from './membership-report.write.ts';
import { MembershipReport, MembershipReportConnection, MembershipReportInput, MembershipTotals } from './membership-report.type.ts';

@Resolver(() => Chapter)
export class ChapterMembershipResolver {
  @FieldResolver(() => MembershipReportConnection, { description: 'The chapter\'s own membership reports, newest period first.' })
  membershipReports(@Root() chapter: Chapter, @Args(() => PageArgs) pageArgs: PageArgs, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.MembershipReportsByChapterIdLoader.load({ parentId: chapter.id, page: readPage(pageArgs) });
  }

  @FieldResolver(() => MembershipTotals, {
    nullable: true,
    description: 'Membership of the chapter and everything under it for a period (tổng hợp toàn hệ thống). '
      + 'Null only with basis APPROVED and no approved report (NOT_APPROVED at this field; the chapter stays).',
  })
  async membershipTotals(
    @Root() chapter: Chapter,
    @Arg('period', () => PeriodInput) periodInput: PeriodInput,
    @Arg('basis', () => ReportBasis, { defaultValue: ReportBasis.LIVE, description: 'LIVE from the reports now, or APPROVED as the chapter\'s approved period report froze them (số liệu đã duyệt).' }) basis: ReportBasis,
    @Ctx() ctx: RedCrossContext,
  ): Promise<MembershipTotals> {
    const period = resolvePeriod(periodInput);
    if (basis === ReportBasis.LIVE) return ctx.loaders.MembershipTotalsByChapterLoader.load({ chapterId: chapter.id, period });
    const approved = requireApproved(await ctx.loaders.ApprovedFiguresByChapterPeriodLoader.load({ chapterId: chapter.id, period }), chapter.id, period);
    return { ...toFigures(approved.figures, period).membership, approvedVersion: approved.version };
  }
}

@Resolver(() => MembershipReport)
export class MembershipReportResolver {
  @Mutation(() => MembershipReport, { description: 'Files a chapter\'s membership report for a period; a period is reported once.' })
  async submitMembershipReport(@Arg('input', () => MembershipReportInput) input: MembershipReportInput, @Ctx() ctx: RedCrossContext): Promise<MembershipReport> {
    // The scope check reads through the request's loaders before the transaction opens (as
    // recordReliefActivity's does); inside, submitMembershipReport's own check hits the cache.
    await requireChapterWrite(ctx, input.chapterId, 'chapterId');
    try {
      return await writeTransaction(ctx.em, (em) => submitMembershipReport(ctx, em, input));
    } catch (error) {
      // Two filings of one period at once: the second meets the table's unique key.
      if (error instanceof UniqueConstraintViolationException) throw conflict('period', ALREADY_REPORTED);
      throw error;
    }
  }

  @FieldResolver(() => Chapter)
  chapter(@Root() report: MembershipReport, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.ChapterByIdLoader.load(report.chapterId);
  }
}
