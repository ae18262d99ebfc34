import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { writeTransaction } from '@hoi/common/writes';
import { badInput, notFound } from '@hoi/common/errors';
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
import { ElderlyAssociation } from '../association/elderly-association.type.ts';
import { Club } from '../club/club.type.ts';
import type { ElderlyContext } from '../context.ts';
import { toElderlyFigures, toElderlyPeriodReport } from './elderly-period-report.loaders.ts';
import { elderlyReports } from './elderly-period-report.plug.ts';
import {
  ApproveElderlyPeriodReportInput,
  ElderlyPeriodFigures,
  ElderlyPeriodReport,
  ElderlyPeriodReportSnapshot,
  ElderlyReportKind,
  ReopenElderlyPeriodReportInput,
  ReturnElderlyPeriodReportInput,
  SubmitElderlyPeriodReportInput,
} from './elderly-period-report.type.ts';

const keyOf = (report: ElderlyPeriodReport) => ({ organisationId: report.organisationId, period: report.period });

/** The report's figures as its loaders hold them. */
const figureSources = (report: ElderlyPeriodReport, ctx: ElderlyContext): ReportFigureSources<ElderlyPeriodFigures> => ({
  live: () => ctx.loaders.LiveElderlyFiguresByOrganisationPeriodLoader.load(keyOf(report)),
  snapshots: () => ctx.loaders.ElderlyPeriodReportSnapshotsByReportIdLoader.load(report.id),
  shape: (figures) => toElderlyFigures(figures, report.period),
});

@Resolver(() => ElderlyPeriodReport)
export class ElderlyPeriodReportResolver {
  @Query(() => ElderlyPeriodReport, { nullable: true, description: 'One Elderly Association period report by id.' })
  elderlyPeriodReport(@Arg('id', () => ID) id: string, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ElderlyPeriodReportByIdLoader.load(id);
  }

  @Mutation(() => ElderlyPeriodReport, {
    description: 'Submits an association unit\'s or a club\'s report for a period (gửi báo cáo), opening it if it has none: by an association officer of the unit, or the club\'s manager.',
  })
  async submitElderlyPeriodReport(@Arg('input', () => SubmitElderlyPeriodReportInput) input: SubmitElderlyPeriodReportInput, @Ctx() ctx: ElderlyContext): Promise<ElderlyPeriodReport> {
    const period = resolvePeriod(input.period, 'period');
    if ((input.associationId == null) === (input.clubId == null)) throw badInput('associationId', 'name either an association unit (associationId) or a club (clubId)');
    const [organisationId, field] = input.clubId != null ? [input.clubId, 'clubId'] : [input.associationId!, 'associationId'];
    // Each id names its own kind of organisation: a club's id is no association unit's.
    const found = field === 'clubId' ? await ctx.loaders.ClubByIdLoader.load(organisationId) : await ctx.loaders.ElderlyAssociationByIdLoader.load(organisationId);
    if (!found) throw notFound(field, field === 'clubId' ? 'no club has this id' : 'no association unit has this id');
    const row = await writeTransaction(ctx.em, (em) =>
      submitPeriodReport(em, elderlyReports, ctx.caller, { organisationId, kind: input.kind ?? ElderlyReportKind.ACTIVITIES, period, field }),
    );
    return toElderlyPeriodReport(row);
  }

  @Mutation(() => ElderlyPeriodReport, {
    description: 'Approves a submitted report (duyệt báo cáo), freezing its figures as a new version and locking the period: by an association officer of a unit above, or a national administrator. The child units\' and clubs\' reports must be approved first, unless approveWithMissing.',
  })
  async approveElderlyPeriodReport(@Arg('input', () => ApproveElderlyPeriodReportInput) input: ApproveElderlyPeriodReportInput, @Ctx() ctx: ElderlyContext): Promise<ElderlyPeriodReport> {
    const row = await writeTransaction(ctx.em, (em) => approvePeriodReport(em, elderlyReports, ctx.caller, input.id, input.approveWithMissing ?? false));
    return toElderlyPeriodReport(row);
  }

  @Mutation(() => ElderlyPeriodReport, { description: 'Returns a submitted report with a comment (trả lại báo cáo): by an association officer of a unit above.' })
  async returnElderlyPeriodReport(@Arg('input', () => ReturnElderlyPeriodReportInput) input: ReturnElderlyPeriodReportInput, @Ctx() ctx: ElderlyContext): Promise<ElderlyPeriodReport> {
    const row = await writeTransaction(ctx.em, (em) => returnPeriodReport(em, elderlyReports, ctx.caller, input.id, input.comment));
    return toElderlyPeriodReport(row);
  }

  @Mutation(() => ElderlyPeriodReport, {
    description: 'Reopens an approved report for a correction (mở lại báo cáo), with the reason: back to DRAFT and the period unlocked; the approved snapshots are kept. By an association officer of a unit above.',
  })
  async reopenElderlyPeriodReport(@Arg('input', () => ReopenElderlyPeriodReportInput) input: ReopenElderlyPeriodReportInput, @Ctx() ctx: ElderlyContext): Promise<ElderlyPeriodReport> {
    const row = await writeTransaction(ctx.em, (em) => reopenPeriodReport(em, elderlyReports, ctx.caller, input.id, input.reason));
    return toElderlyPeriodReport(row);
  }

  @FieldResolver(() => ElderlyAssociation, { nullable: true, description: 'The association unit whose report it is; none for a club\'s report.' })
  association(@Root() report: ElderlyPeriodReport, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ElderlyAssociationByIdLoader.load(report.organisationId);
  }

  @FieldResolver(() => Club, { nullable: true, description: 'The club whose report it is; none for an association unit\'s report.' })
  club(@Root() report: ElderlyPeriodReport, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ClubByIdLoader.load(report.organisationId);
  }

  @FieldResolver(() => ElderlyPeriodFigures, {
    nullable: true,
    description: 'The report\'s figures: LIVE from the records now, or APPROVED as the latest approval froze them (none if never approved).',
  })
  async figures(
    @Root() report: ElderlyPeriodReport,
    @Arg('basis', () => ReportBasis, { defaultValue: ReportBasis.LIVE }) basis: ReportBasis,
    @Ctx() ctx: ElderlyContext,
  ): Promise<ElderlyPeriodFigures | null> {
    return reportFigures.figures(figureSources(report, ctx), basis);
  }

  @FieldResolver(() => [ElderlyPeriodReportSnapshot], { description: 'Every approval\'s frozen figures, oldest first.' })
  async snapshots(@Root() report: ElderlyPeriodReport, @Ctx() ctx: ElderlyContext): Promise<ElderlyPeriodReportSnapshot[]> {
    return reportFigures.snapshots(figureSources(report, ctx));
  }

  @FieldResolver(() => [FigureDifference], {
    nullable: true,
    description: 'The figures whose live value differs from the latest approved one (chênh lệch); empty when they agree, none if never approved.',
  })
  async differences(@Root() report: ElderlyPeriodReport, @Ctx() ctx: ElderlyContext): Promise<FigureDifference[] | null> {
    return reportFigures.differences(figureSources(report, ctx));
  }
}

@Resolver(() => ElderlyAssociation)
export class AssociationPeriodReportResolver {
  @FieldResolver(() => [ElderlyPeriodReport], { description: 'The unit\'s reports for a period, one per kind it opened.' })
  periodReports(@Root() association: ElderlyAssociation, @Arg('period', () => PeriodInput) period: PeriodInput, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ElderlyPeriodReportsByOrganisationPeriodLoader.load({ organisationId: association.id, period: resolvePeriod(period) });
  }
}

@Resolver(() => Club)
export class ClubPeriodReportResolver {
  @FieldResolver(() => [ElderlyPeriodReport], { description: 'The club\'s reports for a period, one per kind it opened.' })
  periodReports(@Root() club: Club, @Arg('period', () => PeriodInput) period: PeriodInput, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ElderlyPeriodReportsByOrganisationPeriodLoader.load({ organisationId: club.id, period: resolvePeriod(period) });
  }
}
