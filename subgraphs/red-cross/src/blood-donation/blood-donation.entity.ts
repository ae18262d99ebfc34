import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

@Entity({ tableName: 'blood_donation_programme' })
export class BloodDonationProgrammeEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  scope!: string;

  @Property({ type: 'uuid', fieldName: 'organiser_chapter_id' })
  organiserChapterId!: string;
}

@Entity({ tableName: 'blood_donation_awareness_round' })
export class BloodDonationAwarenessRoundEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'chapter_id' })
  chapterId!: string;

  @Property({ type: 'uuid', fieldName: 'programme_id', nullable: true })
  programmeId!: string | null;

  @Property({ type: 'date', fieldName: 'held_on' })
  heldOn!: string;

  @Property({ type: 'text', nullable: true })
  note!: string | null;
}

@Entity({ tableName: 'blood_unit_receipt' })
export class BloodUnitReceiptEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'chapter_id' })
  chapterId!: string;

  @Property({ type: 'uuid', fieldName: 'programme_id', nullable: true })
  programmeId!: string | null;

  @Property({ type: 'date', fieldName: 'received_on' })
  receivedOn!: string;

  @Property({ type: 'integer' })
  units!: number;

  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'text', nullable: true })
  note!: string | null;
}
