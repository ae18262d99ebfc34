import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '@hoi/common/ids';
import { insertMissing, sql } from '@hoi/common/orm';
import type { WholeVnd } from '@hoi/common/scalars';

/**
 * The ledgers of the 18 Lai Châu clubs, first half of 2019 (article 002, Báo Lai Châu, 12 June 2019):
 * "ngoài số vốn ban đầu do UBND tỉnh hỗ trợ 25 triệu đồng, Ban Chủ nhiệm động viên các thành viên,
 * các tổ chức cá nhân hảo tâm tự nguyện đóng góp. Đến nay, tổng vốn quỹ của các CLB có 977 triệu
 * đồng, trong đó các thành viên đóng góp và huy động nguồn lực từ xã hội 380 triệu đồng; cho 107
 * thành viên nghèo vay 750 triệu đồng".
 *
 * Every figure below is exact on 2019-06-30 (all entries are dated on or before it):
 *   total fund            977,000,000 = 450,000,000 starting grants (18 clubs × 25,000,000 from the
 *                                       provincial People's Committee, as the article says)
 *                                     + 132,000,000 further grants (11 × 12,000,000, a top-up of the
 *                                       starting capital for the 11 clubs founded before 2019; the
 *                                       article does not say where the rest of the 977 million came
 *                                       from, and only grants fit: interest at these clubs' low rates
 *                                       could not reach it)
 *                                     + 380,000,000 contributed or raised (below)
 *                                     +  11,000,000 interest (1,000,000 per old club, on its first
 *                                       round of loans)
 *                                     +   4,000,000 fees (1,000,000 at each of clubs 01–04)
 *   contributed or raised 380,000,000 = clubs 01–11: 15,000,000 from members + 10,000,000 raised
 *                                       (275,000,000); clubs 12–18: 9,000,000 + 6,000,000 (105,000,000)
 *   out on loan           750,000,000 to 107 borrowers =
 *                                       clubs 01–06: 7 borrowers, 50,000,000 (8 + 6 × 7 million;
 *                                         club 02's second borrower took 9 million and has repaid 2);
 *                                       clubs 07–11: 6 borrowers, 50,000,000 (10 + 5 × 8 million);
 *                                       clubs 12–16: 5 borrowers × 6,000,000; clubs 17–18: 5 × 5,000,000.
 * So the clubs hold 227,000,000 in cash. Also in the ledgers, netting to nothing: each old club's
 * first round of loans (2 × 5,000,000, repaid on time), and at club 01 a contribution recorded
 * twice and its duplicate reversed. The first borrowers of clubs 01–03 took their loans in 2017 for
 * a year and still owe them: 3 overdue loans on 2019-06-30.
 *
 * Dates follow each club's founding date (read from its row, made by the Lai Châu club demo data:
 * clubs 01–11 founded in 2017–2018, 12–18 in the first half of 2019), never after 2019-06-30, and in
 * each ledger the cash never goes below zero. Borrowers are named by a reference (`CLB 01 – người
 * vay 03`) until loans are linked to club members.
 */
export const LAI_CHAU_CLUB_COUNT = 18;
export const FIGURES_AS_OF = '2019-06-30';
export const laiChauClubId = (number: number) => stableId(`elderly:lai-chau:club:${String(number).padStart(2, '0')}`);

const MILLION = 1_000_000;

/** The articles give the funds in whole millions of đồng; money stays an exact integer. */
function millionsOfVnd(millions: number): WholeVnd {
  if (!Number.isSafeInteger(millions)) throw new Error(`${millions} is not a whole number of millions of đồng`);
  return millions * MILLION;
}
const OLD_CLUBS = 11;

export interface FundEntryRow {
  id: string;
  club_id: string;
  kind: string;
  amount_vnd: WholeVnd;
  occurred_on: string;
  note: string;
  borrower_ref: string | null;
  due_on: string | null;
  reverses_id: string | null;
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const latest = (...dates: string[]) => dates.reduce((a, b) => (a > b ? a : b));
const clamp = (date: string) => (date > FIGURES_AS_OF ? FIGURES_AS_OF : date);

/** One club's ledger; `foundedOn` null (a club made without a date) falls back to a plausible day. */
export function clubLedger(number: number, foundedOn: string | null): FundEntryRow[] {
  const nn = String(number).padStart(2, '0');
  const clubId = laiChauClubId(number);
  const isOld = number <= OLD_CLUBS;
  const founded = foundedOn ?? (isOld ? '2018-01-10' : '2019-01-15');
  const rows: FundEntryRow[] = [];
  const add = (key: string, kind: string, millions: number, date: string, note: string, extra: Partial<FundEntryRow> = {}) =>
    rows.push({
      id: stableId(`elderly:lai-chau:club:${nn}:fund:${key}`),
      club_id: clubId,
      kind,
      amount_vnd: millionsOfVnd(millions),
      occurred_on: clamp(date),
      note,
      borrower_ref: null,
      due_on: null,
      reverses_id: null,
      ...extra,
    });
  const borrower = (k: number | string) => `CLB ${nn} – người vay ${typeof k === 'number' ? String(k).padStart(2, '0') : k}`;
  const loan = (key: string, who: string, millions: number, date: string, months: number) =>
    add(key, 'LOAN_DISBURSED', millions, date, `Cho vay vốn quay vòng ${months} tháng`, { borrower_ref: who, due_on: addDays(clamp(date), months === 6 ? 182 : 365) });

  add('grant', 'STARTING_GRANT', 25, founded, 'Vốn ban đầu do UBND tỉnh hỗ trợ');
  if (isOld) {
    add('grant-2', 'STARTING_GRANT', 12, addDays(founded, 20), 'Hỗ trợ bổ sung vốn ban đầu (CLB thành lập trước năm 2019)');
    add('contribution', 'MEMBER_CONTRIBUTION', 15, addDays(founded, 30), 'Thành viên đóng góp');
    if (number === 1) add('contribution-duplicate', 'MEMBER_CONTRIBUTION', 15, addDays(founded, 30), 'Thành viên đóng góp (ghi trùng)');
    add('raised', 'SOCIETY_RAISED', 10, addDays(founded, 35), 'Vận động tổ chức, cá nhân hảo tâm ủng hộ');
    // A first round of loans, repaid on time, with its interest (and a fee at clubs 01–04).
    for (const k of [1, 2]) loan(`first-round-loan-${k}`, borrower(`đợt 1 số ${k}`), 5, addDays(founded, 40), 6);
    for (const k of [1, 2]) {
      add(`first-round-repayment-${k}`, 'REPAYMENT', 5, addDays(founded, 200), 'Trả nợ vốn vay đợt 1', { borrower_ref: borrower(`đợt 1 số ${k}`) });
    }
    add('interest', 'INTEREST', 1, addDays(founded, 200), 'Lãi vốn vay đợt 1');
    if (number <= 4) add('fee', 'FEE', 1, addDays(founded, 200), 'Phí quản lý vốn vay đợt 1');
    // Clubs 01–06 lend to 7 borrowers, 07–11 to 6: 50 million each.
    const amounts = number <= 6 ? [8, number === 2 ? 9 : 7, 7, 7, 7, 7, 7] : [10, 8, 8, 8, 8, 8];
    const start = latest(addDays(founded, 60), '2019-01-07');
    for (const [index, millions] of amounts.entries()) {
      const k = index + 1;
      // The first borrowers of clubs 01–03 borrowed in 2017 for a year and are overdue.
      if (k === 1 && number <= 3) loan(`loan-${k}`, borrower(k), millions, addDays(founded, 250), 12);
      else loan(`loan-${k}`, borrower(k), millions, addDays(start, 2 * index), 12);
    }
    if (number === 2) add('repayment-2', 'REPAYMENT', 2, addDays(start, 30), 'Trả bớt nợ gốc', { borrower_ref: borrower(2) });
  } else {
    add('contribution', 'MEMBER_CONTRIBUTION', 9, addDays(founded, 5), 'Thành viên đóng góp');
    add('raised', 'SOCIETY_RAISED', 6, addDays(founded, 6), 'Vận động tổ chức, cá nhân hảo tâm ủng hộ');
    for (let k = 1; k <= 5; k++) loan(`loan-${k}`, borrower(k), number <= 16 ? 6 : 5, addDays(founded, 9 + k), 12);
  }
  // In date order, so that the order of recording follows the days.
  return rows.map((row, index) => ({ row, index })).sort((a, b) => a.row.occurred_on.localeCompare(b.row.occurred_on) || a.index - b.index).map(({ row }) => row);
}

/** The reversal of club 01's duplicate contribution, recorded the day after it. */
export function clubReversals(number: number, ledger: FundEntryRow[]): FundEntryRow[] {
  if (number !== 1) return [];
  const duplicate = ledger.find((row) => row.id === stableId('elderly:lai-chau:club:01:fund:contribution-duplicate'))!;
  return [{
    id: stableId('elderly:lai-chau:club:01:fund:contribution-duplicate-reversal'),
    club_id: duplicate.club_id,
    kind: 'REVERSAL',
    amount_vnd: duplicate.amount_vnd,
    occurred_on: clamp(addDays(duplicate.occurred_on, 1)),
    note: 'Đảo bút toán ghi trùng khoản đóng góp',
    borrower_ref: null,
    due_on: null,
    reverses_id: duplicate.id,
  }];
}

/** The ledgers of the given clubs (by number, with their founding dates): entries, then reversals. */
export function laiChauFundRows(foundedOn: Map<number, string | null>): { entries: FundEntryRow[]; reversals: FundEntryRow[] } {
  const entries: FundEntryRow[] = [];
  const reversals: FundEntryRow[] = [];
  for (const [number, founded] of [...foundedOn].sort(([a], [b]) => a - b)) {
    const ledger = clubLedger(number, founded);
    entries.push(...ledger);
    reversals.push(...clubReversals(number, ledger));
  }
  return { entries, reversals };
}

/**
 * Loads the ledgers of those Lai Châu clubs that exist (their rows come from the club demo data,
 * loaded before this); idempotent: entries have stable ids and are never rewritten.
 */
export async function loadClubFundDemoData(em: EntityManager): Promise<void> {
  const numbers = Array.from({ length: LAI_CHAU_CLUB_COUNT }, (_, index) => index + 1);
  const clubs = await sql<{ id: string; foundedOn: string | null }>(
    em,
    `select id, to_char(founded_on, 'YYYY-MM-DD') as "foundedOn" from elderly.club where id in (?)`,
    [numbers.map(laiChauClubId)],
  );
  const foundedById = new Map(clubs.map((club) => [club.id, club.foundedOn]));
  const present = new Map(numbers.filter((number) => foundedById.has(laiChauClubId(number))).map((number) => [number, foundedById.get(laiChauClubId(number)) ?? null]));
  const { entries, reversals } = laiChauFundRows(present);
  await insertMissing(em, 'elderly.club_fund_entry', entries as unknown as Record<string, unknown>[]);
  // After the entries they reverse, in a statement of their own.
  await insertMissing(em, 'elderly.club_fund_entry', reversals as unknown as Record<string, unknown>[]);
}
