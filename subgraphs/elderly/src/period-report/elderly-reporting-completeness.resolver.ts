import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { PeriodInput, resolvePeriod, type Period } from '@hoi/common/period';
import { reportingCompleteness, type CompletenessRow } from '@hoi/common/period-report';
import { UnitEdition, unitReference } from '@hoi/common/references';
import { ElderlyAssociation } from '../association/elderly-association.type.ts';
import { Club } from '../club/club.type.ts';
import type { ElderlyContext } from '../context.ts';
import { ElderlyReportKind } from './elderly-period-report.type.ts';
import { provinceOrganisationsSql } from './elderly-reporting-completeness.loaders.ts';
import { ElderlyReportingCompleteness, NationalElderlyReportingCompleteness } from './elderly-reporting-completeness.type.ts';

export const KIND = { nullable: true, description: 'ACTIVITIES when left out.' } as const;

/** The association units among these ids, in their order; clubs' and unknown ids left out. */
export async function associationsOf(ctx: ElderlyContext, ids: string[]): Promise<ElderlyAssociation[]> {
  const found = await ctx.loaders.ElderlyAssociationByIdLoader.loadMany(ids);
  return found.filter((unit): unit is ElderlyAssociation => unit != null && !(unit instanceof Error));
}

async function clubsOf(ctx: ElderlyContext, ids: string[]): Promise<Club[]> {
  const found = await ctx.loaders.ClubByIdLoader.loadMany(ids);
  return found.filter((club): club is Club => club != null && !(club instanceof Error));
}

const counts = ({ missingIds: _missing, lateIds: _late, groupKey: _group, ...rest }: CompletenessRow) => rest;

@Resolver(() => ElderlyAssociation)
export class AssociationReportingCompletenessResolver {
  @FieldResolver(() => ElderlyReportingCompleteness, {
    description: 'How the unit\'s child units and the clubs it runs have reported for a period (tình hình báo cáo): expected, missing, draft, submitted, returned, approved, late.',
  })
  async reportingCompleteness(
    @Root() association: ElderlyAssociation,
    @Arg('period', () => PeriodInput) periodInput: PeriodInput,
    @Arg('kind', () => ElderlyReportKind, KIND) kind: ElderlyReportKind | null,
    @Ctx() ctx: ElderlyContext,
  ): Promise<ElderlyReportingCompleteness> {
    const period: Period = resolvePeriod(periodInput);
    const reportKind = kind ?? ElderlyReportKind.ACTIVITIES;
    const row = await ctx.loaders.CompletenessByAssociationLoader.load({ groupKey: association.id, kind: reportKind, period });
    return { ...counts(row), kind: reportKind, period, missingOrganisationIds: row.missingIds ?? [], lateOrganisationIds: row.lateIds ?? [] };
  }
}

@Resolver(() => ElderlyReportingCompleteness)
export class ElderlyReportingCompletenessFieldsResolver {
  @FieldResolver(() => [ElderlyAssociation], { description: 'The child units without any report.' })
  missingAssociations(@Root() completeness: ElderlyReportingCompleteness, @Ctx() ctx: ElderlyContext) {
    return associationsOf(ctx, completeness.missingOrganisationIds);
  }

  @FieldResolver(() => [Club], { description: 'The clubs without any report.' })
  missingClubs(@Root() completeness: ElderlyReportingCompleteness, @Ctx() ctx: ElderlyContext) {
    return clubsOf(ctx, completeness.missingOrganisationIds);
  }

  @FieldResolver(() => [ElderlyAssociation], { description: 'The child units that are late.' })
  lateAssociations(@Root() completeness: ElderlyReportingCompleteness, @Ctx() ctx: ElderlyContext) {
    return associationsOf(ctx, completeness.lateOrganisationIds);
  }

  @FieldResolver(() => [Club], { description: 'The clubs that are late.' })
  lateClubs(@Root() completeness: ElderlyReportingCompleteness, @Ctx() ctx: ElderlyContext) {
    return clubsOf(ctx, completeness.lateOrganisationIds);
  }
}

@Resolver(() => NationalElderlyReportingCompleteness)
export class NationalElderlyReportingCompletenessResolver {
  @Query(() => NationalElderlyReportingCompleteness, {
    description: 'The Elderly Association\'s reporting across the country by province (tình hình báo cáo toàn quốc): for each province, its provincial association, '
      + 'every unit under it and their clubs, the provinces of the edition asked for (with CURRENT, old provinces merge into today\'s). One SQL statement.',
  })
  async nationalElderlyReportingCompleteness(
    @Arg('period', () => PeriodInput) periodInput: PeriodInput,
    @Arg('kind', () => ElderlyReportKind, KIND) kind: ElderlyReportKind | null,
    @Arg('unitEdition', () => UnitEdition, { defaultValue: UnitEdition.BEFORE_2025 }) unitEdition: UnitEdition,
    @Ctx() ctx: ElderlyContext,
  ): Promise<NationalElderlyReportingCompleteness> {
    const period = resolvePeriod(periodInput);
    const reportKind = kind ?? ElderlyReportKind.ACTIVITIES;
    const rows = await reportingCompleteness(ctx.em, 'elderly', provinceOrganisationsSql(unitEdition), [], reportKind, period, { list: false, wide: true });
    return { kind: reportKind, period, unitEdition, provinces: rows.map(({ groupKey, ...rest }) => ({ ...rest, province: unitReference(groupKey) })) };
  }
}
