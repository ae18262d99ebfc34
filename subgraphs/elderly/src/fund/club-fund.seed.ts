import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { WholeVnd } from '@hoi/common/scalars';

export interface SeedFundEntry {
  kind: string;
  amountVnd: WholeVnd;
  occurredOn: string;
  note?: string;
  borrowerRef?: string;
  dueOn?: string;
  /** Index, in this list, of the entry a REVERSAL undoes. */
  reverses?: number;
}

/** Test seed builder: writes a club's ledger directly, in order; returns the entry ids in the same order. */
export async function seedFundEntries(client: pg.Client, clubId: string, entries: SeedFundEntry[]): Promise<string[]> {
  const ids: string[] = [];
  for (const entry of entries) {
    const id = randomUUID();
    await client.query(
      `insert into elderly.club_fund_entry (id, club_id, kind, amount_vnd, occurred_on, note, borrower_ref, due_on, reverses_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        id,
        clubId,
        entry.kind,
        entry.amountVnd,
        entry.occurredOn,
        entry.note ?? `${entry.kind} ${entry.occurredOn}`,
        entry.borrowerRef ?? null,
        entry.dueOn ?? null,
        entry.reverses === undefined ? null : ids[entry.reverses],
      ],
    );
    ids.push(id);
  }
  return ids;
}
