import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { stableId } from '@hoi/common/ids';
import { seedClusters } from '../subgraphs/emulation/src/cluster/emulation-cluster.seed.ts';
import { withDatabase } from './database.ts';
import { gatewayUrl, graphql, statementsFor } from './graphql.ts';

const CLUSTERS_WITH_MEMBERS = `query ($year: Int!, $first: Int!) {
  emulationClusters(year: $year, first: $first) {
    edges { node {
      name
      members(first: 10) {
        totalCount
        edges { node { organisation {
          __typename
          ... on Chapter { name parent { name } unit { name successors { name } } }
          ... on ElderlyAssociation { name unit { name } }
          ... on ExternalOrganisation { name }
        } } }
      }
    } }
  }
}`;

const MEMBERS = [
  { chapterId: stableId('red-cross:bac-giang') },
  { chapterId: stableId('red-cross:yen-bai') },
  { elderlyAssociationId: stableId('elderly:lai-chau') },
  { externalName: 'Hội Người mù tỉnh thử nghiệm' },
];

async function statementsForClusters(year: number, count: number) {
  const requestId = `statements-${year}-${randomUUID()}`;
  const result = await graphql<{ emulationClusters: { edges: { node: { members: { totalCount: number } } }[] } }>(
    gatewayUrl(),
    CLUSTERS_WITH_MEMBERS,
    { year, first: count },
    requestId,
  );
  expect(result.errors).toBeUndefined();
  expect(result.data!.emulationClusters.edges).toHaveLength(count);
  expect(result.data!.emulationClusters.edges.every((edge) => edge.node.members.totalCount === MEMBERS.length)).toBe(true);
  return statementsFor(requestId);
}

describe('SQL statements per request do not grow with the list', () => {
  beforeAll(async () => {
    await withDatabase(async (client) => {
      await seedClusters(client, { year: 2091, count: 2, namePrefix: 'Cụm thử 2', members: MEMBERS });
      await seedClusters(client, { year: 2092, count: 50, namePrefix: 'Cụm thử 50', members: MEMBERS });
    });
  });

  it('costs the same for 2 clusters with their members as for 50, across all subgraphs', async () => {
    const forTwo = await statementsForClusters(2091, 2);
    const forFifty = await statementsForClusters(2092, 50);
    expect(forFifty).toEqual(forTwo);
    expect(forFifty).toEqual({
      emulation: 4, // clusters, their members, the members' totals, the external organisations among them
      'red-cross': 2, // the member chapters, their parents
      elderly: 1, // the member associations
      places: 2, // the units of chapters and associations (one batch), the successors
    });
  });
});
