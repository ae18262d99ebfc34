import { Migration } from '@mikro-orm/migrations';

const KINDS = ['STARTING_GRANT', 'MEMBER_CONTRIBUTION', 'SOCIETY_RAISED', 'LOAN_DISBURSED', 'REPAYMENT', 'INTEREST', 'FEE', 'REVERSAL'];
const list = (values: string[]) => values.map((value) => `'${value}'`).join(', ');

/**
 * A club's fund (vốn quỹ) is a ledger: entries are only ever added. A mistake is undone by a
 * REVERSAL entry that names the entry it reverses (at most one reversal per entry, in the same
 * club, for the same amount); balances are derived in SQL, never stored.
 */
export class Migration20261123060000_club_fund extends Migration {
  override up(): void {
    this.addSql(`
      create table elderly.club_fund_entry (
        id uuid primary key,
        club_id uuid not null references elderly.club (id),
        -- The order entries were recorded in: ties on one day, first-in-first-out repayment.
        seq bigint generated always as identity,
        kind text not null check (kind in (${list(KINDS)})),
        amount_vnd bigint not null check (amount_vnd > 0),
        occurred_on date not null,
        note text not null check (note = normalize(note, NFC) and length(trim(note)) > 0),
        borrower_ref text check (borrower_ref = normalize(borrower_ref, NFC) and borrower_ref = trim(borrower_ref) and length(borrower_ref) > 0),
        due_on date,
        reverses_id uuid,
        created_at timestamptz not null default now(),
        unique (club_id, id),
        -- A reversal undoes one entry of the same club, once.
        unique (reverses_id),
        foreign key (club_id, reverses_id) references elderly.club_fund_entry (club_id, id),
        check ((kind = 'REVERSAL') = (reverses_id is not null)),
        check ((kind in ('LOAN_DISBURSED', 'REPAYMENT')) = (borrower_ref is not null)),
        check (due_on is null or (kind = 'LOAN_DISBURSED' and due_on >= occurred_on))
      )`);
    this.addSql(`create index club_fund_entry_club_idx on elderly.club_fund_entry (club_id, occurred_on, seq)`);
    this.addSql(`create index club_fund_entry_borrower_idx on elderly.club_fund_entry (club_id, borrower_ref) where borrower_ref is not null`);

    // Append-only: no entry is edited or deleted, whoever connects.
    this.addSql(`
      create function elderly.club_fund_entry_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'club fund entries are never changed or deleted; record a REVERSAL instead'
          using errcode = 'restrict_violation';
      end $$`);
    this.addSql(`
      create trigger club_fund_entry_append_only before update or delete or truncate on elderly.club_fund_entry
      for each statement execute function elderly.club_fund_entry_append_only()`);

    // A reversal mirrors the entry it undoes: same amount, never of another reversal, not dated before it.
    this.addSql(`
      create function elderly.club_fund_entry_reversal() returns trigger language plpgsql as $$
      declare
        reversed elderly.club_fund_entry;
      begin
        select * into reversed from elderly.club_fund_entry where id = new.reverses_id;
        if not found then
          raise exception 'the reversed entry % does not exist', new.reverses_id using errcode = 'foreign_key_violation';
        end if;
        if reversed.kind = 'REVERSAL' then
          raise exception 'a reversal cannot be reversed' using errcode = 'check_violation';
        end if;
        if reversed.amount_vnd <> new.amount_vnd or new.occurred_on < reversed.occurred_on then
          raise exception 'a reversal has the amount of the entry it reverses and is not dated before it' using errcode = 'check_violation';
        end if;
        return new;
      end $$`);
    this.addSql(`
      create trigger club_fund_entry_reversal before insert on elderly.club_fund_entry
      for each row when (new.reverses_id is not null) execute function elderly.club_fund_entry_reversal()`);
  }

  override down(): void {
    this.addSql(`drop table elderly.club_fund_entry`);
    this.addSql(`drop function elderly.club_fund_entry_reversal()`);
    this.addSql(`drop function elderly.club_fund_entry_append_only()`);
  }
}
