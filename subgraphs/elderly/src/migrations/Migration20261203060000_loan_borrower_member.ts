import { Migration } from '@mikro-orm/migrations';

/**
 * A loan or repayment may name its borrower (người vay) as a member of the club
 * (`borrower_member_id`), a member of the same club by the foreign key. The ledger still keys a
 * borrower by `borrower_ref` (fund figures, the monthly roll-up, first-in-first-out repayment):
 * for an entry naming a member it is the member's id, so one member is one borrower.
 */
export class Migration20261203060000_loan_borrower_member extends Migration {
  override up(): void {
    this.addSql(`alter table elderly.club_member add constraint club_member_club_id_id_key unique (club_id, id)`);
    this.addSql(`alter table elderly.club_fund_entry add column borrower_member_id uuid`);
    this.addSql(`alter table elderly.club_fund_entry add constraint club_fund_entry_borrower_member_fkey
      foreign key (club_id, borrower_member_id) references elderly.club_member (club_id, id)`);
    this.addSql(`alter table elderly.club_fund_entry add constraint club_fund_entry_borrower_member_ref_check
      check (borrower_member_id is null or borrower_ref = borrower_member_id::text)`);
    this.addSql(`create index club_fund_entry_borrower_member_idx on elderly.club_fund_entry (borrower_member_id) where borrower_member_id is not null`);
  }

  override down(): void {
    this.addSql(`alter table elderly.club_fund_entry drop column borrower_member_id`);
    this.addSql(`alter table elderly.club_member drop constraint club_member_club_id_id_key`);
  }
}
