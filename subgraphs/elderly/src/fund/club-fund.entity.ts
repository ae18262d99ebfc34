import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** One entry of a club's fund ledger; append-only (the database refuses updates and deletes). */
@Entity({ tableName: 'club_fund_entry' })
export class ClubFundEntryEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'club_id' })
  clubId!: string;

  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'bigint', fieldName: 'amount_vnd' })
  amountVnd!: string;

  @Property({ type: 'date', fieldName: 'occurred_on' })
  occurredOn!: string;

  @Property({ type: 'text' })
  note!: string;

  @Property({ type: 'text', fieldName: 'borrower_ref', nullable: true })
  borrowerRef!: string | null;

  @Property({ type: 'uuid', fieldName: 'borrower_member_id', nullable: true })
  borrowerMemberId!: string | null;

  @Property({ type: 'date', fieldName: 'due_on', nullable: true })
  dueOn!: string | null;

  @Property({ type: 'uuid', fieldName: 'reverses_id', nullable: true })
  reversesId!: string | null;
}
