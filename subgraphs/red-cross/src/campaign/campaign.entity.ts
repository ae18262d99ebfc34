import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

@Entity({ tableName: 'campaign' })
export class CampaignEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  scope!: string;

  @Property({ type: 'text' })
  recurrence!: string;

  @Property({ type: 'uuid', fieldName: 'organiser_chapter_id' })
  organiserChapterId!: string;
}
