import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { stableId } from '@hoi/common/ids';
import { foldVietnamese } from '@hoi/common/text';
import { withDatabase } from '../../../../test/database.ts';
import { gatewayUrl, graphql, statementsFor, subgraphUrl } from '../../../../test/graphql.ts';
import { seedAssociationWithClubs } from '../club/club.seed.ts';
import { FIGURES_AS_OF, LAI_CHAU_CLUB_COUNT, laiChauClubId, laiChauFundRows, type FundEntryRow } from './club-fund.demo.ts';
import { seedFundEntries } from './club-fund.seed.ts';

const url = () => subgraphUrl('elderly');
const M = 1_000_000;

const FIGURES = 'asOf balance totalFund contributedOrRaised outOnLoan borrowers overdueLoans overdueAmount';
const ENTRY = 'id kind amountVnd occurredOn note borrowerRef dueOn';
const RECORD = `mutation ($input: RecordFundEntryInput!) { recordFundEntry(input: $input) { ${ENTRY} club { name } } }`;
const DISBURSE = `mutation ($input: DisburseLoanInput!) { disburseLoan(input: $input) { ${ENTRY} } }`;
const REPAY = `mutation ($input: RecordRepaymentInput!) { recordRepayment(input: $input) { ${ENTRY} } }`;
const REVERSE = `mutation ($input: ReverseFundEntryInput!) { reverseFundEntry(input: $input) { ${ENTRY} reverses { id kind } club { name } } }`;

/** A fresh club of its own association, so that each test has a ledger to itself. */
async function newClub(name: string): Promise<string> {
  const { clubIds } = await withDatabase((client) => seedAssociationWithClubs(client, { name: `Hội NCT xã ${name}`, level: 'COMMUNE' }, [{ name }]));
  return clubIds.get(name)!;
}

async function fundOf(clubId: string, asOf?: string) {
  const result = await graphql<{ club: { fund: Record<string, unknown>; fundEntries: { totalCount: number } } }>(
    url(),
    `query ($id: ID!, $asOf: LocalDate) { club(id: $id) { fund(asOf: $asOf) { ${FIGURES} } fundEntries { totalCount } } }`,
    { id: clubId, asOf: asOf ?? null },
  );
  expect(result.errors).toBeUndefined();
  return { ...result.data!.club.fund, entries: result.data!.club.fundEntries.totalCount };
}

const figures = (asOf: string, f: { total: number; contributed?: number; out?: number; borrowers?: number; overdue?: number; overdueAmount?: number }) => ({
  asOf,
  // Money totals are VndTotal: strings of decimal digits.
  balance: String(f.total - (f.out ?? 0)),
  totalFund: String(f.total),
  contributedOrRaised: String(f.contributed ?? 0),
  outOnLoan: String(f.out ?? 0),
  borrowers: f.borrowers ?? 0,
  overdueLoans: f.overdue ?? 0,
  overdueAmount: String(f.overdueAmount ?? 0),
});

describe('club fund: a ledger (elderly subgraph, direct)', () => {
  it('records money in, loans, repayments and reversals, and derives the figures from the ledger', async () => {
    const clubId = await newClub('CLB Quỹ bản Hon');
    const record = async (query: string, input: Record<string, unknown>) => {
      const result = await graphql<Record<string, Record<string, unknown>>>(url(), query, { input });
      expect(result.errors).toBeUndefined();
      return Object.values(result.data!)[0];
    };
    const grant = await record(RECORD, { clubId, kind: 'STARTING_GRANT', amountVnd: 25 * M, occurredOn: '2024-01-05', note: 'Vốn ban đầu do UBND tỉnh hỗ trợ' });
    expect(grant).toEqual({
      id: expect.any(String),
      kind: 'STARTING_GRANT',
      amountVnd: 25 * M,
      occurredOn: '2024-01-05',
      note: 'Vốn ban đầu do UBND tỉnh hỗ trợ',
      borrowerRef: null,
      dueOn: null,
      club: { name: 'CLB Quỹ bản Hon' },
    });
    const contribution = await record(RECORD, { clubId, kind: 'MEMBER_CONTRIBUTION', amountVnd: 10 * M, occurredOn: '2024-01-20', note: '  Thành viên đóng góp ' });
    expect(contribution.note).toBe('Thành viên đóng góp');
    const raised = await record(RECORD, { clubId, kind: 'SOCIETY_RAISED', amountVnd: 5 * M, occurredOn: '2024-01-25', note: 'Nhà hảo tâm ủng hộ' });
    const loan = await record(DISBURSE, { clubId, borrowerRef: 'Lò Văn Pánh, bản Hon', amountVnd: 20 * M, occurredOn: '2024-02-01', dueOn: '2025-02-01', note: 'Mua giống lợn' });
    expect(loan).toEqual({
      id: expect.any(String),
      kind: 'LOAN_DISBURSED',
      amountVnd: 20 * M,
      occurredOn: '2024-02-01',
      note: 'Mua giống lợn',
      borrowerRef: 'Lò Văn Pánh, bản Hon',
      dueOn: '2025-02-01',
    });
    const repayment = await record(REPAY, { clubId, borrowerRef: 'Lò Văn Pánh, bản Hon', amountVnd: 5 * M, occurredOn: '2024-08-01', note: 'Trả bớt nợ gốc' });
    expect(repayment).toMatchObject({ kind: 'REPAYMENT', amountVnd: 5 * M, borrowerRef: 'Lò Văn Pánh, bản Hon', dueOn: null });
    await record(RECORD, { clubId, kind: 'INTEREST', amountVnd: 300_000, occurredOn: '2024-08-01', note: 'Lãi' });
    await record(RECORD, { clubId, kind: 'FEE', amountVnd: 100_000, occurredOn: '2024-08-01', note: 'Phí' });
    const reversal = await record(REVERSE, { entryId: raised.id, occurredOn: '2024-08-02', note: 'Ghi nhầm: khoản ủng hộ chưa nhận' });
    expect(reversal).toEqual({
      id: expect.any(String),
      kind: 'REVERSAL',
      amountVnd: 5 * M,
      occurredOn: '2024-08-02',
      note: 'Ghi nhầm: khoản ủng hộ chưa nhận',
      borrowerRef: null,
      dueOn: null,
      reverses: { id: raised.id, kind: 'SOCIETY_RAISED' },
      club: { name: 'CLB Quỹ bản Hon' },
    });

    // Before the loan: the money raised still counts, its reversal comes later.
    expect(await fundOf(clubId, '2024-01-31')).toEqual({ ...figures('2024-01-31', { total: 40 * M, contributed: 15 * M }), entries: 8 });
    expect(await fundOf(clubId, '2024-12-31')).toEqual({
      ...figures('2024-12-31', { total: 35_400_000, contributed: 10 * M, out: 15 * M, borrowers: 1 }),
      entries: 8,
    });
    // Past the due date, the loan is overdue for what is still owed.
    expect(await fundOf(clubId, '2025-03-01')).toEqual({
      ...figures('2025-03-01', { total: 35_400_000, contributed: 10 * M, out: 15 * M, borrowers: 1, overdue: 1, overdueAmount: 15 * M }),
      entries: 8,
    });

    const page = `query ($id: ID!, $after: String) { club(id: $id) { fundEntries(first: 3, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { kind amountVnd occurredOn reversedBy { kind } reverses { kind } } } } } }`;
    const first = await graphql<{ club: { fundEntries: { pageInfo: { endCursor: string } } } }>(url(), page, { id: clubId });
    expect(first).toEqual({
      data: {
        club: {
          fundEntries: {
            totalCount: 8,
            pageInfo: { hasNextPage: true, endCursor: expect.any(String) },
            edges: [
              { node: { kind: 'REVERSAL', amountVnd: 5 * M, occurredOn: '2024-08-02', reversedBy: null, reverses: { kind: 'SOCIETY_RAISED' } } },
              { node: { kind: 'FEE', amountVnd: 100_000, occurredOn: '2024-08-01', reversedBy: null, reverses: null } },
              { node: { kind: 'INTEREST', amountVnd: 300_000, occurredOn: '2024-08-01', reversedBy: null, reverses: null } },
            ],
          },
        },
      },
    });
    const second = await graphql(url(), page, { id: clubId, after: first.data!.club.fundEntries.pageInfo.endCursor });
    expect(second).toEqual({
      data: {
        club: {
          fundEntries: {
            totalCount: 8,
            pageInfo: { hasNextPage: true, endCursor: expect.any(String) },
            edges: [
              { node: { kind: 'REPAYMENT', amountVnd: 5 * M, occurredOn: '2024-08-01', reversedBy: null, reverses: null } },
              { node: { kind: 'LOAN_DISBURSED', amountVnd: 20 * M, occurredOn: '2024-02-01', reversedBy: null, reverses: null } },
              { node: { kind: 'SOCIETY_RAISED', amountVnd: 5 * M, occurredOn: '2024-01-25', reversedBy: { kind: 'REVERSAL' }, reverses: null } },
            ],
          },
        },
      },
    });
  });

  it('refuses what would break the ledger, with the code and the field at fault, and writes nothing', async () => {
    const clubId = await newClub('CLB Quỹ bản Từ Chối');
    const grant = await graphql<{ recordFundEntry: { id: string } }>(url(), RECORD, { input: { clubId, kind: 'STARTING_GRANT', amountVnd: 10 * M, occurredOn: '2024-03-01', note: 'Vốn ban đầu' } });
    const loan = await graphql<{ disburseLoan: { id: string } }>(url(), DISBURSE, { input: { clubId, borrowerRef: 'A', amountVnd: 6 * M, occurredOn: '2024-03-02', note: 'Vay' } });
    expect([grant.errors, loan.errors]).toEqual([undefined, undefined]);
    const before = await fundOf(clubId);

    const inflow = { clubId, kind: 'MEMBER_CONTRIBUTION', amountVnd: M, occurredOn: '2024-03-05', note: 'Đóng góp' };
    const lend = { clubId, borrowerRef: 'B', amountVnd: M, occurredOn: '2024-03-05', note: 'Vay' };
    const repay = { clubId, borrowerRef: 'A', amountVnd: M, occurredOn: '2024-03-05', note: 'Trả nợ' };
    const cases: [string, Record<string, unknown>, string, string][] = [
      [DISBURSE, { ...lend, amountVnd: 4 * M + 1 }, 'RULE_VIOLATION', 'amountVnd'],
      [REPAY, { ...repay, amountVnd: 6 * M + 1 }, 'RULE_VIOLATION', 'amountVnd'],
      [REPAY, { ...repay, borrowerRef: 'Ai đó chưa vay' }, 'RULE_VIOLATION', 'amountVnd'],
      [REVERSE, { entryId: randomUUID(), occurredOn: '2024-03-05', note: 'Đảo' }, 'NOT_FOUND', 'entryId'],
      // Undoing the grant would need 10 million of cash; 4 million is left, the rest is on loan.
      [REVERSE, { entryId: grant.data!.recordFundEntry.id, occurredOn: '2024-03-05', note: 'Đảo' }, 'RULE_VIOLATION', 'entryId'],
      [RECORD, { ...inflow, amountVnd: 0 }, 'BAD_USER_INPUT', 'amountVnd'],
      [RECORD, { ...inflow, amountVnd: -5 * M }, 'BAD_USER_INPUT', 'amountVnd'],
      [DISBURSE, { ...lend, amountVnd: 0 }, 'BAD_USER_INPUT', 'amountVnd'],
      [REPAY, { ...repay, amountVnd: -1 }, 'BAD_USER_INPUT', 'amountVnd'],
      [RECORD, { ...inflow, clubId: randomUUID() }, 'NOT_FOUND', 'clubId'],
      [RECORD, { ...inflow, clubId: 'not-an-id' }, 'BAD_USER_INPUT', 'clubId'],
      [RECORD, { ...inflow, occurredOn: '2024-03-01' }, 'RULE_VIOLATION', 'occurredOn'],
      [RECORD, { ...inflow, occurredOn: '2099-01-01' }, 'RULE_VIOLATION', 'occurredOn'],
      [RECORD, { ...inflow, note: '   ' }, 'BAD_USER_INPUT', 'note'],
      [DISBURSE, { ...lend, dueOn: '2024-03-04' }, 'BAD_USER_INPUT', 'dueOn'],
      [DISBURSE, { ...lend, borrowerRef: ' ' }, 'BAD_USER_INPUT', 'borrowerRef'],
    ];
    for (const [query, input, code, field] of cases) {
      const result = await graphql(url(), query, { input });
      expect(result.data ?? null, `${code} ${field}`).toBeNull();
      expect(result.errors?.[0].extensions, `${code} ${field}`).toMatchObject({ code, field });
    }
    expect(await fundOf(clubId)).toEqual(before);

    // A reversal happens once, and is not itself reversed.
    const reverseLoan = { entryId: loan.data!.disburseLoan.id, occurredOn: '2024-03-06', note: 'Khoản vay bị hủy' };
    const reversal = await graphql<{ reverseFundEntry: { id: string } }>(url(), REVERSE, { input: reverseLoan });
    expect(reversal.errors).toBeUndefined();
    const again = await graphql(url(), REVERSE, { input: reverseLoan });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'entryId' });
    const ofReversal = await graphql(url(), REVERSE, { input: { ...reverseLoan, entryId: reversal.data!.reverseFundEntry.id } });
    expect(ofReversal.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', field: 'entryId' });
    // A borrower who has repaid cannot have the loan undone under them.
    const owed = await graphql<{ disburseLoan: { id: string } }>(url(), DISBURSE, { input: { ...lend, borrowerRef: 'C', amountVnd: 2 * M, occurredOn: '2024-03-07' } });
    await graphql(url(), REPAY, { input: { ...repay, borrowerRef: 'C', occurredOn: '2024-03-08' } });
    const repaidLoan = await graphql(url(), REVERSE, { input: { entryId: owed.data!.disburseLoan.id, occurredOn: '2024-03-08', note: 'Đảo' } });
    expect(repaidLoan.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', field: 'entryId' });
    expect(await fundOf(clubId)).toEqual({ ...before, balance: String(9 * M), outOnLoan: String(M), borrowers: 1, entries: 5 });
  });

  it('keeps entries in the database as written: no update, no delete, reversals only within the club and for the whole amount', async () => {
    const clubId = await newClub('CLB Quỹ bản Bất Biến');
    const otherClubId = await newClub('CLB Quỹ bản Khác');
    const messages = await withDatabase(async (client) => {
      const [grantId] = await seedFundEntries(client, clubId, [{ kind: 'STARTING_GRANT', amountVnd: 25 * M, occurredOn: '2024-01-01' }]);
      const attempt = async (text: string, values: unknown[]) => {
        try {
          await client.query(text, values);
          return 'accepted';
        } catch (error) {
          return (error as Error).message;
        }
      };
      return [
        await attempt(`update elderly.club_fund_entry set amount_vnd = 1 where id = $1`, [grantId]),
        await attempt(`delete from elderly.club_fund_entry where id = $1`, [grantId]),
        await attempt(
          `insert into elderly.club_fund_entry (id, club_id, kind, amount_vnd, occurred_on, note, reverses_id) values ($1, $2, 'REVERSAL', $3, '2024-01-02', 'x', $4)`,
          [randomUUID(), otherClubId, 25 * M, grantId],
        ),
        await attempt(
          `insert into elderly.club_fund_entry (id, club_id, kind, amount_vnd, occurred_on, note, reverses_id) values ($1, $2, 'REVERSAL', $3, '2024-01-02', 'x', $4)`,
          [randomUUID(), clubId, 1, grantId],
        ),
        await attempt(`insert into elderly.club_fund_entry (id, club_id, kind, amount_vnd, occurred_on, note) values ($1, $2, 'LOAN_DISBURSED', 1, '2024-01-02', 'no borrower')`, [randomUUID(), clubId]),
      ];
    });
    expect(messages[0]).toMatch(/never changed or deleted/);
    expect(messages[1]).toMatch(/never changed or deleted/);
    expect(messages[2]).toMatch(/foreign key|does not exist/);
    expect(messages[3]).toMatch(/amount of the entry it reverses/);
    expect(messages[4]).toMatch(/check constraint/);
  });

  it('serialises concurrent loans on one fund: the cash never goes below zero', async () => {
    const clubId = await newClub('CLB Quỹ bản Đồng Thời');
    expect((await graphql(url(), RECORD, { input: { clubId, kind: 'STARTING_GRANT', amountVnd: 10 * M, occurredOn: '2024-05-01', note: 'Vốn' } })).errors).toBeUndefined();
    // Writes to the ledger are held back until every request has had time to read the fund: without
    // the lock on the club, all eight would see 10 million of cash and all would be written.
    const results = await withDatabase(async (client) => {
      await client.query('begin');
      await client.query('lock table elderly.club_fund_entry in share mode');
      const loans = Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          graphql(url(), DISBURSE, { input: { clubId, borrowerRef: `Người vay ${index + 1}`, amountVnd: 3 * M, occurredOn: '2024-05-02', note: 'Vay' } }),
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      await client.query('commit');
      return loans;
    });
    const refused = results.filter((result) => result.errors);
    expect(results.length - refused.length).toBe(3);
    for (const result of refused) expect(result.errors![0].extensions).toMatchObject({ code: 'RULE_VIOLATION', field: 'amountVnd' });
    expect(await fundOf(clubId, '2024-05-02')).toEqual({ ...figures('2024-05-02', { total: 10 * M, out: 9 * M, borrowers: 3 }), entries: 4 });
    // Replayed in the order of recording, the cash never went below zero.
    const [{ lowest }] = await withDatabase(async (client) =>
      (await client.query(
        `select min(running)::bigint as lowest from (
           select sum(case kind when 'LOAN_DISBURSED' then -amount_vnd else amount_vnd end) over (order by seq) as running
             from elderly.club_fund_entry where club_id = $1) t`,
        [clubId],
      )).rows,
    );
    expect(Number(lowest)).toBe(M);
  });

  it('repays a borrower\'s oldest loans first, and computes figures as of any day', async () => {
    const clubId = await newClub('CLB Quỹ bản Quá Hạn');
    await withDatabase((client) =>
      seedFundEntries(client, clubId, [
        { kind: 'STARTING_GRANT', amountVnd: 100 * M, occurredOn: '2023-01-01' },
        { kind: 'LOAN_DISBURSED', amountVnd: 10 * M, occurredOn: '2023-02-01', borrowerRef: 'A', dueOn: '2023-08-01' },
        { kind: 'LOAN_DISBURSED', amountVnd: 20 * M, occurredOn: '2023-03-01', borrowerRef: 'A', dueOn: '2024-03-01' },
        { kind: 'LOAN_DISBURSED', amountVnd: 15 * M, occurredOn: '2023-03-05', borrowerRef: 'B', dueOn: '2023-09-05' },
        { kind: 'REPAYMENT', amountVnd: 12 * M, occurredOn: '2023-09-01', borrowerRef: 'A' },
        { kind: 'REPAYMENT', amountVnd: 15 * M, occurredOn: '2023-10-01', borrowerRef: 'B' },
        { kind: 'LOAN_DISBURSED', amountVnd: 5 * M, occurredOn: '2023-11-01', borrowerRef: 'C', dueOn: '2023-12-01' },
        { kind: 'REVERSAL', amountVnd: 5 * M, occurredOn: '2024-01-15', reverses: 6 },
      ]),
    );
    // A's first loan is repaid (10 of the 12): only B's is overdue.
    expect(await fundOf(clubId, '2023-09-30')).toEqual({ ...figures('2023-09-30', { total: 100 * M, out: 33 * M, borrowers: 2, overdue: 1, overdueAmount: 15 * M }), entries: 8 });
    // C's loan is overdue until it is reversed.
    expect(await fundOf(clubId, '2023-12-31')).toEqual({ ...figures('2023-12-31', { total: 100 * M, out: 23 * M, borrowers: 2, overdue: 1, overdueAmount: 5 * M }), entries: 8 });
    expect(await fundOf(clubId, '2024-06-30')).toEqual({ ...figures('2024-06-30', { total: 100 * M, out: 18 * M, borrowers: 1, overdue: 1, overdueAmount: 18 * M }), entries: 8 });
  });

  it('totals the funds of an association and every unit below it in one statement', async () => {
    const ids = await withDatabase(async (client) => {
      const province = await seedAssociationWithClubs(client, { name: 'Hội NCT tỉnh Vốn Quỹ', level: 'PROVINCE' }, [{ name: 'CLB tỉnh' }]);
      const district = await seedAssociationWithClubs(client, { name: 'Hội NCT huyện Vốn Quỹ', level: 'DISTRICT' }, [{ name: 'CLB huyện' }]);
      const commune = await seedAssociationWithClubs(client, { name: 'Hội NCT xã Vốn Quỹ', level: 'COMMUNE' }, [{ name: 'CLB xã Một' }, { name: 'CLB xã Hai' }]);
      await client.query('update elderly.association set parent_id = $1 where id = $2', [province.associationId, district.associationId]);
      await client.query('update elderly.association set parent_id = $1 where id = $2', [district.associationId, commune.associationId]);
      await seedFundEntries(client, province.clubIds.get('CLB tỉnh')!, [
        { kind: 'STARTING_GRANT', amountVnd: 10 * M, occurredOn: '2024-01-01' },
        { kind: 'MEMBER_CONTRIBUTION', amountVnd: 2 * M, occurredOn: '2024-01-02' },
      ]);
      await seedFundEntries(client, district.clubIds.get('CLB huyện')!, [
        { kind: 'STARTING_GRANT', amountVnd: 20 * M, occurredOn: '2024-01-01' },
        { kind: 'LOAN_DISBURSED', amountVnd: 5 * M, occurredOn: '2024-01-03', borrowerRef: 'X' },
      ]);
      await seedFundEntries(client, commune.clubIds.get('CLB xã Một')!, [
        { kind: 'STARTING_GRANT', amountVnd: 5 * M, occurredOn: '2024-01-01' },
        { kind: 'SOCIETY_RAISED', amountVnd: 3 * M, occurredOn: '2024-01-02' },
        { kind: 'LOAN_DISBURSED', amountVnd: 4 * M, occurredOn: '2024-01-03', borrowerRef: 'X' },
        { kind: 'LOAN_DISBURSED', amountVnd: M, occurredOn: '2024-01-03', borrowerRef: 'Y' },
      ]);
      return { province: province.associationId, district: district.associationId, commune: commune.associationId };
    });
    const requestId = `fund-statistics-${randomUUID()}`;
    const result = await graphql(
      url(),
      `query ($p: ID!, $d: ID!, $c: ID!, $nobody: ID!) {
        p: fundStatistics(associationId: $p, asOf: "2024-06-30") { clubs ${FIGURES} }
        d: fundStatistics(associationId: $d, asOf: "2024-06-30") { clubs ${FIGURES} }
        c: fundStatistics(associationId: $c, asOf: "2024-06-30") { clubs ${FIGURES} }
        nobody: fundStatistics(associationId: $nobody, asOf: "2024-06-30") { clubs }
      }`,
      { p: ids.province, d: ids.district, c: ids.commune, nobody: randomUUID() },
      requestId,
    );
    // X borrowed at two clubs: two borrowers.
    expect(result).toEqual({
      data: {
        p: { clubs: 4, ...figures('2024-06-30', { total: 40 * M, contributed: 5 * M, out: 10 * M, borrowers: 3 }) },
        d: { clubs: 3, ...figures('2024-06-30', { total: 28 * M, contributed: 3 * M, out: 10 * M, borrowers: 3 }) },
        c: { clubs: 2, ...figures('2024-06-30', { total: 8 * M, contributed: 3 * M, out: 5 * M, borrowers: 2 }) },
        nobody: null,
      },
    });
    expect((await statementsFor(requestId)).elderly).toBe(1);
    const field = await graphql(url(), `query ($id: ID!) { elderlyAssociation(id: $id) { fundStatistics(asOf: "2024-06-30") { clubs totalFund association { name } } } }`, { id: ids.district });
    expect(field).toEqual({ data: { elderlyAssociation: { fundStatistics: { clubs: 3, totalFund: String(28 * M), association: { name: 'Hội NCT huyện Vốn Quỹ' } } } } });
    const bad = await graphql(url(), `{ fundStatistics(associationId: "nope") { clubs } }`);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'associationId' });
  });

  it('costs the same statements for the funds of 2 clubs as of 12', async () => {
    const associations = await withDatabase(async (client) => {
      const made: string[] = [];
      for (const count of [2, 12]) {
        const { associationId, clubIds } = await seedAssociationWithClubs(
          client,
          { name: `Hội NCT xã ${count} CLB`, level: 'COMMUNE' },
          Array.from({ length: count }, (_, index) => ({ name: `CLB số ${index + 1} của ${count}` })),
        );
        for (const clubId of clubIds.values()) {
          await seedFundEntries(client, clubId, [
            { kind: 'STARTING_GRANT', amountVnd: 25 * M, occurredOn: '2024-01-01' },
            { kind: 'LOAN_DISBURSED', amountVnd: 5 * M, occurredOn: '2024-02-01', borrowerRef: 'A', dueOn: '2024-12-01' },
            { kind: 'REPAYMENT', amountVnd: M, occurredOn: '2024-03-01', borrowerRef: 'A' },
            { kind: 'REVERSAL', amountVnd: M, occurredOn: '2024-03-02', reverses: 2 },
          ]);
        }
        made.push(associationId);
      }
      return made;
    });
    const counts: number[] = [];
    for (const [index, id] of associations.entries()) {
      const requestId = `fund-statements-${index}-${randomUUID()}`;
      const result = await graphql<{ elderlyAssociation: { clubs: { edges: { node: { fund: Record<string, unknown> } }[] } } }>(
        url(),
        `query ($id: ID!) { elderlyAssociation(id: $id) { clubs(first: 50) { edges { node {
          name fund(asOf: "2024-06-30") { ${FIGURES} }
          fundEntries(first: 2) { totalCount edges { node { kind amountVnd reversedBy { kind } } } }
        } } } } }`,
        { id },
        requestId,
      );
      expect(result.errors).toBeUndefined();
      for (const { node } of result.data!.elderlyAssociation.clubs.edges) {
        expect(node.fund).toEqual(figures('2024-06-30', { total: 25 * M, out: 5 * M, borrowers: 1 }));
      }
      counts.push((await statementsFor(requestId)).elderly);
    }
    // the association, its clubs, their funds, their entries, the entries' reversals
    // (and one for the totals of the entries)
    expect(counts).toEqual([6, 6]);
  });
});

describe('Lai Châu club funds, first half of 2019 (demo data, through the gateway)', () => {
  /** Founding dates of the 18 clubs; clubs missing from the demo data are seeded here, with their ledgers. */
  async function laiChauClubs(): Promise<Map<number, string | null>> {
    return withDatabase(async (client) => {
      const numbers = Array.from({ length: LAI_CHAU_CLUB_COUNT }, (_, index) => index + 1);
      const present = await client.query<{ id: string }>(`select id from elderly.club where id = any($1::uuid[])`, [numbers.map(laiChauClubId)]);
      if (present.rowCount! < LAI_CHAU_CLUB_COUNT) {
        for (const number of numbers) {
          const name = `CLB Liên thế hệ tự giúp nhau số ${String(number).padStart(2, '0')} tỉnh Lai Châu`;
          await client.query(
            `insert into elderly.club (id, association_id, name, name_folded) values ($1, $2, $3, $4) on conflict do nothing`,
            [laiChauClubId(number), stableId('elderly:lai-chau'), name, foldVietnamese(name)],
          );
        }
        const rows = await client.query<{ id: string; foundedOn: string | null }>(
          `select id, to_char(founded_on, 'YYYY-MM-DD') as "foundedOn" from elderly.club where id = any($1::uuid[])`,
          [numbers.map(laiChauClubId)],
        );
        const founded = new Map(rows.rows.map((row) => [row.id, row.foundedOn]));
        const { entries, reversals } = laiChauFundRows(new Map(numbers.map((number) => [number, founded.get(laiChauClubId(number)) ?? null])));
        for (const batch of [entries, reversals]) {
          await client.query(
            `insert into elderly.club_fund_entry (id, club_id, kind, amount_vnd, occurred_on, note, borrower_ref, due_on, reverses_id)
             select id, club_id, kind, amount_vnd, occurred_on, note, borrower_ref, due_on, reverses_id
               from jsonb_populate_recordset(null::elderly.club_fund_entry, $1::jsonb) on conflict do nothing`,
            [JSON.stringify(batch)],
          );
        }
      }
      const rows = await client.query<{ id: string; foundedOn: string | null }>(
        `select id, to_char(founded_on, 'YYYY-MM-DD') as "foundedOn" from elderly.club where id = any($1::uuid[])`,
        [numbers.map(laiChauClubId)],
      );
      const founded = new Map(rows.rows.map((row) => [row.id, row.foundedOn]));
      return new Map(numbers.map((number) => [number, founded.get(laiChauClubId(number)) ?? null]));
    });
  }

  it('gives the article\'s figures exactly: 977 million, 380 contributed or raised, 750 lent to 107 members', async () => {
    await laiChauClubs();
    const result = await graphql(
      gatewayUrl(),
      `query ($id: ID!) {
        h1: fundStatistics(associationId: $id, asOf: "${FIGURES_AS_OF}") { association { name } clubs ${FIGURES} }
        today: fundStatistics(associationId: $id) { clubs totalFund contributedOrRaised outOnLoan borrowers balance }
      }`,
      { id: stableId('elderly:lai-chau') },
    );
    expect(result).toEqual({
      data: {
        h1: {
          association: { name: 'Hội Người cao tuổi tỉnh Lai Châu' },
          clubs: 18,
          asOf: '2019-06-30',
          balance: '227000000',
          totalFund: '977000000',
          contributedOrRaised: '380000000',
          outOnLoan: '750000000',
          borrowers: 107,
          // the first borrowers of clubs 01–03, 8 million each, due in 2018
          overdueLoans: 3,
          overdueAmount: '24000000',
        },
        today: { clubs: 18, totalFund: '977000000', contributedOrRaised: '380000000', outOnLoan: '750000000', borrowers: 107, balance: '227000000' },
      },
    });
  });

  it('keeps every demo ledger above zero in date order, and dated within the half-year', async () => {
    const { entries, reversals } = laiChauFundRows(await laiChauClubs());
    const reversed = new Set(reversals.map((row) => row.reverses_id));
    const byClub = Map.groupBy([...entries, ...reversals], (row: FundEntryRow) => row.club_id);
    expect(byClub.size).toBe(LAI_CHAU_CLUB_COUNT);
    for (const ledger of byClub.values()) {
      // Reversals were loaded after the entries, with the same or a later date: replay in date order.
      const ordered = ledger.map((row, index) => ({ row, index })).sort((a, b) => a.row.occurred_on.localeCompare(b.row.occurred_on) || a.index - b.index);
      let cash = 0;
      const owed = new Map<string, number>();
      const amounts = new Map(ledger.map((row) => [row.id, row]));
      for (const { row } of ordered) {
        expect(row.occurred_on <= FIGURES_AS_OF).toBe(true);
        const effect = (entry: FundEntryRow, sign: number) => {
          cash += sign * (entry.kind === 'LOAN_DISBURSED' ? -entry.amount_vnd : entry.amount_vnd);
          if (entry.borrower_ref) {
            const delta = entry.kind === 'LOAN_DISBURSED' ? entry.amount_vnd : -entry.amount_vnd;
            owed.set(entry.borrower_ref, (owed.get(entry.borrower_ref) ?? 0) + sign * delta);
          }
        };
        if (row.kind === 'REVERSAL') effect(amounts.get(row.reverses_id!)!, -1);
        else effect(row, 1);
        expect(cash).toBeGreaterThanOrEqual(0);
        for (const amount of owed.values()) expect(amount).toBeGreaterThanOrEqual(0);
      }
    }
    expect(reversed.size).toBe(1);
  });
});
