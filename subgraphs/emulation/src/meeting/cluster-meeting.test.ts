import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../../test/database.ts';
import { graphql, statementsFor, subgraphUrl, type GraphQLResponse } from '../../../../test/graphql.ts';
import { seedClusters } from '../cluster/emulation-cluster.seed.ts';
import { membersOf, seedMeeting } from '../role/cluster-year.seed.ts';

const url = () => subgraphUrl('emulation');
const CHAPTER = '00000000-0000-4000-8000-0000000000b1';
const ASSOCIATION = '00000000-0000-4000-8000-0000000000b2';

const RECORD = `mutation ($input: RecordClusterMeetingInput!) {
  recordClusterMeeting(input: $input) {
    id kind theme venue heldOn place { id }
    attendees { position organisation { __typename ... on Chapter { id } ... on ElderlyAssociation { id } ... on ExternalOrganisation { name } } }
    guests { name role }
    decisions
    cluster { name year }
  }
}`;

const failure = (result: GraphQLResponse<unknown>) => ({ data: result.data, ...result.errors?.[0].extensions, requestId: undefined });
const refused = (code: string, field: string) => ({ data: null, code, field, requestId: undefined });

/** Clusters of the tests: [recording, refusing, another], each with a chapter, an association and an external member. */
let clusters: string[];
let members: Map<string, string[]>;

describe('meetings of a cluster year (emulation subgraph)', () => {
  beforeAll(async () => {
    ({ clusters, members } = await withDatabase(async (client) => {
      const seeded = await seedClusters(client, {
        year: 2076,
        count: 3,
        namePrefix: 'Cụm hội nghị',
        members: [{ chapterId: CHAPTER }, { elderlyAssociationId: ASSOCIATION }, { externalName: 'Hội Người mù hội nghị' }],
      });
      return { clusters: seeded, members: await membersOf(client, seeded) };
    }));
  });

  it('records a review conference and a seminar with attendees, guests and decisions', async () => {
    const [clusterId] = clusters;
    const [chapter, association, external] = members.get(clusterId)!;
    const review = await graphql(url(), RECORD, {
      input: {
        clusterId,
        kind: 'REVIEW_CONFERENCE',
        unitId: 'BEFORE_2025:593',
        venue: ' Hội trường  Tỉnh ủy ',
        heldOn: '2077-01-10', // early in the next year: the review of 2076
        attendeeMemberIds: [external, chapter], // listed in the cluster's order whatever the input's
        guests: [{ name: 'bà Huỳnh Thị Xuân Lam'.normalize('NFD'), role: 'Phó Chủ tịch Hội CTĐ Việt Nam' }, { name: 'ông Khách Mời' }],
        decisions: ['Suy tôn các danh hiệu thi đua năm 2076', ' Giao nhiệm vụ đăng cai năm 2077 '],
      },
    });
    expect(review).toEqual({
      data: {
        recordClusterMeeting: {
          id: expect.any(String),
          kind: 'REVIEW_CONFERENCE',
          theme: null,
          venue: 'Hội trường Tỉnh ủy',
          heldOn: '2077-01-10',
          place: { id: 'BEFORE_2025:593' },
          attendees: [
            { position: 1, organisation: { __typename: 'Chapter', id: CHAPTER } },
            { position: 3, organisation: { __typename: 'ExternalOrganisation', name: 'Hội Người mù hội nghị' } },
          ],
          guests: [
            { name: 'bà Huỳnh Thị Xuân Lam'.normalize('NFC'), role: 'Phó Chủ tịch Hội CTĐ Việt Nam' },
            { name: 'ông Khách Mời', role: null },
          ],
          decisions: ['Suy tôn các danh hiệu thi đua năm 2076', 'Giao nhiệm vụ đăng cai năm 2077'],
          cluster: { name: 'Cụm hội nghị 001', year: 2076 },
        },
      },
    });
    const seminar = await graphql(url(), RECORD, {
      input: { clusterId, kind: 'SEMINAR', theme: 'Vì người nghèo – không để ai bị bỏ lại phía sau', heldOn: '2076-09-26', attendeeMemberIds: [association] },
    });
    expect(seminar).toEqual({
      data: {
        recordClusterMeeting: {
          id: expect.any(String),
          kind: 'SEMINAR',
          theme: 'Vì người nghèo – không để ai bị bỏ lại phía sau',
          venue: null,
          heldOn: '2076-09-26',
          place: null,
          attendees: [{ position: 2, organisation: { __typename: 'ElderlyAssociation', id: ASSOCIATION } }],
          guests: [],
          decisions: [],
          cluster: { name: 'Cụm hội nghị 001', year: 2076 },
        },
      },
    });
    // Any number of other meetings, with or without a date.
    expect(await graphql(url(), RECORD, { input: { clusterId, kind: 'OTHER' } })).toMatchObject({ data: { recordClusterMeeting: { kind: 'OTHER', heldOn: null, attendees: [] } } });

    const read = await graphql(
      url(),
      `query ($id: ID!) { emulationCluster(id: $id) { meetings { kind heldOn place { id } attendees { position } guests { name } decisions } } }`,
      { id: clusterId },
    );
    expect(read).toEqual({
      data: {
        emulationCluster: {
          meetings: [
            { kind: 'SEMINAR', heldOn: '2076-09-26', place: null, attendees: [{ position: 2 }], guests: [], decisions: [] },
            {
              kind: 'REVIEW_CONFERENCE',
              heldOn: '2077-01-10',
              place: { id: 'BEFORE_2025:593' },
              attendees: [{ position: 1 }, { position: 3 }],
              guests: [{ name: 'bà Huỳnh Thị Xuân Lam' }, { name: 'ông Khách Mời' }],
              decisions: ['Suy tôn các danh hiệu thi đua năm 2076', 'Giao nhiệm vụ đăng cai năm 2077'],
            },
            { kind: 'OTHER', heldOn: null, place: null, attendees: [], guests: [], decisions: [] },
          ],
        },
      },
    });
  });

  it('refuses a meeting with the code and the field at fault, and writes nothing', async () => {
    const [, clusterId, otherId] = clusters;
    const [chapter, association] = members.get(clusterId)!;
    expect(await graphql(url(), RECORD, { input: { clusterId, kind: 'REVIEW_CONFERENCE', heldOn: '2076-12-20' } })).toMatchObject({
      data: { recordClusterMeeting: { kind: 'REVIEW_CONFERENCE' } },
    });
    const record = async (input: Record<string, unknown>) =>
      failure(await graphql(url(), RECORD, { input: { clusterId, kind: 'SEMINAR', attendeeMemberIds: [chapter, association], ...input } }));
    expect(await record({ kind: 'REVIEW_CONFERENCE' })).toEqual(refused('CONFLICT', 'kind')); // one review conference a year
    expect(await record({ heldOn: '2075-12-31' })).toEqual(refused('RULE_VIOLATION', 'heldOn')); // before the cluster's year
    expect(await record({ heldOn: '2078-01-01' })).toEqual(refused('RULE_VIOLATION', 'heldOn')); // after the next year
    expect(await record({ attendeeMemberIds: [chapter, members.get(otherId)![0]] })).toEqual(refused('RULE_VIOLATION', 'attendeeMemberIds.1'));
    expect(await record({ attendeeMemberIds: [randomUUID()] })).toEqual(refused('NOT_FOUND', 'attendeeMemberIds.0'));
    expect(await record({ attendeeMemberIds: [chapter, association, chapter] })).toEqual(refused('BAD_USER_INPUT', 'attendeeMemberIds.2'));
    expect(await record({ attendeeMemberIds: ['member-1'] })).toEqual(refused('BAD_USER_INPUT', 'attendeeMemberIds'));
    expect(await record({ clusterId: randomUUID() })).toEqual(refused('NOT_FOUND', 'clusterId'));
    expect(await record({ clusterId: 'cluster-1' })).toEqual(refused('BAD_USER_INPUT', 'clusterId'));
    expect(await record({ unitId: 'Phan Thiết' })).toEqual(refused('BAD_USER_INPUT', 'unitId'));
    expect(await record({ theme: ' ' })).toEqual(refused('BAD_USER_INPUT', 'theme'));
    expect(await record({ venue: '' })).toEqual(refused('BAD_USER_INPUT', 'venue'));
    expect(await record({ guests: [{ name: 'bà Khách', role: 'Phó Chủ tịch' }, { name: '  ' }] })).toEqual(refused('BAD_USER_INPUT', 'guests.1.name'));
    expect(await record({ guests: [{ name: 'bà Khách', role: '' }] })).toEqual(refused('BAD_USER_INPUT', 'guests.0.role'));
    expect(await record({ decisions: ['Suy tôn', ' '] })).toEqual(refused('BAD_USER_INPUT', 'decisions'));

    const read = await graphql(url(), `query ($id: ID!) { emulationCluster(id: $id) { meetings { kind heldOn attendees { position } } } }`, { id: clusterId });
    expect(read).toEqual({ data: { emulationCluster: { meetings: [{ kind: 'REVIEW_CONFERENCE', heldOn: '2076-12-20', attendees: [] }] } } });
  });

  it('has the database refuse what the API refuses, should a writer get past it', async () => {
    const [, , clusterId] = clusters;
    const [chapter] = members.get(clusterId)!;
    const refusal = (work: Parameters<typeof withDatabase>[0]) =>
      withDatabase(work).then(() => 'accepted', (error: { constraint?: string; code?: string }) => error.constraint ?? error.code);
    expect(await refusal((client) => seedMeeting(client, { clusterId, kind: 'REVIEW_CONFERENCE', attendees: [members.get(clusters[0])![0]] }))).toBe(
      'meeting_attendee_member_fkey',
    );
    expect(await refusal((client) => seedMeeting(client, { clusterId, kind: 'REVIEW_CONFERENCE', attendees: [chapter] }))).toBe('cluster_meeting_review_key');
    expect(await refusal((client) => seedMeeting(client, { clusterId, kind: 'SEMINAR', unitId: '593' }))).toBe('cluster_meeting_unit_id_check');
    const seminar = await withDatabase((client) => seedMeeting(client, { clusterId, kind: 'SEMINAR' }));
    const guest = `insert into emulation.meeting_guest (meeting_id, position, name) values ($1, $2, $3)`;
    expect(await refusal((client) => client.query(guest, [seminar, 1, 'Bà Khách'.normalize('NFD')]))).toBe('meeting_guest_name_check');
    expect(await refusal((client) => client.query(guest, [seminar, 0, 'Bà Khách']))).toBe('meeting_guest_position_check');
    expect(await refusal((client) => seedMeeting(client, { clusterId, kind: 'SEMINAR', decisions: [' '] }))).toBe('meeting_decision_text_check');
  });

  it('lists the meetings of many clusters for the statements of one', async () => {
    const seed = (year: number, count: number) =>
      withDatabase(async (client) => {
        const ids = await seedClusters(client, {
          year,
          count,
          namePrefix: 'Cụm đếm hội nghị',
          members: [{ chapterId: CHAPTER }, { externalName: 'Hội Cựu thanh niên xung phong đếm' }, { elderlyAssociationId: ASSOCIATION }],
        });
        for (const [clusterId, attendees] of await membersOf(client, ids)) {
          await seedMeeting(client, {
            clusterId,
            kind: 'REVIEW_CONFERENCE',
            unitId: 'BEFORE_2025:593',
            heldOn: `${year}-12-15`,
            attendees,
            guests: [{ name: 'bà Khách', role: 'Phó Chủ tịch' }, { name: 'ông Khách' }],
            decisions: ['Một', 'Hai'],
          });
          await seedMeeting(client, { clusterId, kind: 'SEMINAR', theme: 'Chủ đề', heldOn: `${year}-09-26`, attendees: attendees.slice(0, 2) });
        }
      });
    await seed(2077, 1);
    await seed(2078, 5);
    const query = `query ($year: Int!) { emulationClusters(year: $year) { edges { node {
      meetings {
        kind theme heldOn place { id } guests { name role } decisions cluster { year }
        attendees { position organisation { __typename ... on ExternalOrganisation { name } } }
      }
    } } } }`;
    const statementsOf = async (year: number, count: number) => {
      const requestId = `meetings-${randomUUID()}`;
      const result = await graphql<{ emulationClusters: { edges: { node: { meetings: { attendees: unknown[] }[] } }[] } }>(url(), query, { year }, requestId);
      expect(result.errors).toBeUndefined();
      expect(result.data!.emulationClusters.edges).toHaveLength(count);
      expect(result.data!.emulationClusters.edges.every(({ node }) => node.meetings.map((meeting) => meeting.attendees.length).join() === '2,3')).toBe(true);
      return (await statementsFor(requestId)).emulation;
    };
    const one = await statementsOf(2077, 1);
    const five = await statementsOf(2078, 5);
    expect(five).toBe(one);
    // the clusters, their meetings with attendees, guests and decisions, the external organisations
    // among the attendees, the meetings' clusters (read again by id: one statement for them all)
    expect(five).toBe(4);
  });
});
