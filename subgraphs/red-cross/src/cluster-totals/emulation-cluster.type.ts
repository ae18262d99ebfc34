import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Period } from '@hoi/common/period';
import { ApprovedReportVersion } from '@hoi/common/period-report';
import { VndTotal, WholeNumber } from '@hoi/common/scalars';

/**
 * The emulation subgraph's cluster, extended here with the Red Cross figures of its members:
 * the gateway hands over the member chapters' ids (`@requires`), and this subgraph adds up its
 * own tables for them.
 */
@ObjectType('EmulationCluster')
@Directive('@key(fields: "id")')
export class EmulationClusterFigures {
  @Field(() => ID)
  id!: string;

  @Field(() => [ID])
  @Directive('@external')
  memberChapterIds!: string[];
}

@ObjectType({ description: 'Red Cross figures of a cluster\'s member chapters (and everything under them) for a period, added up in SQL.' })
export class RedCrossTotals {
  @Field(() => Period)
  period!: Period;

  @Field(() => Int, { description: 'Member chapters counted (with basis APPROVED: those with an approved report).' })
  chapters!: number;

  @Field(() => WholeNumber, { description: 'Grassroots organisations (tổ chức Hội cơ sở), from the members\' membership reports.' })
  grassrootsOrganisations!: string;

  @Field(() => WholeNumber, { description: 'Branches (chi hội).' })
  branches!: string;

  @Field(() => WholeNumber, { description: 'Individual members (hội viên cá nhân).' })
  individualMembers!: string;

  @Field(() => WholeNumber, { description: 'Collective members (hội viên tập thể).' })
  collectiveMembers!: string;

  @Field(() => WholeNumber, { description: 'Volunteers (tình nguyện viên).' })
  volunteers!: string;

  @Field(() => WholeNumber, { description: 'Cases helped by regular and emergency assistance (lượt hoàn cảnh được trợ giúp thường xuyên, đột xuất).' })
  casesHelped!: string;

  @Field(() => VndTotal, { description: 'Value of that assistance in VND.' })
  assistanceValueVnd!: string;

  @Field(() => VndTotal, { description: 'Value of all relief activities in VND, every kind included.' })
  reliefValueVnd!: string;

  @Field(() => [ApprovedReportVersion], { nullable: true, description: 'With basis APPROVED: each member chapter\'s approved report read, and its version; none for LIVE.' })
  approvedReports!: ApprovedReportVersion[] | null;

  @Field(() => [ID], { nullable: true, description: 'With basis APPROVED: member chapters without an approved report for the period (chưa được duyệt), not counted; none for LIVE.' })
  unapprovedChapterIds!: string[] | null;
}
