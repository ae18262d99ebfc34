import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

@Entity({ tableName: 'club' })
export class ClubEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'association_id' })
  associationId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', fieldName: 'name_folded' })
  nameFolded!: string;

  @Property({ type: 'text', fieldName: 'unit_id', nullable: true })
  unitId!: string | null;

  @Property({ type: 'date', fieldName: 'founded_on', nullable: true })
  foundedOn!: string | null;
}
