import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { withDatabase } from '../../../../test/database.ts';
import { graphql, subgraphUrl, tokenFor } from '../../../../test/graphql.ts';
import { seedAssociationWithClubs } from '../club/club.seed.ts';
import { day, FILES, filled, lockYear, placesOf, template, upload } from '../sheets.test-support.ts';
import type { WholeVnd } from '@hoi/common/scalars';

/**
 * A club fund's ledger (sổ quỹ) in spreadsheets: money in, loans and repayments in one sheet, each
 * row written by its mutation's own function (club-fund.write.ts), the ledger's date order and
 * cash checked row after row, a borrower named as a member of the row's club by name (either
 * tone-mark style, or without marks) or id. Real files, on the gateway's host and the subgraph's.
 */
const KIND = 'fund-entries';
const M = 1_000_000;

interface Club {
  id: string;
  name: string;
  token: string;
  members: Map<string, string>;
}

/** A club of its own, its members added through the API, and its manager's token. */
async function newClub(name: string, members: string[] = []): Promise<Club> {
  const { clubIds } = await withDatabase((client) => seedAssociationWithClubs(client, { name: `Hội NCT xã ${name} ${randomUUID().slice(0, 4)}`, level: 'COMMUNE' }, [{ name }]));
  const id = clubIds.get(name)!;
  const club: Club = { id, name, token: await tokenFor({ role: 'club_manager', scope: [id], subject: `sheet-${name}` }), members: new Map() };
  for (const fullName of members) {
    const added = await graphql<{ addClubMember: { id: string } }>(subgraphUrl('elderly'), `mutation ($input: ClubMemberInput!) { addClubMember(input: $input) { id } }`, {
      input: { clubId: id, fullName, sex: 'FEMALE', birthDate: '1950-01-01', ethnicGroup: 'Thái', povertyStatus: 'NEITHER', joinedOn: '2010-01-01' },
    });
    expect(added.errors).toBeUndefined();
    club.members.set(fullName, added.data!.addClubMember.id);
  }
  return club;
}

interface Ledger {
  fund: { totalFund: string; balance: string; outOnLoan: string; borrowers: number };
  entries: { kind: string; amountVnd: WholeVnd; occurredOn: string; dueOn: string | null; note: string; borrower: { fullName: string } | null }[];
}

/** What GraphQL says of the club's fund and ledger, oldest entry first. */
async function ledgerOf(clubId: string): Promise<Ledger> {
  const result = await graphql<{ club: { fund: Ledger['fund']; fundEntries: { edges: { node: Ledger['entries'][number] }[] } } }>(
    subgraphUrl('elderly'),
    `query ($id: ID!) { club(id: $id) {
      fund { totalFund balance outOnLoan borrowers }
      fundEntries(first: 50) { edges { node { kind amountVnd occurredOn dueOn note borrower { fullName } } } } } }`,
    { id: clubId },
  );
  expect(result.errors).toBeUndefined();
  return { fund: result.data!.club.fund, entries: result.data!.club.fundEntries.edges.map(({ node }) => node).reverse() };
}

describe('club fund ledgers in spreadsheets', () => {
  it('writes money in through the mutation\'s code, refuses a row out of the ledger\'s date order, and writes nothing twice', async () => {
    const club = await newClub('CLB Bảng Tính Hòa Bình');
    const workbook = await template(KIND, club.token);
    expect((workbook.getWorksheet('Danh mục')!.getColumn(1).values as unknown[]).slice(2)).toEqual([club.name]);
    const outOfOrder = await filled(KIND, club.token, [
      ['CLB Bảng Tính Hoà Bình', 'Vốn cấp (vốn ban đầu)', '25.000.000', '10/01/2013', 'Vốn ban đầu'],
      [club.name, 'thanh vien dong gop', 2_500_000, day('2013-03-15'), 'Đóng góp quý I'],
      [club.name, 'Lãi', 100_000, '01/02/2013', 'Lãi tháng 1'],
    ]);
    const refused = await upload(KIND, club.token, outOfOrder, 'subgraph', 'xlsx');
    expect(refused.status).toBe(422);
    expect(placesOf(refused.report)).toEqual([{ row: 4, column: 'Ngày', code: 'RULE_VIOLATION' }]);
    expect((await ledgerOf(club.id)).entries).toEqual([]);

    const inOrder = await filled(KIND, club.token, [
      ['CLB Bảng Tính Hoà Bình', 'Vốn cấp (vốn ban đầu)', '25.000.000', '10/01/2013', 'Vốn ban đầu'],
      [club.name, 'Lãi', 100_000, '01/02/2013', 'Lãi tháng 1'],
      [club.name, 'thanh vien dong gop', 2_500_000, day('2013-03-15'), 'Đóng góp quý I'],
    ]);
    const written = await upload(KIND, club.token, inOrder, 'gateway', 'xlsx');
    expect(written.status, JSON.stringify(written.report)).toBe(200);
    expect(written.report).toMatchObject({ written: 3, errorCount: 0 });
    expect((await ledgerOf(club.id)).fund.totalFund).toBe('27600000');
    expect((await upload(KIND, club.token, inOrder, 'subgraph', 'xlsx')).report).toMatchObject({ written: 0, alreadyImported: 3 });
    expect((await ledgerOf(club.id)).entries).toHaveLength(3);
  });

  it.each(FILES)('imports loans and repayments naming members, reads them back equal to the file, and writes nothing on a re-upload ($format on the $host)', async ({ host, format }) => {
    const club = await newClub(`CLB Sổ Quỹ ${host} ${format}`, ['Lò Thị Hòa', 'Cầm Văn Thủy']);
    const hoa = club.members.get('Lò Thị Hòa')!;
    const rows = [
      [club.name, 'Vốn cấp (vốn ban đầu)', '25.000.000', '10/01/2019', 'Vốn ban đầu', '', ''],
      [club.name, 'Cho vay', 8 * M, day('2019-02-01'), 'Vay nuôi lợn', 'Lò Thị Hoà', '01/02/2020'],
      [club.name, 'cho vay', '6.000.000', '05/02/2019', 'Vay mua giống', 'cam van thuy', ''],
      [club.name, 'Trả nợ', '3.000.000', '01/08/2019', 'Trả bớt nợ gốc', hoa.toUpperCase(), ''],
      [club.name, 'Lãi', '150.000', '01/08/2019', 'Lãi kỳ 1', '', ''],
    ];
    const file = await filled(KIND, club.token, rows, format);
    const first = await upload(KIND, club.token, file, host, format);
    expect(first.status, JSON.stringify(first.report)).toBe(200);
    expect(first.report).toMatchObject({ written: 5, alreadyImported: 0, errorCount: 0 });

    const expected: Ledger = {
      fund: { totalFund: String(25_150_000), outOnLoan: String(11 * M), balance: String(25_150_000 - 11 * M), borrowers: 2 },
      entries: [
        { kind: 'STARTING_GRANT', amountVnd: 25 * M, occurredOn: '2019-01-10', dueOn: null, note: 'Vốn ban đầu', borrower: null },
        { kind: 'LOAN_DISBURSED', amountVnd: 8 * M, occurredOn: '2019-02-01', dueOn: '2020-02-01', note: 'Vay nuôi lợn', borrower: { fullName: 'Lò Thị Hòa' } },
        { kind: 'LOAN_DISBURSED', amountVnd: 6 * M, occurredOn: '2019-02-05', dueOn: null, note: 'Vay mua giống', borrower: { fullName: 'Cầm Văn Thủy' } },
        { kind: 'REPAYMENT', amountVnd: 3 * M, occurredOn: '2019-08-01', dueOn: null, note: 'Trả bớt nợ gốc', borrower: { fullName: 'Lò Thị Hòa' } },
        { kind: 'INTEREST', amountVnd: 150_000, occurredOn: '2019-08-01', dueOn: null, note: 'Lãi kỳ 1', borrower: null },
      ],
    };
    expect(await ledgerOf(club.id)).toEqual(expected);

    const again = await upload(KIND, club.token, file, host === 'gateway' ? 'subgraph' : 'gateway', format);
    expect(again.report).toMatchObject({ written: 0, alreadyImported: 5, errorCount: 0 });
    expect(await ledgerOf(club.id)).toEqual(expected);
  });

  it.each(FILES)('reports five errors in five places exactly, and writes nothing ($format on the $host)', async ({ host, format }) => {
    const club = await newClub(`CLB Năm Lỗi ${host} ${format}`, ['Lò Thị Hòa']);
    const file = await filled(KIND, club.token, [
      [club.name, 'Vốn cấp (vốn ban đầu)', '10.000.000', '10/01/2019', 'Vốn ban đầu', '', ''],
      [club.name, 'Cho vay', '1.000.000', '11/01/2019', 'Vay', 'Người Lạ', ''],
      [club.name, 'Cho mượn', '1.000.000', '12/01/2019', 'Vay', 'Lò Thị Hòa', ''],
      [club.name, 'Cho vay', '20.000.000', '01/02/2019', 'Vay quá quỹ', 'Lò Thị Hòa', ''],
      [club.name, 'Trả nợ', '1.000.000', '31/02/2019', 'Trả nợ', 'Lò Thị Hòa', ''],
      [club.name, 'Lãi', '100.000', '01/03/2019', 'Lãi', '', '01/04/2019'],
    ], format);
    const { status, report } = await upload(KIND, club.token, file, host, format);
    expect(status).toBe(422);
    expect(report).toMatchObject({ committed: false, written: 0, errorCount: 5 });
    expect(placesOf(report)).toEqual([
      { row: 3, column: 'Người vay (thành viên)', code: 'NOT_FOUND' },
      { row: 4, column: 'Loại khoản', code: 'NOT_IN_LIST' },
      { row: 5, column: 'Số tiền (đồng)', code: 'RULE_VIOLATION' },
      { row: 6, column: 'Ngày', code: 'INVALID_DATE' },
      { row: 7, column: 'Hạn trả', code: 'BAD_USER_INPUT' },
    ]);
    expect(report.errors.every((error) => error.message.length > 0)).toBe(true);
    expect((await ledgerOf(club.id)).entries).toEqual([]);
  });

  it.each(FILES)('refuses rows dated in a locked period (khóa sổ) ($format on the $host)', async ({ host, format }) => {
    const club = await newClub(`CLB Khóa Sổ ${host} ${format}`, ['Lò Thị Hòa']);
    await lockYear(club.id, 2018);
    const file = await filled(KIND, club.token, [
      [club.name, 'Vốn cấp (vốn ban đầu)', '10.000.000', '10/03/2018', 'Vốn ban đầu', '', ''],
      [club.name, 'Cho vay', '1.000.000', '11/03/2018', 'Vay', 'Lò Thị Hòa', ''],
    ], format);
    const { status, report } = await upload(KIND, club.token, file, host, format);
    expect(status).toBe(422);
    expect(placesOf(report)).toEqual([
      { row: 2, column: 'Ngày', code: 'PERIOD_LOCKED' },
      { row: 3, column: 'Ngày', code: 'PERIOD_LOCKED' },
    ]);
    expect((await ledgerOf(club.id)).entries).toEqual([]);
  });

  it('refuses a borrower of another club, and a borrower on money coming in', async () => {
    const club = await newClub('CLB Người Vay Lạ', ['Lò Thị Hòa']);
    const other = await newClub('CLB Bên Kia', ['Quàng Thị Xuân']);
    const file = await filled(KIND, club.token, [
      [club.name, 'Vốn cấp (vốn ban đầu)', '10.000.000', '10/01/2019', 'Vốn ban đầu', '', ''],
      [club.name, 'Cho vay', '1.000.000', '11/01/2019', 'Vay', other.members.get('Quàng Thị Xuân')!, ''],
      [club.name, 'Lãi', '100.000', '12/01/2019', 'Lãi', 'Lò Thị Hòa', ''],
    ]);
    const { report } = await upload(KIND, club.token, file, 'subgraph', 'xlsx');
    expect(placesOf(report)).toEqual([
      { row: 3, column: 'Người vay (thành viên)', code: 'RULE_VIOLATION' },
      { row: 4, column: 'Người vay (thành viên)', code: 'BAD_USER_INPUT' },
    ]);
  });
});
