import { notFound } from '@hoi/common/errors';
import { dmy, type ExportColumn } from '@hoi/common/spreadsheet/export';
import type { SummaryExport } from '@hoi/common/spreadsheet/routes';

/** A chapter's or an association's name only in the supergraph's answer (read from red-cross, elderly). */
type Organisation = { __typename: 'Chapter' | 'ElderlyAssociation'; id: string; name?: string } | { __typename: 'ExternalOrganisation'; id: string; name: string } | null;

interface Member {
  id: string;
  position: number;
  organisation: Organisation;
}

interface Answer {
  emulationCluster: {
    name: string;
    year: number;
    cycle: { stage: string; rankedOn: string | null };
    criteria: { id: string; position: number; name: string; weight: number; maxPoints: number }[];
    scores: { member: { id: string }; criterion: { id: string }; points: number }[];
    ranking: { rank: number; weightedScore: string; member: Member; tiedWith: { position: number }[] }[];
  } | null;
}

/** Members other subgraphs own are named there (in the supergraph's answer); alone, the cluster knows their kind and id. */
const memberName = (organisation: Organisation) =>
  organisation?.name != null ? organisation.name
  : organisation?.__typename === 'Chapter' ? `Hội Chữ thập đỏ (mã ${organisation.id})`
  : organisation?.__typename === 'ElderlyAssociation' ? `Hội Người cao tuổi (mã ${organisation.id})`
  : '';

const rankingQuery = (owned: string) => `query ClusterRankingExport($clusterId: ID!) {
    emulationCluster(id: $clusterId) {
      name year
      cycle { stage rankedOn }
      criteria { id position name weight maxPoints }
      scores { member { id } criterion { id } points }
      ranking {
        rank weightedScore tiedWith { position }
        member { id position organisation { __typename ... on Chapter { ${owned} } ... on ElderlyAssociation { ${owned} } ... on ExternalOrganisation { id name } } }
      }
    }
  }`;

/**
 * `EmulationCluster.ranking` printed: each member's rank, its points on every criterion and its
 * weighted score. On the gateway's host every member by name (the supergraph reads chapters' and
 * associations' names from their subgraphs); on this host those by kind and id.
 */
export const clusterRankingExport: SummaryExport = {
  name: 'cluster-ranking',
  query: rankingQuery('id'),
  supergraphQuery: rankingQuery('id name'),
  table(data) {
    const cluster = (data as unknown as Answer).emulationCluster;
    if (!cluster) throw notFound('clusterId', 'no emulation cluster has this id');
    const points = new Map(cluster.scores.map((score) => [`${score.member.id}:${score.criterion.id}`, score.points]));
    const columns: ExportColumn[] = [
      { header: 'Xếp hạng', kind: 'integer', width: 10 },
      { header: 'Số thứ tự trong cụm', kind: 'integer', width: 12 },
      { header: 'Đơn vị thành viên', kind: 'text', width: 40 },
      ...cluster.criteria.map((criterion): ExportColumn => ({
        header: `Tiêu chí ${criterion.position}: ${criterion.name} (trọng số ${criterion.weight}, tối đa ${criterion.maxPoints} điểm)`,
        kind: 'integer',
        width: 24,
      })),
      { header: 'Điểm bình quân gia quyền', kind: 'decimal', width: 16 },
      { header: 'Đồng hạng với đơn vị số', kind: 'text', width: 16 },
    ];
    const ranked = cluster.cycle.rankedOn ? ` — Xếp hạng ngày ${dmy(cluster.cycle.rankedOn)}` : '';
    return {
      // Members are organisations, not places: no unit edition applies.
      title: `Kết quả chấm điểm, xếp hạng thi đua — ${cluster.name} — Năm thi đua ${cluster.year}${ranked}${cluster.ranking.length ? '' : ' — Chưa xếp hạng'}`,
      columns,
      rows: cluster.ranking.map((entry) => [
        entry.rank,
        entry.member.position,
        memberName(entry.member.organisation),
        ...cluster.criteria.map((criterion) => points.get(`${entry.member.id}:${criterion.id}`) ?? null),
        entry.weightedScore,
        entry.tiedWith.map((member) => member.position).join(', '),
      ]),
    };
  },
};
