import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../../test/database.ts';
import { stableId } from '@hoi/common/ids';
import { gatewayUrl, graphql, subgraphUrl, tokenFor } from '../../../../test/graphql.ts';
import { expectFigures, expectRefusal, exportHosts, getFrom, readExport } from '../../../../test/spreadsheet-exports.ts';
import { seedClusters } from '../cluster/emulation-cluster.seed.ts';
import { seedCycle } from './cycle.seed.ts';

/**
 * A cluster year's ranking printed (`cluster-ranking`): downloaded as XLSX and CSV from the
 * gateway's host and from the emulation subgraph, opened again with exceljs and csv-parse, every
 * rank, point and weighted score compared with the GraphQL answer; refusals as JSON. Clusters of
 * the emulation year 2009, this file's own.
 */
const HOSTS = exportHosts('emulation');
// Members the other subgraphs hold (demo data): named on the gateway's host, by kind and id on this one.
const CHAPTER = stableId('red-cross:lao-cai');
const ASSOCIATION = stableId('elderly:thai-nguyen');
const CRITERIA = [
  { name: 'Công tác tổ chức, xây dựng Hội', weight: 30, maxPoints: 20 },
  { name: 'Vận động nguồn lực nhân đạo', weight: 50, maxPoints: 30 },
  { name: 'Hiến máu tình nguyện', weight: 20, maxPoints: 10 },
];
let ranked: string;
let unranked: string;

const RANKING = `query ($id: ID!) { emulationCluster(id: $id) {
  criteria { id position name weight maxPoints }
  scores { member { id } criterion { id } points }
  ranking { rank weightedScore tiedWith { position } member { id position organisation { __typename ... on Chapter { id NAME } ... on ElderlyAssociation { id NAME } ... on ExternalOrganisation { name } } } }
} }`;

interface Answer {
  emulationCluster: {
    criteria: { id: string; position: number; name: string; weight: number; maxPoints: number }[];
    scores: { member: { id: string }; criterion: { id: string }; points: number }[];
    ranking: { rank: number; weightedScore: string; tiedWith: { position: number }[]; member: { id: string; position: number; organisation: { __typename: string; id?: string; name?: string } } }[];
  };
}

/** The answer as the printed ranking's rows, read by this test on its own: through the gateway, every member's name. */
function expectedRows(answer: Answer): (string | number)[][] {
  const { criteria, scores, ranking } = answer.emulationCluster;
  const name = (organisation: Answer['emulationCluster']['ranking'][number]['member']['organisation']) =>
    organisation.name ?? `${organisation.__typename === 'Chapter' ? 'Hội Chữ thập đỏ' : 'Hội Người cao tuổi'} (mã ${organisation.id})`;
  return ranking.map((entry) => [
    entry.rank, entry.member.position, name(entry.member.organisation),
    ...criteria.map((criterion) => scores.find((score) => score.member.id === entry.member.id && score.criterion.id === criterion.id)!.points),
    Number(entry.weightedScore), entry.tiedWith.map((member) => member.position).join(', '),
  ]);
}

describe('the emulation ranking as XLSX and CSV', () => {
  beforeAll(async () => {
    await withDatabase(async (client) => {
      const members = [{ chapterId: CHAPTER }, { externalName: 'Hội Cựu chiến binh tỉnh Xuất' }, { elderlyAssociationId: ASSOCIATION }, { externalName: 'Hội Nông dân tỉnh Xuất' }];
      [ranked, unranked] = await seedClusters(client, { year: 2009, count: 2, namePrefix: 'Cụm thi đua Xuất bảng', members });
      const memberIds = async (clusterId: string) =>
        (await client.query<{ id: string }>(`select id from emulation.cluster_member where cluster_id = $1 order by position`, [clusterId])).rows.map((row) => row.id);
      // Weighted, Σ(weight × points)/100: 19.30; 18.80 and 18.80, tied at rank 2; 13.20 at rank 4.
      const points = [[18, 25, 7], [16, 24, 10], [20, 22, 9], [8, 18, 9]];
      await seedCycle(client, { clusterId: ranked, memberIds: await memberIds(ranked) }, { stage: 'RANKED', criteria: CRITERIA, points, scoringStartedOn: '2009-11-02', rankedOn: '2009-12-10' });
      await seedCycle(client, { clusterId: unranked, memberIds: await memberIds(unranked) }, { stage: 'SCORING', criteria: CRITERIA, points: [[1, 2, 3]] });
    });
  });

  it('prints ranks, points per criterion and weighted scores as the GraphQL answer gives them, on both hosts', async () => {
    const national = await tokenFor({ role: 'national_admin' });
    const answer = await graphql<Answer>(subgraphUrl('emulation'), RANKING.replaceAll('NAME', ''), { id: ranked });
    expect(answer.errors).toBeUndefined();
    const expected = expectedRows(answer.data!);
    // Through the gateway, the chapter's and the association's names as GraphQL gives them there.
    const named = await graphql<Answer>(gatewayUrl(), RANKING.replaceAll('NAME', 'name'), { id: ranked });
    expect(named.errors).toBeUndefined();
    const expectedNamed = expectedRows(named.data!);
    expect(expectedNamed.map((row) => row[2])).toEqual([expect.stringMatching(/Lào Cai/), 'Hội Cựu chiến binh tỉnh Xuất', expect.stringMatching(/Thái Nguyên/), 'Hội Nông dân tỉnh Xuất']);
    expect(expected).toEqual([
      [1, 1, `Hội Chữ thập đỏ (mã ${CHAPTER})`, 18, 25, 7, 19.3, ''],
      [2, 2, 'Hội Cựu chiến binh tỉnh Xuất', 16, 24, 10, 18.8, '3'],
      [2, 3, `Hội Người cao tuổi (mã ${ASSOCIATION})`, 20, 22, 9, 18.8, '2'],
      [4, 4, 'Hội Nông dân tỉnh Xuất', 8, 18, 9, 13.2, ''],
    ]);
    for (const host of ['gateway', 'subgraph'] as const) {
      for (const format of ['xlsx', 'csv'] as const) {
        for (const token of [null, national]) {
          const label = `${format} on ${host}${token ? ' as a national admin' : ''}`;
          const read = await readExport(HOSTS[host](), `/exports/cluster-ranking.${format}?clusterId=${ranked}`, token);
          expect(read.title, label).toBe('Kết quả chấm điểm, xếp hạng thi đua — Cụm thi đua Xuất bảng 001 — Năm thi đua 2009 — Xếp hạng ngày 10/12/2009');
          expect(read.headers, label).toEqual([
            'Xếp hạng', 'Số thứ tự trong cụm', 'Đơn vị thành viên',
            ...CRITERIA.map((criterion, index) => `Tiêu chí ${index + 1}: ${criterion.name} (trọng số ${criterion.weight}, tối đa ${criterion.maxPoints} điểm)`),
            'Điểm bình quân gia quyền', 'Đồng hạng với đơn vị số',
          ]);
          expectFigures(read, host === 'gateway' ? expectedNamed : expected, label);
          if (format === 'xlsx') expect(read.formats, label).toEqual(['#,##0', '#,##0', undefined, '#,##0', '#,##0', '#,##0', '#,##0.00', undefined]);
        }
      }
    }
    const pending = await readExport(HOSTS.gateway(), `/exports/cluster-ranking.csv?clusterId=${unranked}`, null);
    expect(pending.title).toBe('Kết quả chấm điểm, xếp hạng thi đua — Cụm thi đua Xuất bảng 002 — Năm thi đua 2009 — Chưa xếp hạng');
    expect(pending.rows).toEqual([]);
  });

  it('refuses as the field does, in JSON, on both hosts: never a 500', async () => {
    const redCrossPartner = await tokenFor({ role: 'partner', subgraph: 'red-cross' });
    const emulationPartner = await tokenFor({ role: 'partner', subgraph: 'emulation' });
    const path = `/exports/cluster-ranking.xlsx?clusterId=${ranked}`;
    const cases: ['gateway' | 'subgraph' | 'both', string, string | null, number, string][] = [
      ['both', path, 'not-a-token', 401, 'UNAUTHENTICATED'],
      ['subgraph', path, redCrossPartner, 403, 'FORBIDDEN'],
      ['gateway', path, emulationPartner, 403, 'FORBIDDEN'],
      ['both', '/exports/cluster-rankings.xlsx', null, 404, 'NOT_FOUND'],
      ['both', `/exports/cluster-ranking.xlsx?clusterId=${randomUUID()}`, null, 404, 'NOT_FOUND'],
      ['both', '/exports/cluster-ranking.csv', null, 400, 'BAD_USER_INPUT'],
      ['both', '/exports/cluster-ranking.csv?clusterId=not-an-id', null, 404, 'NOT_FOUND'],
    ];
    for (const [where, url, token, status, code] of cases) {
      for (const host of where === 'both' ? (['gateway', 'subgraph'] as const) : [where]) {
        await expectRefusal(await getFrom(HOSTS[host](), url, token), status, code, `${url} on ${host}`);
      }
    }
    // A partner of this subgraph reads it directly.
    expect((await getFrom(HOSTS.subgraph(), `/exports/cluster-ranking.csv?clusterId=${ranked}`, emulationPartner)).status).toBe(200);
  });
});
