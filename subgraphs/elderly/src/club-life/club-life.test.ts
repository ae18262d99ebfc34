import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../../test/database.ts';
import { graphql, statementsFor, subgraphUrl } from '../../../../test/graphql.ts';
import { seedAssociationWithClubs } from '../club/club.seed.ts';
import { todayInVietnam } from './record.rules.ts';

const url = () => subgraphUrl('elderly');
let associationId: string;
let clubIds: Map<string, string>;
const club = (name: string) => clubIds.get(name)!;

const MEETING = `mutation ($input: ClubMeetingInput!) { recordClubMeeting(input: $input) { id heldOn attendance note club { name } } }`;
const ACTIVITY = `mutation ($input: ClubActivityInput!) { recordClubActivity(input: $input) { id kind heldOn participants note club { name } } }`;
const GROUP = `mutation ($input: ClubSpecialisedGroupInput!) { addClubSpecialisedGroup(input: $input) { id name club { name } } }`;
const LIFE = `query ($id: ID!) { club(id: $id) {
  meetings { totalCount edges { node { heldOn attendance note } } }
  activities { totalCount edges { node { kind heldOn participants note } } }
  healthChecks: activities(kind: HEALTH_CHECK) { totalCount edges { node { heldOn } } }
  specialisedGroups { name }
} }`;

const ONE = 'CLB Liên thế hệ tự giúp nhau bản Một';
const TWO = 'CLB Liên thế hệ tự giúp nhau bản Hai';
const THREE = 'CLB Liên thế hệ tự giúp nhau bản Ba';
const EMPTY = 'CLB Liên thế hệ tự giúp nhau bản Trống';

type Data = Record<string, { id: string }>;
const run = (query: string, input: Record<string, unknown>) => graphql<Data>(url(), query, { input });
const expectFailure = async (query: string, input: Record<string, unknown>, code: string, field: string) => {
  const result = await run(query, input);
  expect(result.errors?.[0].extensions, `${code} ${field}`).toMatchObject({ code, field });
  expect(result.data ?? null).toBeNull();
};

/** The day after today in Vietnam: a date that has not happened yet. */
const tomorrow = () => {
  const [year, month, day] = todayInVietnam().split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
};

describe('club life: meetings, activities, specialised groups', () => {
  beforeAll(async () => {
    ({ associationId, clubIds } = await withDatabase((client) =>
      seedAssociationWithClubs(client, { name: 'Hội Người cao tuổi xã Sinh Hoạt', level: 'COMMUNE' }, [
        { name: ONE, foundedOn: '2018-03-15' },
        { name: TWO, foundedOn: '2019-01-10' },
        { name: THREE },
        { name: EMPTY, foundedOn: '2020-06-01' },
      ]),
    ));
  });

  describe('the monthly meeting', () => {
    it('records one regular meeting per club and month', async () => {
      const input = { clubId: club(ONE), heldOn: '2019-05-12', attendance: 38, note: '  Bình xét cho vay vốn quay vòng.  ' };
      expect(await run(MEETING, input)).toEqual({
        data: { recordClubMeeting: { id: expect.any(String), heldOn: '2019-05-12', attendance: 38, note: 'Bình xét cho vay vốn quay vòng.', club: { name: ONE } } },
      });
      // Another day of the same month is a second regular meeting: refused.
      await expectFailure(MEETING, { ...input, heldOn: '2019-05-28', note: null }, 'CONFLICT', 'heldOn');
      // The next month, and the same month of another year, and another club the same month: fine.
      for (const other of [{ heldOn: '2019-06-01' }, { heldOn: '2020-05-12' }, { clubId: club(TWO), heldOn: '2019-05-28' }]) {
        expect((await run(MEETING, { ...input, note: null, ...other })).errors).toBeUndefined();
      }
    });

    it('names the field at fault', async () => {
      const base = { clubId: club(THREE), heldOn: '2021-02-05', attendance: 20 };
      await expectFailure(MEETING, { ...base, attendance: 0 }, 'BAD_USER_INPUT', 'attendance');
      await expectFailure(MEETING, { ...base, attendance: 10_001 }, 'BAD_USER_INPUT', 'attendance');
      await expectFailure(MEETING, { ...base, note: '   ' }, 'BAD_USER_INPUT', 'note');
      await expectFailure(MEETING, { ...base, clubId: 'not-a-club' }, 'BAD_USER_INPUT', 'clubId');
      await expectFailure(MEETING, { ...base, heldOn: tomorrow() }, 'BAD_USER_INPUT', 'heldOn');
      await expectFailure(MEETING, { ...base, heldOn: '1995-05-09' }, 'BAD_USER_INPUT', 'heldOn');
      await expectFailure(MEETING, { ...base, clubId: randomUUID() }, 'NOT_FOUND', 'clubId');
      // Before the club was founded (15 March 2018).
      await expectFailure(MEETING, { ...base, clubId: club(ONE), heldOn: '2018-03-14' }, 'RULE_VIOLATION', 'heldOn');
      // Nothing was written by the refused calls.
      const life = await graphql(url(), LIFE, { id: club(THREE) });
      expect(life).toEqual({ data: { club: { meetings: { totalCount: 0, edges: [] }, activities: { totalCount: 0, edges: [] }, healthChecks: { totalCount: 0, edges: [] }, specialisedGroups: [] } } });
    });
  });

  describe('activities', () => {
    it('records activities of every kind', async () => {
      const kinds = ['ARTS_AND_SPORTS', 'HEALTH_CHECK', 'HEALTH_INSURANCE_HELP', 'SELF_HELP', 'RIGHTS_PROTECTION', 'LEARNING'];
      for (const [index, kind] of kinds.entries()) {
        const input = { clubId: club(TWO), kind, heldOn: `2019-0${index + 1}-20`, participants: 10 + index, note: kind === 'HEALTH_CHECK' ? 'Đo huyết áp định kì' : null };
        expect(await run(ACTIVITY, input)).toEqual({
          data: { recordClubActivity: { id: expect.any(String), kind, heldOn: input.heldOn, participants: input.participants, note: input.note, club: { name: TWO } } },
        });
      }
      expect((await run(ACTIVITY, { clubId: club(TWO), kind: 'HEALTH_CHECK', heldOn: '2019-07-20', participants: 31 })).errors).toBeUndefined();
    });

    it('names the field at fault', async () => {
      const base = { clubId: club(THREE), kind: 'LEARNING', heldOn: '2021-02-05', participants: 12 };
      await expectFailure(ACTIVITY, { ...base, participants: 0 }, 'BAD_USER_INPUT', 'participants');
      await expectFailure(ACTIVITY, { ...base, note: '' }, 'BAD_USER_INPUT', 'note');
      await expectFailure(ACTIVITY, { ...base, heldOn: tomorrow() }, 'BAD_USER_INPUT', 'heldOn');
      await expectFailure(ACTIVITY, { ...base, clubId: randomUUID() }, 'NOT_FOUND', 'clubId');
      await expectFailure(ACTIVITY, { ...base, clubId: club(TWO), heldOn: '2019-01-09' }, 'RULE_VIOLATION', 'heldOn');
    });
  });

  describe('specialised groups', () => {
    it('adds five groups at most, each name once', async () => {
      const names = ['Tổ văn nghệ', 'Tổ chăm sóc sức khỏe', 'Tổ tự giúp nhau', 'Tổ quyền lợi', 'Tổ học tập'];
      for (const name of names) {
        expect(await run(GROUP, { clubId: club(ONE), name: `  ${name} ` })).toEqual({ data: { addClubSpecialisedGroup: { id: expect.any(String), name, club: { name: ONE } } } });
      }
      await expectFailure(GROUP, { clubId: club(ONE), name: 'Tổ thứ sáu' }, 'RULE_VIOLATION', 'clubId');
      expect((await run(GROUP, { clubId: club(TWO), name: 'Tổ văn nghệ' })).errors).toBeUndefined();
      await expectFailure(GROUP, { clubId: club(TWO), name: 'TỔ VĂN NGHỆ' }, 'CONFLICT', 'name');
      await expectFailure(GROUP, { clubId: club(TWO), name: ' ' }, 'BAD_USER_INPUT', 'name');
      await expectFailure(GROUP, { clubId: randomUUID(), name: 'Tổ văn nghệ' }, 'NOT_FOUND', 'clubId');
    });
  });

  it('lists a club\'s life newest first, in Vietnamese order, and by kind', async () => {
    const result = await graphql(url(), LIFE, { id: club(TWO) });
    expect(result).toEqual({
      data: {
        club: {
          meetings: { totalCount: 1, edges: [{ node: { heldOn: '2019-05-28', attendance: 38, note: null } }] },
          activities: {
            totalCount: 7,
            edges: [
              { node: { kind: 'HEALTH_CHECK', heldOn: '2019-07-20', participants: 31, note: null } },
              { node: { kind: 'LEARNING', heldOn: '2019-06-20', participants: 15, note: null } },
              { node: { kind: 'RIGHTS_PROTECTION', heldOn: '2019-05-20', participants: 14, note: null } },
              { node: { kind: 'SELF_HELP', heldOn: '2019-04-20', participants: 13, note: null } },
              { node: { kind: 'HEALTH_INSURANCE_HELP', heldOn: '2019-03-20', participants: 12, note: null } },
              { node: { kind: 'HEALTH_CHECK', heldOn: '2019-02-20', participants: 11, note: 'Đo huyết áp định kì' } },
              { node: { kind: 'ARTS_AND_SPORTS', heldOn: '2019-01-20', participants: 10, note: null } },
            ],
          },
          healthChecks: { totalCount: 2, edges: [{ node: { heldOn: '2019-07-20' } }, { node: { heldOn: '2019-02-20' } }] },
          specialisedGroups: [{ name: 'Tổ văn nghệ' }],
        },
      },
    });
    const one = await graphql(url(), `query ($id: ID!) { club(id: $id) { meetings(first: 2) { totalCount edges { node { heldOn } } pageInfo { hasNextPage } } specialisedGroups { name } } }`, { id: club(ONE) });
    expect(one).toEqual({
      data: {
        club: {
          meetings: { totalCount: 3, edges: [{ node: { heldOn: '2020-05-12' } }, { node: { heldOn: '2019-06-01' } }], pageInfo: { hasNextPage: true } },
          specialisedGroups: ['Tổ chăm sóc sức khỏe', 'Tổ học tập', 'Tổ quyền lợi', 'Tổ tự giúp nhau', 'Tổ văn nghệ'].map((name) => ({ name })),
        },
      },
    });
  });

  it('loads the meetings, activities and groups of many clubs in one statement each, as for one', async () => {
    const statements = async (first: number) => {
      const requestId = `club-life-${first}-${randomUUID()}`;
      const result = await graphql<{ elderlyAssociation: { clubs: { edges: unknown[] } } }>(
        url(),
        `query ($id: ID!, $first: Int!) { elderlyAssociation(id: $id) { clubs(first: $first) { edges { node {
          meetings(first: 5) { totalCount edges { node { heldOn } } }
          activities(first: 5) { totalCount edges { node { kind } } }
          specialisedGroups { name }
        } } } } }`,
        { id: associationId, first },
        requestId,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.elderlyAssociation.clubs.edges).toHaveLength(first);
      return (await statementsFor(requestId)).elderly;
    };
    // the association, its clubs, then meetings, activities and groups: one statement each, and
    // one each for the meetings' and the activities' totals
    expect(await statements(1)).toBe(7);
    expect(await statements(4)).toBe(7);
  });
});
