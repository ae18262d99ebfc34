import { Arg, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { PeriodInput, resolvePeriod, type Period } from '@hoi/common/period';
import type { CompletenessRow } from '@hoi/common/period-report';
import { sql } from '@hoi/common/orm';
import { UnitEdition, unitReference } from '@hoi/common/references';
import { Chapter } from '../chapter/chapter.type.ts';
import { EmulationClusterFigures } from '../cluster-totals/emulation-cluster.type.ts';
import type { RedCrossContext } from '../context.ts';
import { NATIONAL_COMPLETENESS_SQL } from './period-report.plug.ts';
import { ChapterReportKind } from './period-report.type.ts';
import { ChapterReportingCompleteness, ClusterReportingCompleteness, NationalReportingCompleteness } from './reporting-completeness.type.ts';

const KIND = { nullable: true, description: 'ACTIVITIES when left out.' } as const;

const withIds = ({ missingIds, lateIds, groupKey: _group, ...counts }: CompletenessRow, kind: ChapterReportKind, period: Period) => ({
  ...counts,
  kind,
  period,
  missingChapterIds: missingIds ?? [],
  lateChapterIds: lateIds ?? [],
});

async function chapters(ctx: RedCrossContext, ids: string[]): Promise<Chapter[]> {
  const found = await ctx.loaders.ChapterByIdLoader.loadMany(ids);
  return found.filter((chapter): chapter is Chapter => chapter != null && !(chapter instanceof Error));
}

@Resolver(() => Chapter)
export class ChapterReportingCompletenessResolver {
  @FieldResolver(() => ChapterReportingCompleteness, {
    description: 'How the chapter\'s child chapters have reported for a period (tình hình báo cáo): expected, missing, draft, submitted, returned, approved, late.',
  })
  async reportingCompleteness(
    @Root() chapter: Chapter,
    @Arg('period', () => PeriodInput) periodInput: PeriodInput,
    @Arg('kind', () => ChapterReportKind, KIND) kind: ChapterReportKind | null,
    @Ctx() ctx: RedCrossContext,
  ): Promise<ChapterReportingCompleteness> {
    const period = resolvePeriod(periodInput);
    const reportKind = kind ?? ChapterReportKind.ACTIVITIES;
    return withIds(await ctx.loaders.CompletenessByChapterLoader.load({ groupKey: chapter.id, kind: reportKind, period }), reportKind, period);
  }
}

@Resolver(() => ChapterReportingCompleteness)
export class ChapterReportingCompletenessFieldsResolver {
  @FieldResolver(() => [Chapter], { description: 'The child chapters without any report.' })
  missingChapters(@Root() completeness: ChapterReportingCompleteness, @Ctx() ctx: RedCrossContext) {
    return chapters(ctx, completeness.missingChapterIds);
  }

  @FieldResolver(() => [Chapter], { description: 'The child chapters that are late.' })
  lateChapters(@Root() completeness: ChapterReportingCompleteness, @Ctx() ctx: RedCrossContext) {
    return chapters(ctx, completeness.lateChapterIds);
  }
}

@Resolver(() => ClusterReportingCompleteness)
export class ClusterReportingCompletenessFieldsResolver {
  @FieldResolver(() => [Chapter], { description: 'The member chapters without any report.' })
  missingChapters(@Root() completeness: ClusterReportingCompleteness, @Ctx() ctx: RedCrossContext) {
    return chapters(ctx, completeness.missingChapterIds);
  }

  @FieldResolver(() => [Chapter], { description: 'The member chapters that are late.' })
  lateChapters(@Root() completeness: ClusterReportingCompleteness, @Ctx() ctx: RedCrossContext) {
    return chapters(ctx, completeness.lateChapterIds);
  }
}

@Resolver(() => NationalReportingCompleteness)
export class NationalReportingCompletenessResolver {
  @Query(() => NationalReportingCompleteness, {
    description: 'Reporting across the country by province (tình hình báo cáo toàn quốc): for each province, its provincial chapter and every chapter under it, '
      + 'the provinces of the edition asked for (with CURRENT, old provinces merge into today\'s). One SQL statement.',
  })
  async nationalReportingCompleteness(
    @Arg('period', () => PeriodInput) periodInput: PeriodInput,
    @Arg('kind', () => ChapterReportKind, KIND) kind: ChapterReportKind | null,
    @Arg('unitEdition', () => UnitEdition, { defaultValue: UnitEdition.BEFORE_2025 }) unitEdition: UnitEdition,
    @Ctx() ctx: RedCrossContext,
  ): Promise<NationalReportingCompleteness> {
    const period = resolvePeriod(periodInput);
    const reportKind = kind ?? ChapterReportKind.ACTIVITIES;
    const rows = await sql<CompletenessRow>(ctx.em, NATIONAL_COMPLETENESS_SQL[unitEdition], [reportKind, period.type, period.start, period.end]);
    return {
      kind: reportKind,
      period,
      unitEdition,
      provinces: rows.map(({ groupKey, ...counts }) => ({ ...counts, province: unitReference(groupKey) })),
    };
  }
}

@Resolver(() => EmulationClusterFigures)
export class ClusterReportingCompletenessResolver {
  @FieldResolver(() => ClusterReportingCompleteness, {
    nullable: true,
    description: 'How the member chapters have reported their own reports for a period (tình hình báo cáo Hội Chữ thập đỏ của cụm). '
      + 'Null, with a SUBGRAPH_UNAVAILABLE error, while the red-cross subgraph does not answer.',
  })
  @Directive('@requires(fields: "memberChapterIds")')
  async redCrossCompleteness(
    @Root() cluster: EmulationClusterFigures,
    @Arg('period', () => PeriodInput) periodInput: PeriodInput,
    @Arg('kind', () => ChapterReportKind, KIND) kind: ChapterReportKind | null,
    @Ctx() ctx: RedCrossContext,
  ): Promise<ClusterReportingCompleteness> {
    const period = resolvePeriod(periodInput);
    const reportKind = kind ?? ChapterReportKind.ACTIVITIES;
    const row = await ctx.loaders.CompletenessByClusterLoader.load({ groupKey: cluster.id, chapterIds: cluster.memberChapterIds ?? [], kind: reportKind, period });
    return withIds(row, reportKind, period);
  }
}
