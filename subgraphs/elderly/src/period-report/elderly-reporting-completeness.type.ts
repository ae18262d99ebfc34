import { Field, ID, ObjectType } from 'type-graphql';
import { Period } from '@hoi/common/period';
import { ReportingCounts } from '@hoi/common/period-report';
import { AdministrativeUnitReference, UnitEdition } from '@hoi/common/references';
import { ElderlyReportKind } from './elderly-period-report.type.ts';

@ObjectType({ description: 'How an association unit\'s child units and clubs have reported for a period (tình hình báo cáo của cấp dưới).' })
export class ElderlyReportingCompleteness extends ReportingCounts {
  @Field(() => ElderlyReportKind)
  kind!: ElderlyReportKind;

  @Field(() => Period)
  period!: Period;

  @Field(() => [ID], { description: 'Child units and clubs without any report (chưa báo cáo), in id order.' })
  missingOrganisationIds!: string[];

  @Field(() => [ID], { description: 'Child units and clubs that are late (nộp muộn), in id order.' })
  lateOrganisationIds!: string[];
}

@ObjectType({ description: 'How the units and clubs of one province (the provincial association, every unit under it and their clubs) have reported for a period.' })
export class ElderlyProvinceReportingCompleteness extends ReportingCounts {
  @Field(() => AdministrativeUnitReference, { nullable: true, description: 'The province in the answer\'s unit edition; none for provincial associations without a unit.' })
  province!: AdministrativeUnitReference | null;
}

@ObjectType({ description: 'The Elderly Association\'s reporting across the country, province by province (tình hình báo cáo toàn quốc).' })
export class NationalElderlyReportingCompleteness {
  @Field(() => ElderlyReportKind)
  kind!: ElderlyReportKind;

  @Field(() => Period)
  period!: Period;

  @Field(() => UnitEdition)
  unitEdition!: UnitEdition;

  @Field(() => [ElderlyProvinceReportingCompleteness], { description: 'One row per province, in unit id order.' })
  provinces!: ElderlyProvinceReportingCompleteness[];
}
