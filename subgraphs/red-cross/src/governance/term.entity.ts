import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A term (nhiệm kỳ) of a chapter; years are half-open: 2017–2022 and 2022–2027 do not overlap. */
@Entity({ tableName: 'term' })
export class TermEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'chapter_id' })
  chapterId!: string;

  /** The term's number (khóa), shown as a Roman numeral; null when the sources do not give it. */
  @Property({ type: 'integer', nullable: true })
  ordinal!: number | null;

  @Property({ type: 'integer', fieldName: 'start_year' })
  startYear!: number;

  @Property({ type: 'integer', fieldName: 'end_year' })
  endYear!: number;
}
