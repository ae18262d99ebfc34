import { describe, expect, it } from 'vitest';
import { stableId } from '@hoi/common/ids';
import { gatewayUrl, graphql, subgraphUrl } from './graphql.ts';

const BLOC_8 = stableId('emulation:binh-thuan-bloc-8-2024');

describe('one gateway query across every subgraph', () => {
  it('lists a cluster with its members\' names and units, old and current', async () => {
    const result = await graphql(
      gatewayUrl(),
      `query ($id: ID!) {
        emulationCluster(id: $id) {
          name
          year
          kind
          unit { name successors { name } }
          members(first: 3) {
            totalCount
            edges {
              node {
                position
                organisation {
                  __typename
                  ... on Chapter { name chapterLevel: level unit { name edition successors { name edition } } }
                  ... on ElderlyAssociation { name associationLevel: level unit { shortName } }
                  ... on ExternalOrganisation { name unit { code } }
                }
              }
            }
            pageInfo { hasNextPage }
          }
        }
      }`,
      { id: BLOC_8 },
    );
    expect(result).toEqual({
      data: {
        emulationCluster: {
          name: 'Khối thi đua 8 tỉnh Bình Thuận',
          year: 2024,
          kind: 'ASSOCIATIONS_OF_ONE_PROVINCE',
          unit: { name: 'Tỉnh Bình Thuận', successors: [{ name: 'Tỉnh Lâm Đồng' }] },
          members: {
            totalCount: 6,
            edges: [
              { node: { position: 1, organisation: { __typename: 'ElderlyAssociation', name: 'Hội Người cao tuổi tỉnh Bình Thuận', associationLevel: 'PROVINCE', unit: { shortName: 'Bình Thuận' } } } },
              {
                node: {
                  position: 2,
                  organisation: {
                    __typename: 'Chapter',
                    name: 'Hội Chữ thập đỏ tỉnh Bình Thuận',
                    chapterLevel: 'PROVINCE',
                    unit: { name: 'Tỉnh Bình Thuận', edition: 'BEFORE_2025', successors: [{ name: 'Tỉnh Lâm Đồng', edition: 'CURRENT' }] },
                  },
                },
              },
              { node: { position: 3, organisation: { __typename: 'ExternalOrganisation', name: 'Hội Nạn nhân chất độc da cam/dioxin tỉnh Bình Thuận', unit: { code: '60' } } } },
            ],
            pageInfo: { hasNextPage: true },
          },
        },
      },
    });
  });

  it('returns the same chapter through the gateway and directly from its subgraph', async () => {
    const id = stableId('red-cross:bac-giang');
    const query = `query ($id: ID!) { chapter(id: $id) { id name level parent { name } unit { id } } }`;
    const viaGateway = await graphql(gatewayUrl(), query, { id });
    const direct = await graphql(subgraphUrl('red-cross'), query, { id });
    const expected = {
      data: { chapter: { id, name: 'Hội Chữ thập đỏ tỉnh Bắc Giang', level: 'PROVINCE', parent: { name: 'Trung ương Hội Chữ thập đỏ Việt Nam' }, unit: { id: 'BEFORE_2025:24' } } },
    };
    expect(viaGateway).toEqual(expected);
    expect(direct).toEqual(expected);
  });

  it('resolves entity references on each subgraph as the gateway asks for them', async () => {
    const result = await graphql(
      subgraphUrl('elderly'),
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on ElderlyAssociation { id name } } }`,
      { representations: [{ __typename: 'ElderlyAssociation', id: stableId('elderly:lai-chau') }, { __typename: 'ElderlyAssociation', id: stableId('elderly:nowhere') }] },
      undefined,
      { asGatewayTo: 'elderly' },
    );
    expect(result).toEqual({ data: { _entities: [{ id: stableId('elderly:lai-chau'), name: 'Hội Người cao tuổi tỉnh Lai Châu' }, null] } });
  });

  it('answers _entities and _service only to the gateway, whose key is the subgraph\'s own', async () => {
    const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on ElderlyAssociation { name } } }`;
    const variables = { representations: [{ __typename: 'ElderlyAssociation', id: stableId('elderly:lai-chau') }] };
    const unsigned = await graphql(subgraphUrl('elderly'), query, variables);
    expect(unsigned.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: '_entities' });
    const otherKey = await graphql(subgraphUrl('elderly'), query, variables, undefined, { asGatewayTo: 'red-cross' });
    expect(otherKey.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: '_entities' });
    const service = await graphql(subgraphUrl('emulation'), `{ _service { sdl } }`);
    expect(service.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: '_service' });
  });

  it('finds a place through the gateway with or without diacritics', async () => {
    const query = `query ($search: String!) { administrativeUnits(search: $search, level: PROVINCE, edition: CURRENT) { edges { node { id name predecessors { name } } } } }`;
    const plain = await graphql(gatewayUrl(), query, { search: 'lao cai' });
    const marked = await graphql(gatewayUrl(), query, { search: 'Lào Cai' });
    const expected = {
      data: { administrativeUnits: { edges: [{ node: { id: 'CURRENT:15', name: 'Tỉnh Lào Cai', predecessors: [{ name: 'Tỉnh Lào Cai' }, { name: 'Tỉnh Yên Bái' }] } }] } },
    };
    expect(plain).toEqual(expected);
    expect(marked).toEqual(expected);
  });

  it('masks unexpected failures and keeps expected ones, with a request id either way', async () => {
    const result = await graphql(gatewayUrl(), `{ emulationClusters(first: -1) { totalCount } }`, {}, 'e2e-error-1');
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(result.errors?.[0].message).toBe('first must be between 0 and 100');
  });
});
