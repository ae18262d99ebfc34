import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../../test/database.ts';
import { graphql, statementsFor, subgraphUrl } from '../../../../test/graphql.ts';
import { seedAssociationWithClubs } from './club.seed.ts';

const url = () => subgraphUrl('elderly');
let associationId: string;
let clubIds: Map<string, string>;

describe('clubs (elderly subgraph, direct)', () => {
  beforeAll(async () => {
    ({ associationId, clubIds } = await withDatabase((client) =>
      seedAssociationWithClubs(client, { name: 'Hội Người cao tuổi huyện Thử Nghiệm', level: 'DISTRICT', unitId: 'BEFORE_2025:106' }, [
        { name: 'CLB Liên thế hệ tự giúp nhau bản Hon', foundedOn: '2018-05-12', unitId: 'BEFORE_2025:03415' },
        { name: 'CLB Liên thế hệ tự giúp nhau bản Gia Khâu', foundedOn: '2019-03-01' },
        { name: 'CLB Liên thế hệ tự giúp nhau xã Bình Lư' },
      ]),
    ));
  });

  it('lists an association\'s clubs with ISO founding dates', async () => {
    const result = await graphql(
      url(),
      `query ($id: ID!) { elderlyAssociation(id: $id) { name level clubs { totalCount edges { node { name foundedOn association { name } } } } } }`,
      { id: associationId },
    );
    expect(result).toEqual({
      data: {
        elderlyAssociation: {
          name: 'Hội Người cao tuổi huyện Thử Nghiệm',
          level: 'DISTRICT',
          clubs: {
            totalCount: 3,
            edges: [
              { node: { name: 'CLB Liên thế hệ tự giúp nhau bản Gia Khâu', foundedOn: '2019-03-01', association: { name: 'Hội Người cao tuổi huyện Thử Nghiệm' } } },
              { node: { name: 'CLB Liên thế hệ tự giúp nhau bản Hon', foundedOn: '2018-05-12', association: { name: 'Hội Người cao tuổi huyện Thử Nghiệm' } } },
              { node: { name: 'CLB Liên thế hệ tự giúp nhau xã Bình Lư', foundedOn: null, association: { name: 'Hội Người cao tuổi huyện Thử Nghiệm' } } },
            ],
          },
        },
      },
    });
  });

  it('resolves a club by reference the way the gateway asks for it', async () => {
    const id = clubIds.get('CLB Liên thế hệ tự giúp nhau bản Hon')!;
    const result = await graphql(
      url(),
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Club { id name foundedOn unit { id } } } }`,
      { representations: [{ __typename: 'Club', id }] },
      undefined,
      { asGatewayTo: 'elderly' },
    );
    expect(result).toEqual({ data: { _entities: [{ id, name: 'CLB Liên thế hệ tự giúp nhau bản Hon', foundedOn: '2018-05-12', unit: { id: 'BEFORE_2025:03415' } }] } });
  });

  it('loads the clubs of many associations in one statement, and their totals in one more', async () => {
    const requestId = `clubs-${randomUUID()}`;
    const result = await graphql(url(), `{ elderlyAssociations(first: 50) { edges { node { clubs(first: 5) { totalCount edges { node { name } } } } } } }`, {}, requestId);
    expect(result.errors).toBeUndefined();
    // the associations, their clubs' pages, the clubs' totals (counted only because totalCount is asked)
    expect((await statementsFor(requestId)).elderly).toBe(3);
  });
});
