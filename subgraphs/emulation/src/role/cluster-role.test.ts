import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../../test/database.ts';
import { graphql, statementsFor, subgraphUrl, type GraphQLResponse } from '../../../../test/graphql.ts';
import { seedClusters } from '../cluster/emulation-cluster.seed.ts';
import { membersOf, seedRole } from './cluster-year.seed.ts';

const url = () => subgraphUrl('emulation');
const CHAPTER = '00000000-0000-4000-8000-0000000000a1';
const ASSOCIATION = '00000000-0000-4000-8000-0000000000a2';

const ASSIGN = `mutation ($input: AssignClusterRoleInput!) {
  assignClusterRole(input: $input) {
    id role selection heldBy
    member { id position organisation { __typename ... on Chapter { id } ... on ElderlyAssociation { id } ... on ExternalOrganisation { name } } }
  }
}`;

const failure = (result: GraphQLResponse<unknown>) => ({ data: result.data, ...result.errors?.[0].extensions, requestId: undefined });
const refused = (code: string, field: string) => ({ data: null, code, field, requestId: undefined });

/** Clusters of the tests: [assigning, refusing, another], each with a chapter, an association and an external member. */
let clusters: string[];
let members: Map<string, string[]>;

describe('roles of a cluster year (emulation subgraph)', () => {
  beforeAll(async () => {
    ({ clusters, members } = await withDatabase(async (client) => {
      const seeded = await seedClusters(client, {
        year: 2070,
        count: 3,
        namePrefix: 'Cụm vai trò',
        members: [{ chapterId: CHAPTER }, { elderlyAssociationId: ASSOCIATION }, { externalName: 'Hội Cựu chiến binh vai trò' }],
      });
      return { clusters: seeded, members: await membersOf(client, seeded) };
    }));
  });

  it('assigns the head, the deputy and the hosts, and lists them on the cluster', async () => {
    const [clusterId] = clusters;
    const [chapter, association, external] = members.get(clusterId)!;
    const head = await graphql(url(), ASSIGN, {
      input: { clusterId, role: 'HEAD', memberId: association, selection: 'ELECTION', heldBy: ' bà  Nguyễn Thị Phúc - Chủ tịch Hội người cao tuổi '.normalize('NFD') },
    });
    expect(head).toEqual({
      data: {
        assignClusterRole: {
          id: expect.any(String),
          role: 'HEAD',
          selection: 'ELECTION',
          heldBy: 'bà Nguyễn Thị Phúc - Chủ tịch Hội người cao tuổi'.normalize('NFC'),
          member: { id: association, position: 2, organisation: { __typename: 'ElderlyAssociation', id: ASSOCIATION } },
        },
      },
    });
    const deputy = await graphql(url(), ASSIGN, { input: { clusterId, role: 'DEPUTY', memberId: external, selection: 'ROTATION' } });
    expect(deputy).toEqual({
      data: {
        assignClusterRole: {
          id: expect.any(String),
          role: 'DEPUTY',
          selection: 'ROTATION',
          heldBy: null,
          member: { id: external, position: 3, organisation: { __typename: 'ExternalOrganisation', name: 'Hội Cựu chiến binh vai trò' } },
        },
      },
    });
    // A host may be the head or the deputy too.
    expect(await graphql(url(), ASSIGN, { input: { clusterId, role: 'NEXT_YEAR_HOST', memberId: association } })).toMatchObject({
      data: { assignClusterRole: { role: 'NEXT_YEAR_HOST', selection: null, member: { position: 2 } } },
    });
    expect(await graphql(url(), ASSIGN, { input: { clusterId, role: 'REVIEW_HOST', memberId: chapter } })).toMatchObject({
      data: { assignClusterRole: { role: 'REVIEW_HOST', member: { position: 1 } } },
    });

    const read = await graphql(
      url(),
      `query ($id: ID!) { emulationCluster(id: $id) {
        roles { role member { position } }
        head { role heldBy member { position } }
        deputy { role selection member { position } }
        reviewHost { member { organisation { __typename ... on Chapter { id } } } }
        nextYearHost { member { position } }
      } }`,
      { id: clusterId },
    );
    expect(read).toEqual({
      data: {
        emulationCluster: {
          roles: [
            { role: 'HEAD', member: { position: 2 } },
            { role: 'DEPUTY', member: { position: 3 } },
            { role: 'REVIEW_HOST', member: { position: 1 } },
            { role: 'NEXT_YEAR_HOST', member: { position: 2 } },
          ],
          head: { role: 'HEAD', heldBy: 'bà Nguyễn Thị Phúc - Chủ tịch Hội người cao tuổi', member: { position: 2 } },
          deputy: { role: 'DEPUTY', selection: 'ROTATION', member: { position: 3 } },
          reviewHost: { member: { organisation: { __typename: 'Chapter', id: CHAPTER } } },
          nextYearHost: { member: { position: 2 } },
        },
      },
    });
  });

  it('refuses a role with the code and the field at fault, and writes nothing', async () => {
    const [, clusterId, otherId] = clusters;
    const [chapter, association, external] = members.get(clusterId)!;
    expect(await graphql(url(), ASSIGN, { input: { clusterId, role: 'HEAD', memberId: chapter } })).toMatchObject({ data: { assignClusterRole: { role: 'HEAD' } } });
    const assign = async (input: Record<string, unknown>) => failure(await graphql(url(), ASSIGN, { input: { clusterId, role: 'DEPUTY', memberId: association, ...input } }));
    expect(await assign({ role: 'HEAD' })).toEqual(refused('CONFLICT', 'role')); // one head per cluster
    expect(await assign({ memberId: chapter })).toEqual(refused('CONFLICT', 'memberId')); // the head is not the deputy
    expect(await assign({ memberId: members.get(otherId)![1] })).toEqual(refused('RULE_VIOLATION', 'memberId')); // another cluster's member
    expect(await assign({ memberId: randomUUID() })).toEqual(refused('NOT_FOUND', 'memberId'));
    expect(await assign({ clusterId: randomUUID() })).toEqual(refused('NOT_FOUND', 'clusterId'));
    expect(await assign({ clusterId: 'cluster-1' })).toEqual(refused('BAD_USER_INPUT', 'clusterId'));
    expect(await assign({ memberId: 'member-1' })).toEqual(refused('BAD_USER_INPUT', 'memberId'));
    expect(await assign({ heldBy: '  ' })).toEqual(refused('BAD_USER_INPUT', 'heldBy'));
    expect(await assign({ heldBy: 'x'.repeat(301) })).toEqual(refused('BAD_USER_INPUT', 'heldBy'));

    expect(await graphql(url(), ASSIGN, { input: { clusterId, role: 'DEPUTY', memberId: external } })).toMatchObject({ data: { assignClusterRole: { role: 'DEPUTY' } } });
    expect(await assign({ memberId: association })).toEqual(refused('CONFLICT', 'role')); // one deputy per cluster
    const read = await graphql(url(), `query ($id: ID!) { emulationCluster(id: $id) { roles { role member { position } } } }`, { id: clusterId });
    expect(read).toEqual({ data: { emulationCluster: { roles: [{ role: 'HEAD', member: { position: 1 } }, { role: 'DEPUTY', member: { position: 3 } }] } } });
  });

  it('has the database refuse what the API refuses, should a writer get past it', async () => {
    const [, , clusterId] = clusters;
    const [chapter, association] = members.get(clusterId)!;
    const refusal = (query: string, params: unknown[]) =>
      withDatabase((client) => client.query(query, params).then(() => 'accepted', (error: { constraint?: string; code?: string }) => error.constraint ?? error.code));
    const role = `insert into emulation.cluster_role (id, cluster_id, role, member_id, held_by) values (gen_random_uuid(), $1, $2, $3, $4)`;
    expect(await refusal(role, [clusterId, 'HEAD', members.get(clusters[0])![0], null])).toBe('cluster_role_member_fkey');
    expect(await refusal(role, [clusterId, 'HEAD', chapter, 'Ông Thử'.normalize('NFD')])).toBe('cluster_role_held_by_check');
    expect(await refusal(role, [clusterId, 'CHAIR', chapter, null])).toBe('cluster_role_role_check');
    expect(await refusal(role, [clusterId, 'HEAD', chapter, null])).toBe('accepted');
    expect(await refusal(role, [clusterId, 'HEAD', association, null])).toBe('cluster_role_role_key');
    expect(await refusal(role, [clusterId, 'DEPUTY', chapter, null])).toBe('cluster_role_head_deputy_key');
    expect(await refusal(role, [clusterId, 'REVIEW_HOST', chapter, null])).toBe('accepted');
  });

  it('lists the roles of many clusters for the statements of one', async () => {
    const seed = (year: number, count: number) =>
      withDatabase(async (client) => {
        const ids = await seedClusters(client, {
          year,
          count,
          namePrefix: 'Cụm đếm vai trò',
          members: [{ chapterId: CHAPTER }, { externalName: 'Hội Người mù đếm' }, { elderlyAssociationId: ASSOCIATION }],
        });
        for (const [clusterId, [chapter, external, association]] of await membersOf(client, ids)) {
          await seedRole(client, clusterId, 'HEAD', chapter, 'ông Trưởng Cụm');
          await seedRole(client, clusterId, 'DEPUTY', external);
          await seedRole(client, clusterId, 'REVIEW_HOST', association);
          await seedRole(client, clusterId, 'NEXT_YEAR_HOST', external);
        }
      });
    await seed(2071, 1);
    await seed(2072, 5);
    const query = `query ($year: Int!) { emulationClusters(year: $year) { edges { node {
      roles { role heldBy member { position organisation { __typename ... on ExternalOrganisation { name } } } }
      head { heldBy } deputy { member { position } } reviewHost { role } nextYearHost { role }
    } } } }`;
    const statementsOf = async (year: number, count: number) => {
      const requestId = `roles-${randomUUID()}`;
      const result = await graphql<{ emulationClusters: { edges: { node: { roles: unknown[]; head: unknown } }[] } }>(url(), query, { year }, requestId);
      expect(result.errors).toBeUndefined();
      expect(result.data!.emulationClusters.edges).toHaveLength(count);
      expect(result.data!.emulationClusters.edges.every(({ node }) => node.roles.length === 4 && node.head !== null)).toBe(true);
      return (await statementsFor(requestId)).emulation;
    };
    const one = await statementsOf(2071, 1);
    const five = await statementsOf(2072, 5);
    expect(five).toBe(one);
    // the clusters, their roles with the members, the external organisations among them
    expect(five).toBe(3);
  });
});
