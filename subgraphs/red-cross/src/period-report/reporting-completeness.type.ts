import { Field, ID, ObjectType } from 'type-graphql';
import { Period } from '@hoi/common/period';
import { ReportingCounts } from '@hoi/common/period-report';
import { AdministrativeUnitReference, UnitEdition } from '@hoi/common/references';
import { ChapterReportKind } from './period-report.type.ts';

@ObjectType({ description: 'How a chapter\'s child chapters have reported for a period (tình hình báo cáo của cấp dưới).' })
export class ChapterReportingCompleteness extends ReportingCounts {
  @Field(() => ChapterReportKind)
  kind!: ChapterReportKind;

  @Field(() => Period)
  period!: Period;

  @Field(() => [ID], { description: 'Child chapters without any report (chưa báo cáo), in id order.' })
  missingChapterIds!: string[];

  @Field(() => [ID], { description: 'Child chapters that are late (nộp muộn), in id order.' })
  lateChapterIds!: string[];
}

@ObjectType({ description: 'How the chapters of one province (the provincial chapter and every chapter under it) have reported for a period.' })
export class ProvinceReportingCompleteness extends ReportingCounts {
  @Field(() => AdministrativeUnitReference, { nullable: true, description: 'The province in the answer\'s unit edition; none for provincial chapters without a unit.' })
  province!: AdministrativeUnitReference | null;
}

@ObjectType({ description: 'Reporting across the country, province by province (tình hình báo cáo toàn quốc).' })
export class NationalReportingCompleteness {
  @Field(() => ChapterReportKind)
  kind!: ChapterReportKind;

  @Field(() => Period)
  period!: Period;

  @Field(() => UnitEdition)
  unitEdition!: UnitEdition;

  @Field(() => [ProvinceReportingCompleteness], { description: 'One row per province, in unit id order.' })
  provinces!: ProvinceReportingCompleteness[];
}

@ObjectType({ description: 'How a cluster\'s member chapters have reported for a period (tình hình báo cáo của cụm thi đua).' })
export class ClusterReportingCompleteness extends ReportingCounts {
  @Field(() => ChapterReportKind)
  kind!: ChapterReportKind;

  @Field(() => Period)
  period!: Period;

  @Field(() => [ID], { description: 'Member chapters without any report, in id order.' })
  missingChapterIds!: string[];

  @Field(() => [ID], { description: 'Member chapters that are late, in id order.' })
  lateChapterIds!: string[];
}
