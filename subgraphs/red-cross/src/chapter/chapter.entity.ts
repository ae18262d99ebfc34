import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

@Entity({ tableName: 'chapter' })
export class ChapterEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'parent_id', nullable: true })
  parentId!: string | null;

  @Property({ type: 'text' })
  level!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', fieldName: 'name_folded' })
  nameFolded!: string;

  @Property({ type: 'text', fieldName: 'unit_id', nullable: true })
  unitId!: string | null;
}
