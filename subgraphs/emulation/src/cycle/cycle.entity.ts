import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** Where a cluster year stands in its cycle; no row: at REGISTRATION. Each date is that of the transition into the stage. */
@Entity({ tableName: 'cycle' })
export class EmulationCycleEntity {
  @PrimaryKey({ type: 'uuid', fieldName: 'cluster_id' })
  clusterId!: string;

  @Property({ type: 'text' })
  stage!: string;

  @Property({ type: 'date', fieldName: 'criteria_set_on', nullable: true })
  criteriaSetOn!: string | null;

  @Property({ type: 'date', fieldName: 'scoring_started_on', nullable: true })
  scoringStartedOn!: string | null;

  @Property({ type: 'date', fieldName: 'ranked_on', nullable: true })
  rankedOn!: string | null;

  @Property({ type: 'date', fieldName: 'titles_voted_on', nullable: true })
  titlesVotedOn!: string | null;
}

/** An emulation commitment (giao ước thi đua) or a model programme (mô hình điểm) a member registers for the year. */
@Entity({ tableName: 'registration' })
export class EmulationRegistrationEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'cluster_id' })
  clusterId!: string;

  @Property({ type: 'uuid', fieldName: 'member_id' })
  memberId!: string;

  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description!: string | null;

  @Property({ type: 'date', fieldName: 'registered_on', nullable: true })
  registeredOn!: string | null;
}

/** A scoring criterion (tiêu chí chấm điểm) of a cluster year, with its weight and the points it is scored out of. */
@Entity({ tableName: 'criterion' })
export class EmulationCriterionEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'cluster_id' })
  clusterId!: string;

  @Property({ type: 'smallint' })
  position!: number;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  description!: string | null;

  @Property({ type: 'smallint' })
  weight!: number;

  @Property({ type: 'smallint', fieldName: 'max_points' })
  maxPoints!: number;
}

/** The points a member scored on a criterion; one per member and criterion. */
@Entity({ tableName: 'score' })
export class EmulationScoreEntity {
  @PrimaryKey({ type: 'uuid', fieldName: 'member_id' })
  memberId!: string;

  @PrimaryKey({ type: 'uuid', fieldName: 'criterion_id' })
  criterionId!: string;

  @Property({ type: 'uuid', fieldName: 'cluster_id' })
  clusterId!: string;

  @Property({ type: 'smallint', fieldName: 'max_points' })
  maxPoints!: number;

  @Property({ type: 'smallint' })
  points!: number;

  @Property({ type: 'date', fieldName: 'scored_on', nullable: true })
  scoredOn!: string | null;
}

/** An emulation title (danh hiệu thi đua) the cluster voted (suy tôn) for a member. */
@Entity({ tableName: 'title_award' })
export class EmulationTitleAwardEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'cluster_id' })
  clusterId!: string;

  @Property({ type: 'uuid', fieldName: 'member_id' })
  memberId!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'date', fieldName: 'voted_on', nullable: true })
  votedOn!: string | null;

  @Property({ type: 'text', nullable: true })
  note!: string | null;
}

/** A form of commendation (hình thức khen thưởng) the cluster proposes (đề nghị) for a member. */
@Entity({ tableName: 'commendation_proposal' })
export class CommendationProposalEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'cluster_id' })
  clusterId!: string;

  @Property({ type: 'uuid', fieldName: 'member_id' })
  memberId!: string;

  @Property({ type: 'text' })
  form!: string;

  @Property({ type: 'date', fieldName: 'proposed_on', nullable: true })
  proposedOn!: string | null;

  @Property({ type: 'text', nullable: true })
  reason!: string | null;
}

/** Every entity of the yearly cycle, for the subgraph's definition. */
export const CYCLE_ENTITIES = [
  EmulationCycleEntity,
  EmulationRegistrationEntity,
  EmulationCriterionEntity,
  EmulationScoreEntity,
  EmulationTitleAwardEntity,
  CommendationProposalEntity,
];
