import { PrimaryKeyProp } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

@Entity({ tableName: 'training' })
export class TrainingEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'association_id' })
  associationId!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'date', fieldName: 'held_on' })
  heldOn!: string;

  @Property({ type: 'text', fieldName: 'unit_id', nullable: true })
  unitId!: string | null;

  @Property({ type: 'text', nullable: true })
  venue!: string | null;
}

@Entity({ tableName: 'training_partner' })
export class TrainingPartnerEntity {
  [PrimaryKeyProp]?: ['trainingId', 'position'];

  @PrimaryKey({ type: 'uuid', fieldName: 'training_id' })
  trainingId!: string;

  @PrimaryKey({ type: 'integer' })
  position!: number;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  role!: string;
}

@Entity({ tableName: 'training_participation' })
export class TrainingParticipationEntity {
  [PrimaryKeyProp]?: ['trainingId', 'role'];

  @PrimaryKey({ type: 'uuid', fieldName: 'training_id' })
  trainingId!: string;

  @PrimaryKey({ type: 'text' })
  role!: string;

  @Property({ type: 'integer' })
  headcount!: number;
}
