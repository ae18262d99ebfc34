import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

@Entity({ tableName: 'membership_report' })
export class MembershipReportEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'chapter_id' })
  chapterId!: string;

  @Property({ type: 'text', fieldName: 'period_type' })
  periodType!: string;

  @Property({ type: 'date', fieldName: 'period_start' })
  periodStart!: string;

  @Property({ type: 'date', fieldName: 'period_end' })
  periodEnd!: string;

  @Property({ type: 'integer', fieldName: 'grassroots_organisations' })
  grassrootsOrganisations!: number;

  @Property({ type: 'integer' })
  branches!: number;

  @Property({ type: 'integer', fieldName: 'individual_members' })
  individualMembers!: number;

  @Property({ type: 'integer', fieldName: 'collective_members' })
  collectiveMembers!: number;

  @Property({ type: 'integer' })
  volunteers!: number;
}
