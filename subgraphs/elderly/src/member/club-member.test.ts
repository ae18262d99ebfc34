import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../../test/database.ts';
import type { Role } from '@hoi/common/identity';
import { graphql, statementsFor, subgraphUrl, tokenFor } from '../../../../test/graphql.ts';
import { seedAssociationWithClubs } from '../club/club.seed.ts';

const url = () => subgraphUrl('elderly');
let associationId: string;
let clubIds: Map<string, string>;
let districtId: string;

const ADD = `mutation ($input: ClubMemberInput!) { addClubMember(input: $input) { id fullName sex boardRole joinedOn } }`;
const MEMBERS = `query ($id: ID!) { club(id: $id) { members { totalCount edges { node { fullName birthDate ethnicGroup povertyStatus } } } } }`;

/** A request as a caller with a role over some organisations; null role: no token at all. */
async function as(role: string | null, scope: string[], query: string, variables: Record<string, unknown>, requestId: string = randomUUID()) {
  const token = role ? await tokenFor({ role: role as Role, scope }) : null;
  return graphql<Record<string, any>>(url(), query, variables, requestId, { token });
}

const person = (overrides: Record<string, unknown> = {}) => ({
  fullName: 'Lò Thị Hoa',
  sex: 'FEMALE',
  birthDate: '1950-03-02',
  ethnicGroup: 'Thái',
  povertyStatus: 'NEAR_POOR',
  joinedOn: '2020-05-01',
  ...overrides,
});

describe('club members: personal data only for those who manage the club', () => {
  beforeAll(async () => {
    ({ associationId, clubIds } = await withDatabase(async (client) => {
      const province = await seedAssociationWithClubs(client, { name: 'Hội NCT tỉnh Riêng Tư', level: 'PROVINCE', unitId: 'BEFORE_2025:12' }, []);
      const district = await seedAssociationWithClubs(client, { name: 'Hội NCT huyện Riêng Tư', level: 'DISTRICT', unitId: 'BEFORE_2025:109' }, [
        { name: 'CLB thử bản Một', foundedOn: '2019-01-01', unitId: 'BEFORE_2025:03549' },
        { name: 'CLB thử bản Hai', foundedOn: '2024-01-01' },
      ]);
      await client.query('update elderly.association set parent_id = $1 where id = $2', [province.associationId, district.associationId]);
      districtId = district.associationId;
      return { associationId: province.associationId, clubIds: district.clubIds };
    }));
    const club = clubIds.get('CLB thử bản Một');
    for (const input of [
      person({ clubId: club, boardRole: 'HEAD' }),
      person({ clubId: club, fullName: 'Giàng A Páo', sex: 'MALE', birthDate: '1980-07-01', ethnicGroup: 'Mông', povertyStatus: 'POOR' }),
      person({ clubId: club, fullName: 'Nguyễn Văn Minh', sex: 'MALE', birthDate: '1962-01-01', ethnicGroup: 'Kinh', povertyStatus: 'NEITHER' }),
    ]) {
      const added = await graphql(url(), ADD, { input });
      expect(added.errors).toBeUndefined();
    }
  });

  it('shows a person\'s birth date, ethnicity and poverty to the club manager and the associations above', async () => {
    const club = clubIds.get('CLB thử bản Một')!;
    for (const [role, scope] of [['club_manager', [club]], ['association_officer', [districtId]], ['association_officer', [associationId]]] as const) {
      const result = await as(role, [...scope], MEMBERS, { id: club });
      expect(result.errors, `${role}`).toBeUndefined();
      expect(result.data!.club.members.edges[0].node).toEqual({ fullName: 'Giàng A Páo', birthDate: '1980-07-01', ethnicGroup: 'Mông', povertyStatus: 'POOR' });
    }
  });

  it('refuses them to any other officer with a stable code on each field, and members to non-officers, while counts and shares still answer', async () => {
    const club = clubIds.get('CLB thử bản Một')!;
    const otherOfficers: [string, string[]][] = [['club_manager', [clubIds.get('CLB thử bản Hai')!]], ['association_officer', [randomUUID()]], ['national_admin', []]];
    for (const [role, scope] of otherOfficers) {
      const result = await as(role, scope, MEMBERS, { id: club });
      expect(result.data!.club.members.totalCount, role).toBe(3);
      expect(result.data!.club.members.edges[0].node).toEqual({ fullName: 'Giàng A Páo', birthDate: null, ethnicGroup: null, povertyStatus: null });
      const fields = new Set(result.errors!.map((error) => `${error.extensions!.code}:${error.extensions!.field}`));
      expect(fields).toEqual(new Set(['FORBIDDEN:birthDate', 'FORBIDDEN:ethnicGroup', 'FORBIDDEN:povertyStatus']));
    }
    // Without a token, or with a read-only role, a person is not even listed: members are records.
    for (const role of [null, 'analyst']) {
      const result = await as(role, [], MEMBERS, { id: club });
      expect(result.data, String(role)).toBeUndefined();
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'ClubMember.fullName' });
    }
    const statistics = await as(null, [], `query ($id: ID!) { clubStatistics(associationId: $id, period: { type: YEAR, year: 2024 }) { total {
      clubs members boardMembers ethnicMinorityMembers ethnicMinorityShare { basisPoints percent } membersOver55 poorMembers nearPoorMembers } } }`, { id: associationId });
    expect(statistics).toEqual({
      data: {
        clubStatistics: {
          total: {
            clubs: 2,
            members: 3,
            boardMembers: 1,
            ethnicMinorityMembers: 2,
            ethnicMinorityShare: { basisPoints: 6_667, percent: '66.67' },
            membersOver55: 2,
            poorMembers: 1,
            nearPoorMembers: 1,
          },
        },
      },
    });
  });

  it('checks the whole page of members against the rule in one statement', async () => {
    const requestId = `privacy-${randomUUID()}`;
    const result = await as('association_officer', [associationId], `query ($id: ID!) { elderlyAssociations(parentId: $id) { edges { node { clubs { edges { node {
      members { edges { node { ethnicGroup povertyStatus birthDate } } } } } } } } } }`, { id: associationId }, requestId);
    expect(result.errors).toBeUndefined();
    // associations, their clubs, the members, the clubs' managing units
    expect((await statementsFor(requestId)).elderly).toBe(4);
  });

  it('refuses bad members, naming the field, and writes nothing', async () => {
    const club = clubIds.get('CLB thử bản Hai')!;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ clubId: randomUUID() }, 'NOT_FOUND', 'clubId'],
      [{ fullName: '' }, 'BAD_USER_INPUT', 'fullName'],
      [{ birthDate: '2999-01-01' }, 'BAD_USER_INPUT', 'birthDate'],
      [{ joinedOn: '1949-01-01' }, 'RULE_VIOLATION', 'joinedOn'],
      [{ povertyStatus: 'RICH' }, 'BAD_USER_INPUT', undefined as unknown as string],
    ];
    for (const [change, code, field] of cases) {
      const result = await graphql(url(), ADD, { input: person({ clubId: club, ...change }) });
      expect(result.errors?.[0].extensions?.code, JSON.stringify(change)).toBe(code);
      if (field) expect(result.errors?.[0].extensions?.field).toBe(field);
    }
    expect((await graphql(url(), ADD, { input: person({ clubId: club, boardRole: 'HEAD' }) })).errors).toBeUndefined();
    const secondHead = await graphql(url(), ADD, { input: person({ clubId: club, fullName: 'Lò Văn Hai', boardRole: 'HEAD' }) });
    expect(secondHead.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'boardRole' });
    const listed = await graphql(url(), `query ($id: ID!) { club(id: $id) { members { totalCount } } }`, { id: club });
    expect(listed).toEqual({ data: { club: { members: { totalCount: 1 } } } });
  });

  it('records new members per period once', async () => {
    const RECORD = `mutation ($input: MembershipIntakeInput!) { recordMembershipIntake(input: $input) { newMembers period { start end } } }`;
    const input = { associationId: districtId, period: { type: 'QUARTER', year: 2024, index: 1 }, newMembers: 12 };
    expect(await graphql(url(), RECORD, { input })).toEqual({ data: { recordMembershipIntake: { newMembers: 12, period: { start: '2024-01-01', end: '2024-03-31' } } } });
    expect((await graphql(url(), RECORD, { input })).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'period' });
    expect((await graphql(url(), RECORD, { input: { ...input, newMembers: -1 } })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newMembers' });
    expect((await graphql(url(), RECORD, { input: { ...input, associationId: randomUUID() } })).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'associationId' });
  });
});

