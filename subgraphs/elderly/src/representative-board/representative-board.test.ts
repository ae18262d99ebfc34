import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '@hoi/common/dates';
import { stableId } from '@hoi/common/ids';
import { withDatabase } from '../../../../test/database.ts';
import { gatewayUrl, graphql, statementsFor, subgraphUrl, tokenFor, type GraphQLResponse } from '../../../../test/graphql.ts';
import { seedAssociationWithClubs } from '../club/club.seed.ts';
import { reloadElderlyDemoData } from '../training/demo-reload.test-support.ts';
import { loadRepresentativeBoardDemoData } from './representative-board.demo.ts';

const url = () => subgraphUrl('elderly');

const APPOINT = `mutation ($input: AppointRepresentativeBoardMemberInput!) {
  appointRepresentativeBoardMember(input: $input) { id role personName outsideRole startedOn endedOn association { name } }
}`;
const BOARD = `query ($id: ID!) { elderlyAssociation(id: $id) { representativeBoard { role personName outsideRole startedOn endedOn } } }`;

const APPOINTING = 'Hội NCT tỉnh Bổ Nhiệm';
const REFUSING = 'Hội NCT tỉnh Từ Chối';
const RACING = 'Hội NCT tỉnh Cùng Lúc';
const DISTRICT = 'Hội NCT huyện Không Có Ban';
const COUNTED = ['Hội NCT tỉnh Đếm Ban Một', 'Hội NCT tỉnh Đếm Ban Hai', 'Hội NCT tỉnh Đếm Ban Ba'];

let ids: Map<string, string>;
const id = (name: string) => ids.get(name)!;

const appoint = (input: Record<string, unknown>, token?: string) => graphql<Record<string, any>>(url(), APPOINT, { input }, undefined, token ? { token } : {});
const board = async (name: string) => (await graphql<{ elderlyAssociation: { representativeBoard: unknown[] | null } }>(url(), BOARD, { id: id(name) })).data!.elderlyAssociation.representativeBoard;
const failure = (result: GraphQLResponse<unknown>) => ({ data: result.data ?? null, code: result.errors?.[0].extensions?.code, field: result.errors?.[0].extensions?.field });
const refused = (code: string, field: string) => ({ data: null, code, field });
const rowsOf = (associationId: string) =>
  withDatabase(async (client) => Number((await client.query('select count(*) from elderly.representative_board_member where association_id = $1', [associationId])).rows[0].count));

/** The day after today in Vietnam: a date that has not happened yet. */
const tomorrow = () => {
  const [year, month, day] = todayInVietnam().split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
};

describe('the Representative Board (Ban đại diện) of a provincial association', () => {
  beforeAll(async () => {
    ids = await withDatabase(async (client) => {
      const made = new Map<string, string>();
      for (const name of [APPOINTING, REFUSING, RACING, ...COUNTED]) {
        made.set(name, (await seedAssociationWithClubs(client, { name, level: 'PROVINCE' }, [])).associationId);
      }
      const district = await seedAssociationWithClubs(client, { name: DISTRICT, level: 'DISTRICT' }, []);
      await client.query('update elderly.association set parent_id = $1 where id = $2', [made.get(REFUSING), district.associationId]);
      made.set(DISTRICT, district.associationId);
      return made;
    });
  });

  it('appoints a head, deputy heads and members, and lists the current board head first', async () => {
    const associationId = id(APPOINTING);
    // Names in decomposed Unicode with stray spaces: stored in NFC, trimmed, single-spaced.
    const deputy = await appoint({ associationId, role: 'DEPUTY_HEAD', personName: '  Trần   Thị Bình '.normalize('NFD'), startedOn: '2022-03-01' });
    expect(deputy).toEqual({
      data: {
        appointRepresentativeBoardMember: {
          id: expect.any(String),
          role: 'DEPUTY_HEAD',
          personName: 'Trần Thị Bình',
          outsideRole: null,
          startedOn: '2022-03-01',
          endedOn: null,
          association: { name: APPOINTING },
        },
      },
    });
    // A former head; the next head takes the seat the day the former one left.
    expect((await appoint({ associationId, role: 'HEAD', personName: 'Đỗ Văn Cũ', startedOn: '2017-06-01', endedOn: '2022-03-01' })).errors).toBeUndefined();
    const head = { associationId, role: 'HEAD', personName: 'Nguyễn Văn Trưởng', outsideRole: ' Nguyên Phó Chủ tịch UBND tỉnh ', startedOn: '2022-03-01' };
    expect((await appoint(head)).errors).toBeUndefined();
    for (const input of [
      { associationId, role: 'DEPUTY_HEAD', personName: 'Lê Văn An' },
      { associationId, role: 'MEMBER', personName: 'Vi Thị Hoa', startedOn: '2023-01-15' },
      { associationId, role: 'MEMBER', personName: 'Bùi Văn Cường', startedOn: '2022-03-01', endedOn: '2099-12-31' },
      // Left the board: not on the current board.
      { associationId, role: 'MEMBER', personName: 'Hà Văn Đã Nghỉ', startedOn: '2019-01-01', endedOn: '2021-01-01' },
    ]) {
      expect((await appoint(input)).errors, input.personName).toBeUndefined();
    }
    expect(await board(APPOINTING)).toEqual([
      { role: 'HEAD', personName: 'Nguyễn Văn Trưởng', outsideRole: 'Nguyên Phó Chủ tịch UBND tỉnh', startedOn: '2022-03-01', endedOn: null },
      { role: 'DEPUTY_HEAD', personName: 'Lê Văn An', outsideRole: null, startedOn: null, endedOn: null },
      { role: 'DEPUTY_HEAD', personName: 'Trần Thị Bình', outsideRole: null, startedOn: '2022-03-01', endedOn: null },
      { role: 'MEMBER', personName: 'Bùi Văn Cường', outsideRole: null, startedOn: '2022-03-01', endedOn: '2099-12-31' },
      { role: 'MEMBER', personName: 'Vi Thị Hoa', outsideRole: null, startedOn: '2023-01-15', endedOn: null },
    ]);
    // A unit below the province has no Representative Board at all.
    expect(await board(DISTRICT)).toBeNull();
  });

  it('refuses bad appointments, naming the field, and writes nothing', async () => {
    const associationId = id(REFUSING);
    const head = { associationId, role: 'HEAD', personName: 'Phạm Văn Đứng Đầu', startedOn: '2021-05-01' };
    expect((await appoint(head)).errors).toBeUndefined();
    const before = await board(REFUSING);
    const cases: [Record<string, unknown>, ReturnType<typeof refused>][] = [
      [{ associationId: randomUUID() }, refused('NOT_FOUND', 'associationId')],
      [{ associationId: 'not-a-unit' }, refused('BAD_USER_INPUT', 'associationId')],
      // Only a provincial unit has a Representative Board.
      [{ associationId: id(DISTRICT) }, refused('RULE_VIOLATION', 'associationId')],
      [{ personName: '   ' }, refused('BAD_USER_INPUT', 'personName')],
      [{ personName: 'A'.repeat(201) }, refused('BAD_USER_INPUT', 'personName')],
      [{ outsideRole: ' ' }, refused('BAD_USER_INPUT', 'outsideRole')],
      [{ startedOn: tomorrow() }, refused('BAD_USER_INPUT', 'startedOn')],
      [{ startedOn: '1995-05-09' }, refused('BAD_USER_INPUT', 'startedOn')],
      [{ startedOn: '2022-01-01', endedOn: '2022-01-01' }, refused('BAD_USER_INPUT', 'endedOn')],
      [{ endedOn: '1990-01-01' }, refused('BAD_USER_INPUT', 'endedOn')],
      // A second head while the first is in office; also one whose unknown start reaches back into it.
      [{ role: 'HEAD', personName: 'Hoàng Văn Thứ Hai', startedOn: '2023-01-01' }, refused('CONFLICT', 'role')],
      [{ role: 'HEAD', personName: 'Hoàng Văn Thứ Hai', endedOn: '2021-06-01' }, refused('CONFLICT', 'role')],
      // The same person holding two seats at once.
      [{ role: 'MEMBER', personName: 'Phạm Văn Đứng Đầu', startedOn: '2024-01-01' }, refused('CONFLICT', 'personName')],
    ];
    for (const [change, expected] of cases) {
      expect(failure(await appoint({ associationId, role: 'MEMBER', personName: 'Lò Văn Thử', ...change })), JSON.stringify(change)).toEqual(expected);
    }
    const unknownRole = await appoint({ associationId, role: 'CHAIR', personName: 'Lò Văn Thử' });
    expect(unknownRole.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // An officer of another unit may not write to this one.
    const outsider = await appoint({ associationId, role: 'MEMBER', personName: 'Lò Văn Thử' }, await tokenFor({ role: 'association_officer', scope: [id(APPOINTING)] }));
    expect(failure(outsider)).toEqual(refused('FORBIDDEN', 'associationId'));
    expect(await board(REFUSING)).toEqual(before);
    expect(await rowsOf(associationId)).toBe(1);
    expect(await rowsOf(id(DISTRICT))).toBe(0);
    // A head before the current one, who left the day the current one started: fine.
    expect((await appoint({ associationId, role: 'HEAD', personName: 'Hoàng Văn Trước', startedOn: '2016-05-01', endedOn: '2021-05-01' })).errors).toBeUndefined();
  });

  it('keeps one head when several are appointed at once', async () => {
    const associationId = id(RACING);
    const names = ['Nguyễn Văn Một', 'Nguyễn Văn Hai', 'Nguyễn Văn Ba', 'Nguyễn Văn Bốn', 'Nguyễn Văn Năm'];
    const results = await Promise.all(names.map((personName) => appoint({ associationId, role: 'HEAD', personName, startedOn: '2024-01-01' })));
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.filter((result) => result.errors).map(failure)).toEqual(Array(4).fill(refused('CONFLICT', 'role')));
    const current = (await board(RACING)) as { role: string }[];
    expect(current.map((member) => member.role)).toEqual(['HEAD']);
    expect(await rowsOf(associationId)).toBe(1);
  });

  it('loads the boards of many associations in one statement, as for one', async () => {
    await withDatabase(async (client) => {
      for (const [index, name] of COUNTED.entries()) {
        await client.query(
          `insert into elderly.representative_board_member (id, association_id, role, person_name, started_on)
           values ($1, $2, 'HEAD', $3, '2022-01-01'), ($4, $2, 'MEMBER', $5, null)`,
          [randomUUID(), id(name), `Trưởng Ban ${index + 1}`, randomUUID(), `Ủy viên ${index + 1}`],
        );
      }
    });
    const statements = async (search: string, count: number) => {
      const requestId = `board-${randomUUID()}`;
      const result = await graphql<{ elderlyAssociations: { edges: { node: { name: string; representativeBoard: { role: string; personName: string }[] } }[] } }>(
        url(),
        `query ($search: String!) { elderlyAssociations(search: $search, first: 10) { edges { node { name representativeBoard { role personName } } } } }`,
        { search },
        requestId,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.elderlyAssociations.edges).toHaveLength(count);
      for (const { node } of result.data!.elderlyAssociations.edges) {
        const number = COUNTED.indexOf(node.name) + 1;
        expect(node.representativeBoard).toEqual([
          { role: 'HEAD', personName: `Trưởng Ban ${number}` },
          { role: 'MEMBER', personName: `Ủy viên ${number}` },
        ]);
      }
      return (await statementsFor(requestId)).elderly;
    };
    const one = await statements('tinh dem ban mot', 1);
    const three = await statements('tinh dem ban', 3);
    // the associations, then their boards
    expect(one).toBe(2);
    expect(three).toBe(one);
  });
});

describe('Thái Nguyên\'s Representative Board (demo data, through the gateway)', () => {
  it('has ông Nguyễn Tiến Lợi as deputy head (article 004), and no one the articles do not name', async () => {
    // Demo data loads on every start: loading it again must change nothing.
    await reloadElderlyDemoData(loadRepresentativeBoardDemoData);
    const result = await graphql(
      gatewayUrl(),
      `query ($id: ID!) { elderlyAssociation(id: $id) {
        name level
        representativeBoard { id role personName outsideRole startedOn endedOn association { name } }
      } }`,
      { id: stableId('elderly:thai-nguyen') },
    );
    expect(result).toEqual({
      data: {
        elderlyAssociation: {
          name: 'Hội Người cao tuổi tỉnh Thái Nguyên',
          level: 'PROVINCE',
          representativeBoard: [
            {
              id: stableId('elderly:thai-nguyen:representative-board:deputy-head:nguyen-tien-loi'),
              role: 'DEPUTY_HEAD',
              personName: 'Nguyễn Tiến Lợi',
              outsideRole: null,
              startedOn: null,
              endedOn: null,
              association: { name: 'Hội Người cao tuổi tỉnh Thái Nguyên' },
            },
          ],
        },
      },
    });
  });
});
