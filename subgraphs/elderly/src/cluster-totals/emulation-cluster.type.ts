import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Period } from '@hoi/common/period';
import { ElderlyReportKind } from '../period-report/elderly-period-report.type.ts';
import { ApprovedReportVersion, ReportingCounts } from '@hoi/common/period-report';
import { VndTotal } from '@hoi/common/scalars';

/**
 * The emulation subgraph's cluster, extended here with the Elderly Association figures of its
 * members: the gateway hands over the member associations' ids (`@requires`).
 */
@ObjectType('EmulationCluster')
@Directive('@key(fields: "id")')
export class EmulationClusterFigures {
  @Field(() => ID)
  id!: string;

  @Field(() => [ID])
  @Directive('@external')
  memberAssociationIds!: string[];
}

@ObjectType({ description: 'Elderly Association figures of a cluster\'s member associations and every unit below them, at the end of a period.' })
export class ElderlyTotals {
  @Field(() => Period)
  period!: Period;

  @Field(() => Int, { description: 'Member associations counted (with basis APPROVED: the topmost members with an approved report).' })
  associations!: number;

  @Field(() => Int, { description: 'Clubs (CLB Liên thế hệ tự giúp nhau) existing at the end of the period.' })
  clubs!: number;

  @Field(() => Int, { description: 'Club members at the end of the period.' })
  members!: number;

  @Field(() => VndTotal, { description: 'Total club funds (tổng vốn quỹ) from the ledgers, at the end of the period.' })
  totalFund!: string;

  @Field(() => VndTotal, { description: 'Of which contributed by members or raised from society.' })
  contributedOrRaised!: string;

  @Field(() => VndTotal, { description: 'Money out on loan to members.' })
  outOnLoan!: string;

  @Field(() => Int, { description: 'Members with a loan outstanding.' })
  borrowers!: number;

  @Field(() => [ApprovedReportVersion], { nullable: true, description: 'With basis APPROVED: each topmost member association\'s approved report read, and its version; none for LIVE.' })
  approvedReports!: ApprovedReportVersion[] | null;

  @Field(() => [ID], { nullable: true, description: 'With basis APPROVED: topmost member associations without an approved report for the period (chưa được duyệt), not counted; none for LIVE.' })
  unapprovedAssociationIds!: string[] | null;
}

@ObjectType({ description: 'How a cluster\'s member associations have reported their own reports for a period (tình hình báo cáo Hội Người cao tuổi của cụm thi đua).' })
export class ClusterElderlyReportingCompleteness extends ReportingCounts {
  @Field(() => ElderlyReportKind)
  kind!: ElderlyReportKind;

  @Field(() => Period)
  period!: Period;

  @Field(() => [ID], { description: 'Member associations without any report, in id order.' })
  missingAssociationIds!: string[];

  @Field(() => [ID], { description: 'Member associations that are late, in id order.' })
  lateAssociationIds!: string[];
}
