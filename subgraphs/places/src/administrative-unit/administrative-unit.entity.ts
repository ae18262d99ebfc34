import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A row of the read-only reference table; written only by migrations. */
@Entity({ tableName: 'administrative_unit', readonly: true })
export class AdministrativeUnitEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  edition!: string;

  @Property({ type: 'text' })
  level!: string;

  @Property({ type: 'smallint', fieldName: 'level_rank' })
  levelRank!: number;

  @Property({ type: 'text' })
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', fieldName: 'short_name' })
  shortName!: string;

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'text', fieldName: 'parent_id', nullable: true })
  parentId!: string | null;
}
