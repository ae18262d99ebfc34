import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A document a term adopts (working regulations, the whole-term work programme): a draft first, then adopted. */
@Entity({ tableName: 'term_document' })
export class TermDocumentEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'term_id' })
  termId!: string;

  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text' })
  status!: string;

  @Property({ type: 'date', fieldName: 'drafted_on', nullable: true })
  draftedOn!: string | null;

  @Property({ type: 'date', fieldName: 'adopted_on', nullable: true })
  adoptedOn!: string | null;
}
