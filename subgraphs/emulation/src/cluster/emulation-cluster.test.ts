import { beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../../test/database.ts';
import { graphql, subgraphUrl } from '../../../../test/graphql.ts';
import { seedClusters } from './emulation-cluster.seed.ts';

const url = () => subgraphUrl('emulation');
const CHAPTER = '00000000-0000-4000-8000-000000000001';

const MEMBERS = `query ($year: Int!, $after: String) {
  emulationClusters(year: $year) { edges { node { name members(first: 2, after: $after) {
    totalCount
    edges { node { position organisation { __typename ... on Chapter { id } ... on ExternalOrganisation { name } } } }
    pageInfo { hasNextPage endCursor }
  } } } }
}`;

describe('emulation clusters (emulation subgraph, direct)', () => {
  beforeAll(async () => {
    await withDatabase((client) =>
      seedClusters(client, {
        year: 2093,
        count: 1,
        namePrefix: 'Khối thử',
        members: [{ chapterId: CHAPTER }, { externalName: 'Hội Cựu chiến binh thử' }, { externalName: 'Hội Người mù thử' }],
      }),
    );
  });

  it('answers member references as entity stubs for the gateway to resolve, and pages them', async () => {
    type Page = { emulationClusters: { edges: { node: { members: { pageInfo: { endCursor: string } } } }[] } };
    const first = await graphql<Page>(url(), MEMBERS, { year: 2093 });
    expect(first).toEqual({
      data: {
        emulationClusters: {
          edges: [
            {
              node: {
                name: 'Khối thử 001',
                members: {
                  totalCount: 3,
                  edges: [
                    { node: { position: 1, organisation: { __typename: 'Chapter', id: CHAPTER } } },
                    { node: { position: 2, organisation: { __typename: 'ExternalOrganisation', name: 'Hội Cựu chiến binh thử' } } },
                  ],
                  pageInfo: { hasNextPage: true, endCursor: expect.any(String) },
                },
              },
            },
          ],
        },
      },
    });
    const after = first.data!.emulationClusters.edges[0].node.members.pageInfo.endCursor;
    const second = await graphql(url(), MEMBERS, { year: 2093, after });
    expect(second).toEqual({
      data: {
        emulationClusters: {
          edges: [
            {
              node: {
                name: 'Khối thử 001',
                members: {
                  totalCount: 3,
                  edges: [{ node: { position: 3, organisation: { __typename: 'ExternalOrganisation', name: 'Hội Người mù thử' } } }],
                  pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
                },
              },
            },
          ],
        },
      },
    });
  });

  it('refuses a cursor from another list', async () => {
    const foreign = Buffer.from(JSON.stringify(['x'])).toString('base64url');
    const result = await graphql(url(), MEMBERS, { year: 2093, after: foreign });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'INVALID_CURSOR', field: 'after' });
  });
});
