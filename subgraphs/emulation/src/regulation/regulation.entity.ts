import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A regulation (quy chế hoạt động) a cluster voted on; the vote counts may be unknown. */
@Entity({ tableName: 'regulation' })
export class RegulationEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'cluster_id' })
  clusterId!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text' })
  status!: string;

  @Property({ type: 'integer', fieldName: 'votes_for', nullable: true })
  votesFor!: number | null;

  @Property({ type: 'integer', fieldName: 'votes_against', nullable: true })
  votesAgainst!: number | null;

  @Property({ type: 'integer', fieldName: 'votes_abstaining', nullable: true })
  votesAbstaining!: number | null;

  @Property({ type: 'date', fieldName: 'voted_on', nullable: true })
  votedOn!: string | null;

  @Property({ type: 'uuid', fieldName: 'meeting_id', nullable: true })
  meetingId!: string | null;
}
