import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

@Entity({ tableName: 'target' })
export class TargetEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'setter_chapter_id' })
  setterChapterId!: string;

  @Property({ type: 'uuid', fieldName: 'chapter_id' })
  chapterId!: string;

  @Property({ type: 'text' })
  metric!: string;

  @Property({ type: 'uuid', fieldName: 'campaign_id', nullable: true })
  campaignId!: string | null;

  @Property({ type: 'text', fieldName: 'period_type' })
  periodType!: string;

  @Property({ type: 'date', fieldName: 'period_start' })
  periodStart!: string;

  @Property({ type: 'date', fieldName: 'period_end' })
  periodEnd!: string;

  @Property({ type: 'bigint' })
  value!: string;
}
