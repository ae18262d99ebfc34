import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** Someone holding an office or a committee seat in a term; `leftOfficeOn` null: until the end of the term. */
@Entity({ tableName: 'office_holder' })
export class OfficeHolderEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'term_id' })
  termId!: string;

  @Property({ type: 'text' })
  role!: string;

  @Property({ type: 'text', fieldName: 'person_name' })
  personName!: string;

  @Property({ type: 'text', fieldName: 'outside_role', nullable: true })
  outsideRole!: string | null;

  @Property({ type: 'date', fieldName: 'took_office_on', nullable: true })
  tookOfficeOn!: string | null;

  @Property({ type: 'date', fieldName: 'left_office_on', nullable: true })
  leftOfficeOn!: string | null;
}
