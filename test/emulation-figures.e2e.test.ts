import { describe, expect, it } from 'vitest';
import { FIGURE_REQUESTS } from './figure-requests.ts';
import { gatewayUrl, graphql } from './graphql.ts';

const { redCrossClusterProvinces, bloc8Members } = FIGURE_REQUESTS;

describe('the articles\' emulation clusters, through the gateway', () => {
  it('the 7 provinces of the Red Cross cluster answer as the current provinces they merged into', async () => {
    const result = await graphql<{ emulationCluster: { name: string; reportedMemberCount: number; members: { totalCount: number; edges: { node: { organisation: { name: string; unit: { shortName: string; successors: { shortName: string }[] } } } }[] } } }>(
      gatewayUrl(),
      redCrossClusterProvinces.query,
      redCrossClusterProvinces.variables,
    );
    const cluster = result.data!.emulationCluster;
    expect([cluster.reportedMemberCount, cluster.members.totalCount]).toEqual([7, 7]);
    expect(
      Object.fromEntries(cluster.members.edges.map(({ node }) => [node.organisation.unit.shortName, node.organisation.unit.successors.map((unit) => unit.shortName)])),
    ).toEqual({
      'Bắc Giang': ['Bắc Ninh'],
      'Thái Nguyên': ['Thái Nguyên'],
      'Hoà Bình': ['Phú Thọ'],
      'Tuyên Quang': ['Tuyên Quang'],
      'Bắc Kạn': ['Thái Nguyên'],
      'Yên Bái': ['Lào Cai'],
      'Phú Thọ': ['Phú Thọ'],
    });
  });

  it('Khối thi đua 8 reports 12 member associations; the article names six, the Elderly Association first', async () => {
    const result = await graphql(gatewayUrl(), bloc8Members.query, bloc8Members.variables);
    expect(result).toEqual({
      data: {
        emulationCluster: {
          name: 'Khối thi đua 8 tỉnh Bình Thuận',
          year: 2024,
          kind: 'ASSOCIATIONS_OF_ONE_PROVINCE',
          reportedMemberCount: 12,
          members: {
            totalCount: 6,
            edges: [
              { node: { position: 1, organisation: { __typename: 'ElderlyAssociation', name: 'Hội Người cao tuổi tỉnh Bình Thuận' } } },
              { node: { position: 2, organisation: { __typename: 'Chapter', name: 'Hội Chữ thập đỏ tỉnh Bình Thuận' } } },
              { node: { position: 3, organisation: { __typename: 'ExternalOrganisation', name: 'Hội Nạn nhân chất độc da cam/dioxin tỉnh Bình Thuận' } } },
              { node: { position: 4, organisation: { __typename: 'ExternalOrganisation', name: 'Hội Người mù tỉnh Bình Thuận' } } },
              { node: { position: 5, organisation: { __typename: 'ExternalOrganisation', name: 'Hội Cựu thanh niên xung phong tỉnh Bình Thuận' } } },
              { node: { position: 6, organisation: { __typename: 'ExternalOrganisation', name: 'Hội Bảo trợ bệnh nhân nghèo tỉnh Bình Thuận' } } },
            ],
          },
        },
      },
    });
  });
});
