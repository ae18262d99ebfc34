import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

@Entity({ tableName: 'relief_activity' })
export class ReliefActivityEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'chapter_id' })
  chapterId!: string;

  @Property({ type: 'uuid', fieldName: 'campaign_id', nullable: true })
  campaignId!: string | null;

  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'integer' })
  quantity!: number;

  @Property({ type: 'integer', fieldName: 'people_reached' })
  peopleReached!: number;

  /** bigint: whole đồng, read back as a string by the driver. */
  @Property({ type: 'bigint', fieldName: 'value_vnd' })
  valueVnd!: string;

  @Property({ type: 'date', fieldName: 'occurred_on' })
  occurredOn!: string;

  @Property({ type: 'text', nullable: true })
  note!: string | null;
}
