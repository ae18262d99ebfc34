import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { withDatabase } from '../../../../test/database.ts';
import { graphql, subgraphUrl, tokenFor } from '../../../../test/graphql.ts';
import { seedAssociationWithClubs } from '../club/club.seed.ts';
import { day, FILES, filled, lockYear, placesOf, template, upload } from '../sheets.test-support.ts';

/**
 * A club's members (thành viên CLB) in spreadsheets: each row written by `addClubMember`'s own
 * function (club-member.write.ts); sex, poverty status and board seat as drop-down lists; a person
 * known by club, name (either tone-mark style) and birth date, so a re-upload adds nobody twice.
 * Real files, on the gateway's host and the subgraph's.
 */
const KIND = 'club-members';

async function newClub(name: string) {
  const { clubIds } = await withDatabase((client) => seedAssociationWithClubs(client, { name: `Hội NCT xã ${name} ${randomUUID().slice(0, 4)}`, level: 'COMMUNE' }, [{ name }]));
  const id = clubIds.get(name)!;
  return { id, name, token: await tokenFor({ role: 'club_manager', scope: [id], subject: `members-${name}` }) };
}

interface Member {
  fullName: string;
  sex: string;
  birthDate: string;
  ethnicGroup: string;
  povertyStatus: string;
  boardRole: string | null;
  joinedOn: string;
}

/** The club's members as GraphQL gives them to the club's manager, in name order. */
async function membersOf(club: { id: string; token: string }): Promise<Member[]> {
  const result = await graphql<{ club: { members: { edges: { node: Member }[] } } }>(
    subgraphUrl('elderly'),
    `query ($id: ID!) { club(id: $id) { members(first: 50) { edges { node { fullName sex birthDate ethnicGroup povertyStatus boardRole joinedOn } } } } }`,
    { id: club.id },
    undefined,
    { token: club.token },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.club.members.edges.map(({ node }) => node);
}

describe('club members in spreadsheets', () => {
  it('offers sex, poverty status and board seat as drop-down lists, and the caller\'s clubs', async () => {
    const club = await newClub('CLB Mẫu Thành Viên');
    const workbook = await template(KIND, club.token, 'subgraph');
    const data = workbook.getWorksheet('Dữ liệu')!;
    expect((data.getRow(1).values as unknown[]).slice(1)).toEqual(['Câu lạc bộ', 'Họ và tên', 'Giới tính', 'Ngày sinh', 'Dân tộc', 'Hộ nghèo, cận nghèo', 'Chức vụ trong Ban Chủ nhiệm', 'Ngày vào câu lạc bộ']);
    const lists = workbook.getWorksheet('Danh mục')!;
    const list = (column: number) => (lists.getColumn(column).values as unknown[]).slice(1).filter((value) => value != null);
    expect(list(1)).toEqual(['Câu lạc bộ', club.name]);
    expect(list(2)).toEqual(['Giới tính', 'Nữ', 'Nam']);
    expect(list(3)).toEqual(['Hộ nghèo, cận nghèo', 'Hộ nghèo', 'Hộ cận nghèo', 'Không nghèo']);
    expect(list(4)).toEqual(['Chức vụ trong Ban Chủ nhiệm', 'Chủ nhiệm', 'Phó Chủ nhiệm', 'Ủy viên Ban Chủ nhiệm']);
  });

  it.each(FILES)('adds the members of a filled template, reads them back equal to the file, and adds nobody twice ($format on the $host)', async ({ host, format }) => {
    const club = await newClub(`CLB Thành Viên ${host} ${format}`);
    const file = await filled(KIND, club.token, [
      [club.name, 'Lò Thị Hoà', 'Nữ', '12/05/1952', 'Thái', 'Hộ cận nghèo', 'Chủ nhiệm', '01/03/2019'],
      [club.name, 'Cầm Văn Thuỷ', 'nam', day('1948-11-02'), 'Thái', 'ho ngheo', '', day('2019-03-01')],
      [club.name, 'Nguyễn Thị Mai', 'NU', '07/07/1960', 'Kinh', 'Không nghèo', 'Phó Chủ nhiệm', '15/06/2020'],
    ], format);
    const first = await upload(KIND, club.token, file, host, format);
    expect(first.status, JSON.stringify(first.report)).toBe(200);
    expect(first.report).toMatchObject({ written: 3, alreadyImported: 0, errorCount: 0 });
    const expected: Member[] = [
      { fullName: 'Cầm Văn Thuỷ', sex: 'MALE', birthDate: '1948-11-02', ethnicGroup: 'Thái', povertyStatus: 'POOR', boardRole: null, joinedOn: '2019-03-01' },
      { fullName: 'Lò Thị Hoà', sex: 'FEMALE', birthDate: '1952-05-12', ethnicGroup: 'Thái', povertyStatus: 'NEAR_POOR', boardRole: 'HEAD', joinedOn: '2019-03-01' },
      { fullName: 'Nguyễn Thị Mai', sex: 'FEMALE', birthDate: '1960-07-07', ethnicGroup: 'Kinh', povertyStatus: 'NEITHER', boardRole: 'DEPUTY_HEAD', joinedOn: '2020-06-15' },
    ];
    expect(await membersOf(club)).toEqual(expected);

    // The same file again, and the same people written another way (the other tone-mark style, an Excel date): nobody new.
    const again = await upload(KIND, club.token, file, host === 'gateway' ? 'subgraph' : 'gateway', format);
    expect(again.report).toMatchObject({ written: 0, alreadyImported: 3, errorCount: 0 });
    const rewritten = await filled(KIND, club.token, [
      [club.name, 'Lò Thị Hòa', 'Nữ', day('1952-05-12'), 'Thái', 'Hộ cận nghèo', 'Chủ nhiệm', '01/03/2019'],
      [club.name, 'Cầm Văn Thủy', 'Nam', '02/11/1948', 'Thái', 'Hộ nghèo', '', '01/03/2019'],
    ], format);
    expect((await upload(KIND, club.token, rewritten, host, format)).report).toMatchObject({ written: 0, alreadyImported: 2, errorCount: 0 });
    expect(await membersOf(club)).toEqual(expected);
  });

  it.each(FILES)('reports five errors in five places exactly, and adds nobody ($format on the $host)', async ({ host, format }) => {
    const club = await newClub(`CLB Năm Lỗi Thành Viên ${host} ${format}`);
    const file = await filled(KIND, club.token, [
      [club.name, 'Lò Thị Hòa', 'Nữ', '12/05/1952', 'Thái', 'Hộ nghèo', 'Chủ nhiệm', '01/03/2019'],
      [club.name, '', 'Nữ', '12/05/1952', 'Thái', 'Hộ nghèo', '', '01/03/2019'],
      [club.name, 'Cầm Văn Pọm', 'Khác', '12/05/1952', 'Thái', 'Hộ nghèo', '', '01/03/2019'],
      [club.name, 'Lường Thị Un', 'Nữ', '30/02/1950', 'Thái', 'Hộ nghèo', '', '01/03/2019'],
      [club.name, 'Quàng Văn Ơn', 'Nam', '12/05/1952', 'Thái', 'Hộ nghèo', 'Chủ nhiệm', '01/03/2019'],
      [club.name, 'Tòng Thị Ban', 'Nữ', '12/05/1952', 'Thái', 'Hộ nghèo', '', '01/03/1950'],
    ], format);
    const { status, report } = await upload(KIND, club.token, file, host, format);
    expect(status).toBe(422);
    expect(report).toMatchObject({ committed: false, written: 0, errorCount: 5 });
    expect(placesOf(report)).toEqual([
      { row: 3, column: 'Họ và tên', code: 'REQUIRED' },
      { row: 4, column: 'Giới tính', code: 'NOT_IN_LIST' },
      { row: 5, column: 'Ngày sinh', code: 'INVALID_DATE' },
      { row: 6, column: 'Chức vụ trong Ban Chủ nhiệm', code: 'CONFLICT' },
      { row: 7, column: 'Ngày vào câu lạc bộ', code: 'RULE_VIOLATION' },
    ]);
    expect(await membersOf(club)).toEqual([]);
  });

  it.each(FILES)('refuses members joining in a locked period (khóa sổ) ($format on the $host)', async ({ host, format }) => {
    const club = await newClub(`CLB Khóa Sổ Thành Viên ${host} ${format}`);
    await lockYear(club.id, 2018);
    const file = await filled(KIND, club.token, [
      [club.name, 'Lò Thị Hòa', 'Nữ', '12/05/1952', 'Thái', 'Hộ nghèo', '', '01/03/2018'],
      [club.name, 'Cầm Văn Pọm', 'Nam', '12/05/1950', 'Thái', 'Hộ nghèo', '', '01/03/2019'],
    ], format);
    const { status, report } = await upload(KIND, club.token, file, host, format);
    expect(status).toBe(422);
    expect(placesOf(report)).toEqual([{ row: 2, column: 'Ngày vào câu lạc bộ', code: 'PERIOD_LOCKED' }]);
    expect(await membersOf(club)).toEqual([]);
    // valid-rows keeps the open year's member and leaves the locked one out.
    const kept = await upload(KIND, club.token, file, host, format, '?mode=valid-rows');
    expect(kept.report).toMatchObject({ written: 1, leftOut: [2] });
    expect((await membersOf(club)).map((member) => member.fullName)).toEqual(['Cầm Văn Pọm']);
  });
});
