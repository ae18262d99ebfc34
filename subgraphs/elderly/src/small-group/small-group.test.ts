import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../../test/database.ts';
import { graphql, statementsFor, subgraphUrl, tokenFor, type GraphQLResponse } from '../../../../test/graphql.ts';
import { seedAssociationWithClubs } from '../club/club.seed.ts';

const url = () => subgraphUrl('elderly');

const FORM = `mutation ($input: FormClubSmallGroupInput!) {
  formClubSmallGroup(input: $input) { id name residentialArea memberCount complete members { fullName } club { name } }
}`;
const ASSIGN = `mutation ($input: AssignToSmallGroupInput!) {
  assignToSmallGroup(input: $input) { id name memberCount complete members { fullName } }
}`;
const GROUPS = `query ($id: ID!) { club(id: $id) { smallGroups { name residentialArea memberCount complete members { fullName } } } }`;

const GROUPING = 'CLB Liên thế hệ tự giúp nhau bản Nhóm';
const OTHER = 'CLB Liên thế hệ tự giúp nhau bản Bên Cạnh';
const RACING = 'CLB Liên thế hệ tự giúp nhau bản Tranh Chỗ';
const COUNTED = ['CLB đếm nhóm Một', 'CLB đếm nhóm Hai', 'CLB đếm nhóm Ba'];

/** Members of the grouping club, in Vietnamese name order. */
const PEOPLE = ['Bùi Thị An', 'Đặng Văn Bình', 'Hà Thị Cúc', 'Lò Văn Dũng', 'Nguyễn Thị Én', 'Phạm Văn Giang', 'Vi Thị Hoa', 'Vũ Văn Khánh'];

let associationId: string;
let clubIds: Map<string, string>;
const club = (name: string) => clubIds.get(name)!;
/** Member ids by full name. */
const members = new Map<string, string>();
const member = (name: string) => members.get(name)!;

type Data = Record<string, any>;
const form = (input: Record<string, unknown>, token?: string) => graphql<Data>(url(), FORM, { input }, undefined, token ? { token } : {});
const assign = (groupId: string, memberId: string) => graphql<Data>(url(), ASSIGN, { input: { groupId, memberId } });
const groupsOf = async (name: string) => (await graphql<Data>(url(), GROUPS, { id: club(name) })).data!.club.smallGroups;
const failure = (result: GraphQLResponse<unknown>) => ({ data: result.data ?? null, code: result.errors?.[0].extensions?.code, field: result.errors?.[0].extensions?.field });
const refused = (code: string, field: string) => ({ data: null, code, field });
const seatsTaken = () => withDatabase(async (client) => Number((await client.query('select count(*) from elderly.club_small_group_member where club_id = any($1::uuid[])', [[...clubIds.values()]])).rows[0].count));

async function addMember(clubId: string, fullName: string): Promise<string> {
  const result = await graphql<Data>(url(), `mutation ($input: ClubMemberInput!) { addClubMember(input: $input) { id } }`, {
    input: { clubId, fullName, sex: 'FEMALE', birthDate: '1955-04-01', ethnicGroup: 'Tày', povertyStatus: 'NEITHER', joinedOn: '2020-01-01' },
  });
  expect(result.errors, fullName).toBeUndefined();
  return result.data!.addClubMember.id;
}

async function formGroup(clubName: string, name: string, residentialArea = 'Xóm Đồng Tâm'): Promise<string> {
  const result = await form({ clubId: club(clubName), name, residentialArea });
  expect(result.errors, name).toBeUndefined();
  return result.data!.formClubSmallGroup.id;
}

describe('small groups of a club (nhóm nhỏ, 4–5 members by residential area)', () => {
  beforeAll(async () => {
    ({ associationId, clubIds } = await withDatabase((client) =>
      seedAssociationWithClubs(client, { name: 'Hội Người cao tuổi xã Nhóm Nhỏ', level: 'COMMUNE' }, [GROUPING, OTHER, RACING, ...COUNTED].map((name) => ({ name, foundedOn: '2019-01-01' }))),
    ));
    for (const name of PEOPLE) members.set(name, await addMember(club(GROUPING), name));
    members.set('Lương Văn Bên', await addMember(club(OTHER), 'Lương Văn Bên'));
    members.set('Hoàng Thị Đã Rời', await addMember(club(GROUPING), 'Hoàng Thị Đã Rời'));
    await withDatabase((client) => client.query(`update elderly.club_member set left_on = '2023-06-30' where id = $1`, [member('Hoàng Thị Đã Rời')]));
  });

  it('forms a group and fills it: incomplete below 4 members, full at 5', async () => {
    // Decomposed Unicode and stray spaces: stored in NFC, trimmed, single-spaced.
    const formed = await form({ clubId: club(GROUPING), name: '  Nhóm   1 '.normalize('NFD'), residentialArea: ' Xóm  Nà Lừa '.normalize('NFD') });
    expect(formed).toEqual({
      data: { formClubSmallGroup: { id: expect.any(String), name: 'Nhóm 1', residentialArea: 'Xóm Nà Lừa', memberCount: 0, complete: false, members: [], club: { name: GROUPING } } },
    });
    const groupId = formed.data!.formClubSmallGroup.id;
    // Assigned out of name order: listed in Vietnamese name order.
    const order = ['Lò Văn Dũng', 'Bùi Thị An', 'Hà Thị Cúc', 'Đặng Văn Bình', 'Nguyễn Thị Én'];
    const seen: { memberCount: number; complete: boolean; members: string[] }[] = [];
    for (const name of order) {
      const result = await assign(groupId, member(name));
      expect(result.errors, name).toBeUndefined();
      const group = result.data!.assignToSmallGroup;
      expect(group.id).toBe(groupId);
      seen.push({ memberCount: group.memberCount, complete: group.complete, members: group.members.map((m: { fullName: string }) => m.fullName) });
    }
    expect(seen).toEqual([
      { memberCount: 1, complete: false, members: ['Lò Văn Dũng'] },
      { memberCount: 2, complete: false, members: ['Bùi Thị An', 'Lò Văn Dũng'] },
      { memberCount: 3, complete: false, members: ['Bùi Thị An', 'Hà Thị Cúc', 'Lò Văn Dũng'] },
      { memberCount: 4, complete: true, members: ['Bùi Thị An', 'Đặng Văn Bình', 'Hà Thị Cúc', 'Lò Văn Dũng'] },
      { memberCount: 5, complete: true, members: ['Bùi Thị An', 'Đặng Văn Bình', 'Hà Thị Cúc', 'Lò Văn Dũng', 'Nguyễn Thị Én'] },
    ]);
    const second = await formGroup(GROUPING, 'Nhóm 2', 'Xóm Đồng Tâm');
    expect((await assign(second, member('Vi Thị Hoa'))).errors).toBeUndefined();
    expect(await groupsOf(GROUPING)).toEqual([
      { name: 'Nhóm 1', residentialArea: 'Xóm Nà Lừa', memberCount: 5, complete: true, members: ['Bùi Thị An', 'Đặng Văn Bình', 'Hà Thị Cúc', 'Lò Văn Dũng', 'Nguyễn Thị Én'].map((fullName) => ({ fullName })) },
      { name: 'Nhóm 2', residentialArea: 'Xóm Đồng Tâm', memberCount: 1, complete: false, members: [{ fullName: 'Vi Thị Hoa' }] },
    ]);
  });

  it('refuses bad groups and assignments, naming the field, and writes nothing', async () => {
    const before = await groupsOf(GROUPING);
    const seats = await seatsTaken();
    const [full, open] = (await graphql<Data>(url(), `query ($id: ID!) { club(id: $id) { smallGroups { id } } }`, { id: club(GROUPING) })).data!.club.smallGroups.map((group: { id: string }) => group.id);
    const formCases: [Record<string, unknown>, ReturnType<typeof refused>][] = [
      [{ clubId: randomUUID() }, refused('NOT_FOUND', 'clubId')],
      [{ clubId: 'not-a-club' }, refused('BAD_USER_INPUT', 'clubId')],
      [{ name: '  ' }, refused('BAD_USER_INPUT', 'name')],
      [{ residentialArea: '' }, refused('BAD_USER_INPUT', 'residentialArea')],
      [{ residentialArea: 'x'.repeat(301) }, refused('BAD_USER_INPUT', 'residentialArea')],
      // A name once per club, whatever its letter case.
      [{ name: 'NHÓM 1' }, refused('CONFLICT', 'name')],
    ];
    for (const [change, expected] of formCases) {
      expect(failure(await form({ clubId: club(GROUPING), name: 'Nhóm 3', residentialArea: 'Xóm Mới', ...change })), JSON.stringify(change)).toEqual(expected);
    }
    const otherManager = await tokenFor({ role: 'club_manager', scope: [club(OTHER)] });
    expect(failure(await form({ clubId: club(GROUPING), name: 'Nhóm 3', residentialArea: 'Xóm Mới' }, otherManager))).toEqual(refused('FORBIDDEN', 'clubId'));

    const assignCases: [string, string, ReturnType<typeof refused>][] = [
      [randomUUID(), member('Vũ Văn Khánh'), refused('NOT_FOUND', 'groupId')],
      [open, randomUUID(), refused('NOT_FOUND', 'memberId')],
      [open, 'not-a-member', refused('BAD_USER_INPUT', 'memberId')],
      // A member of another club.
      [open, member('Lương Văn Bên'), refused('RULE_VIOLATION', 'memberId')],
      // A member who has left the club.
      [open, member('Hoàng Thị Đã Rời'), refused('RULE_VIOLATION', 'memberId')],
      // Already in a group: another one, or the same one.
      [open, member('Bùi Thị An'), refused('CONFLICT', 'memberId')],
      [open, member('Vi Thị Hoa'), refused('CONFLICT', 'memberId')],
      // A sixth member.
      [full, member('Vũ Văn Khánh'), refused('RULE_VIOLATION', 'memberId')],
    ];
    for (const [groupId, memberId, expected] of assignCases) {
      expect(failure(await assign(groupId, memberId)), `${groupId} ${memberId}`).toEqual(expected);
    }
    expect(await groupsOf(GROUPING)).toEqual(before);
    expect(await groupsOf(OTHER)).toEqual([]);
    expect(await seatsTaken()).toBe(seats);
  });

  it('never puts more than 5 members in a group, however many are assigned at once', async () => {
    const names = Array.from({ length: 9 }, (_, index) => `Thành viên tranh chỗ ${index + 1}`);
    const ids = [];
    for (const name of names) ids.push(await addMember(club(RACING), name));
    const groupId = await formGroup(RACING, 'Nhóm tranh chỗ');
    const results = await Promise.all(ids.map((memberId) => assign(groupId, memberId)));
    expect(results.filter((result) => !result.errors)).toHaveLength(5);
    expect(results.filter((result) => result.errors).map(failure)).toEqual(Array(4).fill(refused('RULE_VIOLATION', 'memberId')));
    const [group] = await groupsOf(RACING);
    expect([group.memberCount, group.complete, group.members.length]).toEqual([5, true, 5]);
  });

  it('shows counts to anyone, and members only to officers', async () => {
    const anonymous = await graphql<Data>(url(), `query ($id: ID!) { club(id: $id) { smallGroups { name memberCount complete } } }`, { id: club(GROUPING) }, undefined, { token: null });
    expect(anonymous).toEqual({ data: { club: { smallGroups: [{ name: 'Nhóm 1', memberCount: 5, complete: true }, { name: 'Nhóm 2', memberCount: 1, complete: false }] } } });
    const names = await graphql<Data>(url(), GROUPS, { id: club(GROUPING) }, undefined, { token: null });
    expect(names.data).toBeUndefined();
    expect(names.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'ClubMember.fullName' });
  });

  it('loads the groups and members of many clubs in one statement, as for one', async () => {
    for (const [index, name] of COUNTED.entries()) {
      const groupId = await formGroup(name, `Nhóm đếm ${index + 1}`);
      await formGroup(name, `Nhóm đếm trống ${index + 1}`);
      for (const person of [`Người đếm ${index + 1}A`, `Người đếm ${index + 1}B`]) {
        expect((await assign(groupId, await addMember(club(name), person))).errors).toBeUndefined();
      }
    }
    const statements = async (first: number) => {
      const requestId = `small-groups-${first}-${randomUUID()}`;
      const result = await graphql<Data>(
        url(),
        `query ($id: ID!, $first: Int!) { elderlyAssociation(id: $id) { clubs(first: $first) { edges { node {
          name smallGroups { name memberCount complete members { fullName joinedOn } }
        } } } } }`,
        { id: associationId, first },
        requestId,
      );
      expect(result.errors).toBeUndefined();
      const clubs = result.data!.elderlyAssociation.clubs.edges.map(({ node }: { node: Data }) => node);
      expect(clubs).toHaveLength(first);
      expect(clubs[0]).toEqual({
        name: 'CLB đếm nhóm Ba',
        smallGroups: [
          { name: 'Nhóm đếm 3', memberCount: 2, complete: false, members: ['3A', '3B'].map((tail) => ({ fullName: `Người đếm ${tail}`, joinedOn: '2020-01-01' })) },
          { name: 'Nhóm đếm trống 3', memberCount: 0, complete: false, members: [] },
        ],
      });
      return (await statementsFor(requestId)).elderly;
    };
    // the association, its clubs, then their groups with their members
    expect(await statements(1)).toBe(3);
    expect(await statements(6)).toBe(3);
  });
});
