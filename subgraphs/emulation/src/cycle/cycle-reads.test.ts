import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { stableId } from '@hoi/common/ids';
import { withDatabase } from '../../../../test/database.ts';
import { gatewayUrl, graphql, statementsFor, subgraphUrl } from '../../../../test/graphql.ts';
import { seedCycle, seedCycleClusters, type SeedCycle } from './cycle.seed.ts';

/** A cycle with something in every list: what the statement-count test reads. */
const FULL_CYCLE: SeedCycle = {
  stage: 'TITLES_VOTED',
  criteriaSetOn: '2012-02-01',
  scoringStartedOn: '2012-11-20',
  rankedOn: '2012-12-01',
  titlesVotedOn: '2012-12-15',
  criteria: [
    { name: 'Tiêu chí một', weight: 60, maxPoints: 10 },
    { name: 'Tiêu chí hai', weight: 40, maxPoints: 20 },
  ],
  points: [
    [10, 15],
    [9, 18],
    [5, 5],
  ],
  registrations: [
    { member: 0, kind: 'COMMITMENT', title: 'Giao ước thi đua' },
    { member: 2, kind: 'MODEL_PROGRAMME', title: 'Mô hình điểm' },
  ],
  titles: [{ member: 0, title: 'EXCELLENT_LABOUR_COLLECTIVE' }],
  proposals: [{ member: 1, form: 'MINISTRY_PROVINCE_CERTIFICATE_OF_MERIT' }],
};

const CYCLES = `query ($year: Int!) { emulationClusters(year: $year, first: 10) { edges { node {
  cycle { stage criteriaSetOn scoringStartedOn rankedOn titlesVotedOn }
  registrations { kind title member { position } }
  criteria { name weight maxPoints }
  scores { member { position } criterion { name } points }
  ranking { rank weightedScore member { position } tiedWith { position } tieNote }
  titles { title member { position } }
  commendationProposals { form member { position } }
} } } }`;

describe('reading the cycles of clusters', () => {
  beforeAll(async () => {
    await withDatabase(async (client) => {
      for (const [year, count] of [[2012, 1], [2013, 5]]) {
        for (const cluster of await seedCycleClusters(client, { year, count, namePrefix: `Cụm đọc chu trình ${year}`, members: 3 })) {
          await seedCycle(client, cluster, FULL_CYCLE);
        }
      }
    });
  });

  it('costs the same statements for the cycles of many clusters as for one', async () => {
    const read = async (year: number, count: number) => {
      const requestId = `cycles-${year}-${randomUUID()}`;
      const result = await graphql<{ emulationClusters: { edges: { node: Record<string, unknown> }[] } }>(subgraphUrl('emulation'), CYCLES, { year }, requestId);
      expect(result.errors).toBeUndefined();
      expect(result.data!.emulationClusters.edges).toHaveLength(count);
      return { nodes: result.data!.emulationClusters.edges.map((edge) => edge.node), statements: (await statementsFor(requestId)).emulation };
    };
    const one = await read(2012, 1);
    const five = await read(2013, 5);
    // Σ weight × points: 60 × 10 + 40 × 15 = 1200, 60 × 9 + 40 × 18 = 1260, 60 × 5 + 40 × 5 = 500.
    expect(one.nodes[0]).toEqual({
      cycle: { stage: 'TITLES_VOTED', criteriaSetOn: '2012-02-01', scoringStartedOn: '2012-11-20', rankedOn: '2012-12-01', titlesVotedOn: '2012-12-15' },
      registrations: [
        { kind: 'COMMITMENT', title: 'Giao ước thi đua', member: { position: 1 } },
        { kind: 'MODEL_PROGRAMME', title: 'Mô hình điểm', member: { position: 3 } },
      ],
      criteria: [
        { name: 'Tiêu chí một', weight: 60, maxPoints: 10 },
        { name: 'Tiêu chí hai', weight: 40, maxPoints: 20 },
      ],
      scores: FULL_CYCLE.points!.flatMap((points, member) =>
        points.map((value, criterion) => ({ member: { position: member + 1 }, criterion: { name: FULL_CYCLE.criteria![criterion].name }, points: value })),
      ),
      ranking: [
        { rank: 1, weightedScore: '12.60', member: { position: 2 }, tiedWith: [], tieNote: null },
        { rank: 2, weightedScore: '12.00', member: { position: 1 }, tiedWith: [], tieNote: null },
        { rank: 3, weightedScore: '5.00', member: { position: 3 }, tiedWith: [], tieNote: null },
      ],
      titles: [{ title: 'EXCELLENT_LABOUR_COLLECTIVE', member: { position: 1 } }],
      commendationProposals: [{ form: 'MINISTRY_PROVINCE_CERTIFICATE_OF_MERIT', member: { position: 2 } }],
    });
    expect(five.nodes).toEqual(Array(5).fill(one.nodes[0]));
    expect(five.statements).toBe(one.statements);
    // the clusters, then one each: cycles, registrations, criteria, scores, rankings, titles, proposals
    expect(five.statements).toBe(8);
  });

  it('ranks ties of three, and lists a cycle not yet ranked with an empty ranking', async () => {
    const [tied, unranked] = await withDatabase(async (client) => {
      const clusters = await seedCycleClusters(client, { year: 2011, count: 2, namePrefix: 'Cụm đồng hạng', members: 5 });
      const criteria = [{ name: 'Tiêu chí chung', weight: 100, maxPoints: 10 }];
      await seedCycle(client, clusters[0], { stage: 'RANKED', criteria, points: [[7], [9], [7], [10], [7]] });
      await seedCycle(client, clusters[1], { stage: 'SCORING', criteria, points: [[7], [9], [7], [10], [7]] });
      return clusters;
    });
    const query = `query ($tied: ID!, $unranked: ID!) {
      tied: emulationCluster(id: $tied) { ranking { rank weightedScore member { position } tiedWith { position } tieNote } }
      unranked: emulationCluster(id: $unranked) { cycle { stage } ranking { rank } }
    }`;
    const note = 'Tied (đồng hạng) at 7.00 with 2 other members: all 3 share rank 3 and ranks 4–5 are not given (standard competition ranking).';
    expect(await graphql(subgraphUrl('emulation'), query, { tied: tied.clusterId, unranked: unranked.clusterId })).toEqual({
      data: {
        tied: {
          ranking: [
            { rank: 1, weightedScore: '10.00', member: { position: 4 }, tiedWith: [], tieNote: null },
            { rank: 2, weightedScore: '9.00', member: { position: 2 }, tiedWith: [], tieNote: null },
            { rank: 3, weightedScore: '7.00', member: { position: 1 }, tiedWith: [{ position: 3 }, { position: 5 }], tieNote: note },
            { rank: 3, weightedScore: '7.00', member: { position: 3 }, tiedWith: [{ position: 1 }, { position: 5 }], tieNote: note },
            { rank: 3, weightedScore: '7.00', member: { position: 5 }, tiedWith: [{ position: 1 }, { position: 3 }], tieNote: note },
          ],
        },
        unranked: { cycle: { stage: 'SCORING' }, ranking: [] },
      },
    });
  });

  it('serves the demo through the gateway: the 2022 cycle at TITLES_VOTED, the 2023 registrations', async () => {
    const result = await graphql(
      gatewayUrl(),
      `query ($y2022: ID!, $y2023: ID!) {
        y2022: emulationCluster(id: $y2022) {
          name year
          cycle { stage criteriaSetOn scoringStartedOn rankedOn titlesVotedOn }
          criteria { name } scores { points } ranking { rank } titles { title } commendationProposals { form }
        }
        y2023: emulationCluster(id: $y2023) {
          name year kind
          members { totalCount }
          cycle { stage criteriaSetOn }
          registrations { kind title registeredOn member { position organisation { ... on Chapter { name } } } }
        }
      }`,
      { y2022: stableId('emulation:red-cross-midland-northern-mountain-2022'), y2023: stableId('emulation:red-cross-midland-northern-mountain-2023') },
    );
    const programme = (position: number, chapter: string, title: string) => ({
      kind: 'MODEL_PROGRAMME',
      title,
      registeredOn: null,
      member: { position, organisation: { name: `Hội Chữ thập đỏ tỉnh ${chapter}` } },
    });
    expect(result).toEqual({
      data: {
        y2022: {
          name: 'Cụm thi đua Hội Chữ thập đỏ 7 tỉnh trung du và miền núi phía Bắc',
          year: 2022,
          // "Hội nghị cũng suy tôn các danh hiệu thi đua năm 2022": no day, no scores, no winners in the article.
          cycle: { stage: 'TITLES_VOTED', criteriaSetOn: null, scoringStartedOn: null, rankedOn: null, titlesVotedOn: null },
          criteria: [],
          scores: [],
          ranking: [],
          titles: [],
          commendationProposals: [],
        },
        y2023: {
          name: 'Cụm thi đua Hội Chữ thập đỏ 7 tỉnh trung du và miền núi phía Bắc',
          year: 2023,
          kind: 'SAME_ASSOCIATION_ACROSS_PROVINCES',
          members: { totalCount: 7 },
          cycle: { stage: 'REGISTRATION', criteriaSetOn: null },
          registrations: [
            programme(1, 'Bắc Giang', 'Mỗi tổ chức, cá nhân gắn với một địa chỉ nhân đạo'),
            programme(1, 'Bắc Giang', 'Phát triển điểm, trạm sơ cứu CTĐ'),
            programme(3, 'Hòa Bình', 'Dinh dưỡng cho trẻ em nghèo, khuyết tật'),
            programme(7, 'Phú Thọ', 'Hỗ trợ sinh kế, phát triển kinh tế gia đình hội viên nghèo'),
          ],
        },
      },
    });
  });
});
