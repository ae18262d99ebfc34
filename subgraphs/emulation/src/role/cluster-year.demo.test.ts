import { describe, expect, it } from 'vitest';
import { stableId } from '@hoi/common/ids';
import { gatewayUrl, graphql } from '../../../../test/graphql.ts';

const RED_CROSS_2022 = stableId('emulation:red-cross-midland-northern-mountain-2022');
const BLOC_8_2024 = stableId('emulation:binh-thuan-bloc-8-2024');
const chapter = (position: number, name: string) => ({ position, organisation: { __typename: 'Chapter', name } });

describe('roles, regulations and meetings of the demo clusters (through the gateway)', () => {
  it('serves them as the articles tell them', async () => {
    const result = await graphql(
      gatewayUrl(),
      `query ($redCross: ID!, $bloc: ID!) {
        redCross: emulationCluster(id: $redCross) {
          name
          year
          head { role }
          reviewHost { role selection heldBy member { position organisation { __typename ... on Chapter { name } } } }
          nextYearHost { role selection heldBy member { position organisation { __typename ... on Chapter { name unit { name } } } } }
          regulations { title status votesFor votesAgainst votesAbstaining votesCast votedOn meeting { kind } }
          meetings {
            kind theme heldOn venue place { name }
            attendees { position organisation { __typename ... on Chapter { name } } }
            guests { name role }
            decisions
          }
        }
        bloc: emulationCluster(id: $bloc) {
          name
          roles { role selection heldBy member { position organisation { __typename ... on ElderlyAssociation { name } } } }
          deputy { role }
          regulations { title }
          meetings {
            kind theme heldOn venue place { id name }
            attendees { position organisation { __typename ... on ElderlyAssociation { name } ... on Chapter { name } ... on ExternalOrganisation { name } } }
            guests { name }
            decisions
          }
        }
      }`,
      { redCross: RED_CROSS_2022, bloc: BLOC_8_2024 },
    );
    expect(result).toEqual({
      data: {
        redCross: {
          name: 'Cụm thi đua Hội Chữ thập đỏ 7 tỉnh trung du và miền núi phía Bắc',
          year: 2022,
          head: null, // the article does not name the head (cụm trưởng)
          reviewHost: {
            role: 'REVIEW_HOST',
            selection: null,
            heldBy: null,
            member: chapter(1, 'Hội Chữ thập đỏ tỉnh Bắc Giang'),
          },
          nextYearHost: {
            role: 'NEXT_YEAR_HOST',
            selection: null,
            heldBy: null,
            member: { position: 7, organisation: { __typename: 'Chapter', name: 'Hội Chữ thập đỏ tỉnh Phú Thọ', unit: { name: 'Tỉnh Phú Thọ' } } },
          },
          regulations: [
            {
              title: 'Quy chế hoạt động của Cụm thi đua',
              status: 'ADOPTED',
              votesFor: null, // the article does not give the counts
              votesAgainst: null,
              votesAbstaining: null,
              votesCast: null,
              votedOn: null,
              meeting: { kind: 'REVIEW_CONFERENCE' },
            },
          ],
          meetings: [
            {
              kind: 'REVIEW_CONFERENCE',
              theme: null,
              heldOn: null,
              venue: null,
              place: null,
              attendees: [
                chapter(1, 'Hội Chữ thập đỏ tỉnh Bắc Giang'),
                chapter(2, 'Hội Chữ thập đỏ tỉnh Thái Nguyên'),
                chapter(3, 'Hội Chữ thập đỏ tỉnh Hòa Bình'),
                chapter(4, 'Hội Chữ thập đỏ tỉnh Tuyên Quang'),
                chapter(5, 'Hội Chữ thập đỏ tỉnh Bắc Kạn'),
                chapter(6, 'Hội Chữ thập đỏ tỉnh Yên Bái'),
                chapter(7, 'Hội Chữ thập đỏ tỉnh Phú Thọ'),
              ],
              guests: [
                { name: 'bà Huỳnh Thị Xuân Lam', role: 'Phó Chủ tịch Hội CTĐ Việt Nam' },
                { name: 'bà Lê Thị Thu Hồng', role: 'Phó Bí thư Thường trực Tỉnh uỷ, Chủ tịch HĐND tỉnh Bắc Giang, Chủ tịch danh dự Hội CTĐ tỉnh' },
              ],
              decisions: [
                'Suy tôn các danh hiệu thi đua năm 2022',
                'Biểu quyết thông qua quy chế hoạt động của Cụm',
                'Giao nhiệm vụ đăng cai giao ban công tác Hội năm 2023 cho Hội CTĐ tỉnh Phú Thọ',
              ],
            },
          ],
        },
        bloc: {
          name: 'Khối thi đua 8 tỉnh Bình Thuận',
          roles: [
            {
              role: 'HEAD',
              selection: null,
              heldBy: 'bà Nguyễn Thị Phúc - Chủ tịch Hội người cao tuổi',
              member: { position: 1, organisation: { __typename: 'ElderlyAssociation', name: 'Hội Người cao tuổi tỉnh Bình Thuận' } },
            },
          ],
          deputy: null,
          regulations: [],
          meetings: [
            {
              kind: 'SEMINAR',
              theme: 'Vì người nghèo – không để ai bị bỏ lại phía sau',
              heldOn: '2024-09-26',
              venue: null,
              place: { id: 'BEFORE_2025:593', name: 'Thành phố Phan Thiết' },
              attendees: [
                { position: 1, organisation: { __typename: 'ElderlyAssociation', name: 'Hội Người cao tuổi tỉnh Bình Thuận' } },
                { position: 2, organisation: { __typename: 'Chapter', name: 'Hội Chữ thập đỏ tỉnh Bình Thuận' } },
                { position: 3, organisation: { __typename: 'ExternalOrganisation', name: 'Hội Nạn nhân chất độc da cam/dioxin tỉnh Bình Thuận' } },
                { position: 4, organisation: { __typename: 'ExternalOrganisation', name: 'Hội Người mù tỉnh Bình Thuận' } },
                { position: 5, organisation: { __typename: 'ExternalOrganisation', name: 'Hội Cựu thanh niên xung phong tỉnh Bình Thuận' } },
                { position: 6, organisation: { __typename: 'ExternalOrganisation', name: 'Hội Bảo trợ bệnh nhân nghèo tỉnh Bình Thuận' } },
              ],
              guests: [],
              decisions: [],
            },
          ],
        },
      },
    });
  });
});
