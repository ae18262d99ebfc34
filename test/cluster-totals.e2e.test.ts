import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { stableId } from '@hoi/common/ids';
import { seedClusters } from '../subgraphs/emulation/src/cluster/emulation-cluster.seed.ts';
import { withDatabase } from './database.ts';
import { fetchesFor, gatewayUrl, graphql, statementsFor } from './graphql.ts';

const CLUSTER_2022 = stableId('emulation:red-cross-midland-northern-mountain-2022');

/** "hơn N" (over N) and "gần N" (nearly N) at the article's precision. */
const over = (value: string, figure: number, precision: number) =>
  BigInt(value) > BigInt(figure) && (BigInt(value) / BigInt(precision)) * BigInt(precision) === BigInt(figure);
const nearly = (value: string, figure: number, precision: number) =>
  BigInt(value) < BigInt(figure) && ((BigInt(value) + BigInt(precision) - 1n) / BigInt(precision)) * BigInt(precision) === BigInt(figure);

const TOTALS = `query ($year: Int!, $first: Int!) { emulationClusters(year: $year, first: $first) { edges { node {
  name
  redCrossTotals(period: { type: YEAR, year: 2022 }) { chapters grassrootsOrganisations branches individualMembers collectiveMembers casesHelped assistanceValueVnd }
} } } }`;

describe('a cluster\'s totals come from the subgraphs that own the figures', () => {
  beforeAll(async () => {
    const members = ['bac-giang', 'yen-bai', 'phu-tho'].map((province) => ({ chapterId: stableId(`red-cross:${province}`) }));
    const mixed = [...members, { elderlyAssociationId: stableId('elderly:lai-chau') }];
    await withDatabase(async (client) => {
      await seedClusters(client, { year: 2081, count: 2, namePrefix: 'Cụm tổng 2', members });
      await seedClusters(client, { year: 2082, count: 50, namePrefix: 'Cụm tổng 50', members });
      await seedClusters(client, { year: 2083, count: 1, namePrefix: 'Khối NCT Lai Châu', members: [{ elderlyAssociationId: stableId('elderly:lai-chau') }] });
      await seedClusters(client, { year: 2084, count: 2, namePrefix: 'Khối hỗn hợp 2', members: mixed });
      await seedClusters(client, { year: 2085, count: 50, namePrefix: 'Khối hỗn hợp 50', members: mixed });
    });
  });

  it('the Red Cross cluster of 7 provinces, 2022, read through the gateway, gives the article\'s figures', async () => {
    const result = await graphql<{ emulationCluster: { redCrossTotals: Record<string, string> } }>(
      gatewayUrl(),
      `query ($id: ID!) { emulationCluster(id: $id) { redCrossTotals(period: { type: YEAR, year: 2022 }) {
        chapters grassrootsOrganisations branches individualMembers collectiveMembers casesHelped assistanceValueVnd period { start end }
      } } }`,
      { id: CLUSTER_2022 },
    );
    expect(result.errors).toBeUndefined();
    const totals = result.data!.emulationCluster.redCrossTotals;
    expect(totals).toEqual({
      chapters: 7,
      grassrootsOrganisations: '1487',
      branches: '15126',
      individualMembers: '379468',
      collectiveMembers: '31',
      casesHelped: '622385',
      assistanceValueVnd: '260418500000',
      period: { start: '2022-01-01', end: '2022-12-31' },
    });
    expect(nearly(totals.grassrootsOrganisations, 1_500, 100)).toBe(true); // "gần 1,5 nghìn tổ chức Hội cơ sở"
    expect(over(totals.branches, 15_000, 1_000)).toBe(true); // "hơn 15 nghìn chi hội"
    expect(nearly(totals.individualMembers, 380_000, 1_000)).toBe(true); // "gần 380 nghìn Hội viên cá nhân"
    expect(totals.collectiveMembers).toBe('31'); // "31 hội viên tập thể"
    expect(over(totals.casesHelped, 622_000, 1_000)).toBe(true); // "hơn 622 nghìn lượt"
    expect(over(totals.assistanceValueVnd, 260_000_000_000, 1_000_000_000)).toBe(true); // "hơn 260 tỷ đồng"
  });

  it('costs the same subgraph fetches and SQL statements for 2 clusters as for 50', async () => {
    const cost = async (year: number, count: number) => {
      const requestId = `cluster-totals-${year}-${randomUUID()}`;
      const result = await graphql<{ emulationClusters: { edges: { node: { redCrossTotals: { chapters: number; individualMembers: string } } }[] } }>(
        gatewayUrl(), TOTALS, { year, first: count }, requestId,
      );
      expect(result.errors).toBeUndefined();
      const totals = result.data!.emulationClusters.edges.map((edge) => edge.node.redCrossTotals);
      expect(totals).toHaveLength(count);
      // Bắc Giang + Yên Bái + Phú Thọ of the demo data, in every cluster.
      expect(new Set(totals.map((t) => `${t.chapters}:${t.individualMembers}`))).toEqual(new Set([`3:${68_420 + 47_318 + 87_690}`]));
      return { fetches: await fetchesFor(requestId), statements: await statementsFor(requestId) };
    };
    const two = await cost(2081, 2);
    const fifty = await cost(2082, 50);
    expect(fifty).toEqual(two);
    expect(two.fetches).toEqual({ places: 0, 'red-cross': 1, elderly: 0, emulation: 1 });
    // emulation: the clusters, their member references; red-cross: one statement for every cluster's totals
    expect(two.statements).toEqual({ places: 0, 'red-cross': 1, elderly: 0, emulation: 2 });
  });

  it('an association member\'s clubs, members and funds come from the elderly subgraph\'s ledgers', async () => {
    const result = await graphql(
      gatewayUrl(),
      `{ emulationClusters(year: 2083) { edges { node { elderlyTotals(period: { type: HALF_YEAR, year: 2019, index: 1 }) {
        associations clubs members totalFund contributedOrRaised outOnLoan borrowers period { end }
      } } } } }`,
    );
    expect(result).toEqual({
      data: {
        emulationClusters: {
          edges: [
            {
              node: {
                elderlyTotals: {
                  associations: 1,
                  clubs: 18,
                  members: 796,
                  totalFund: '977000000',
                  contributedOrRaised: '380000000',
                  outOnLoan: '750000000',
                  borrowers: 107,
                  period: { end: '2019-06-30' },
                },
              },
            },
          ],
        },
      },
    });
  });

  it('asks each owning subgraph once, whatever the number of clusters, for both kinds of totals', async () => {
    const query = `query ($year: Int!, $first: Int!) { emulationClusters(year: $year, first: $first) { edges { node {
      redCrossTotals(period: { type: YEAR, year: 2022 }) { individualMembers assistanceValueVnd }
      elderlyTotals(period: { type: YEAR, year: 2023 }) { clubs members totalFund }
    } } } }`;
    const cost = async (year: number, count: number) => {
      const requestId = `both-totals-${year}-${randomUUID()}`;
      const result = await graphql<{ emulationClusters: { edges: unknown[] } }>(gatewayUrl(), query, { year, first: count }, requestId);
      expect(result.errors).toBeUndefined();
      expect(result.data!.emulationClusters.edges).toHaveLength(count);
      return { fetches: await fetchesFor(requestId), statements: await statementsFor(requestId) };
    };
    const two = await cost(2084, 2);
    expect(await cost(2085, 50)).toEqual(two);
    expect(two.fetches).toEqual({ places: 0, 'red-cross': 1, elderly: 1, emulation: 1 });
    expect(two.statements).toEqual({ places: 0, 'red-cross': 1, elderly: 1, emulation: 2 });
  });
});
