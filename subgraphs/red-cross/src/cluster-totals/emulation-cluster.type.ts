import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Period } from '@hoi/common/period';
import { Vnd } from '@hoi/common/scalars';

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

  @Field(() => Int, { description: 'Member chapters counted.' })
  chapters!: number;

  @Field(() => Int, { description: 'Grassroots organisations (tổ chức Hội cơ sở), from the members\' membership reports.' })
  grassrootsOrganisations!: number;

  @Field(() => Int, { description: 'Branches (chi hội).' })
  branches!: number;

  @Field(() => Int, { description: 'Individual members (hội viên cá nhân).' })
  individualMembers!: number;

  @Field(() => Int, { description: 'Collective members (hội viên tập thể).' })
  collectiveMembers!: number;

  @Field(() => Int, { description: 'Volunteers (tình nguyện viên).' })
  volunteers!: number;

  @Field(() => Int, { description: 'Cases helped by regular and emergency assistance (lượt hoàn cảnh được trợ giúp thường xuyên, đột xuất).' })
  casesHelped!: number;

  @Field(() => Vnd, { description: 'Value of that assistance in VND.' })
  assistanceValueVnd!: string | number;

  @Field(() => Vnd, { description: 'Value of all relief activities in VND, every kind included.' })
  reliefValueVnd!: string | number;
}
