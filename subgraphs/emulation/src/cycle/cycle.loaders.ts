import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@hoi/common/orm';
import { CommendationForm, EmulationTitle, type CommendationProposal, type EmulationTitleAward } from './award.type.ts';
import type { EmulationCriterion } from './criterion.type.ts';
import { EmulationStage, type EmulationCycle } from './cycle.type.ts';
import type { EmulationRankingEntry } from './ranking.type.ts';
import { MEMBER_COLUMNS, toMember, type MemberRow } from './cycle-member.sql.ts';
import { RANKING_SQL } from './ranking.sql.ts';
import type { EmulationRegistration, EmulationRegistrationKind } from './registration.type.ts';
import type { EmulationScore } from './score.type.ts';

const CRITERION_COLUMNS = `c.id, c.cluster_id as "clusterId", c.position, c.name, c.description, c.weight, c.max_points as "maxPoints"`;
const enumRank = (column: string, values: readonly string[]) => `array_position(array[${values.map((value) => `'${value}'`).join(', ')}]::text[], ${column})`;

/** Groups rows by cluster, in the order of the keys: what a DataLoader by cluster id returns. */
function byCluster<T extends { clusterId: string }>(clusterIds: readonly string[], rows: T[]): T[][] {
  const grouped = Map.groupBy(rows, (row) => row.clusterId);
  return clusterIds.map((id) => grouped.get(id) ?? []);
}

/** The sentence a tie gets: who shares the rank, and which ranks are not given. */
export function tieNote(rank: number, weightedScore: string, others: number): string | null {
  if (others === 0) return null;
  const skipped = others === 1 ? `rank ${rank + 1} is` : `ranks ${rank + 1}–${rank + others} are`;
  const sharing = others === 1 ? 'both share' : `all ${others + 1} share`;
  return `Tied (đồng hạng) at ${weightedScore} with ${others} other member${others === 1 ? '' : 's'}: ${sharing} rank ${rank} and ${skipped} not given (standard competition ranking).`;
}

/** Each loader: the cycle data of many clusters in one statement, in the order of the keys. */
export function createCycleLoaders(em: EntityManager) {
  return {
    EmulationCycleByClusterIdLoader: new DataLoader<string, EmulationCycle>(async (clusterIds) => {
      const rows = await sql<EmulationCycle>(
        em,
        `select cluster_id as "clusterId", stage,
                to_char(criteria_set_on, 'YYYY-MM-DD') as "criteriaSetOn", to_char(scoring_started_on, 'YYYY-MM-DD') as "scoringStartedOn",
                to_char(ranked_on, 'YYYY-MM-DD') as "rankedOn", to_char(titles_voted_on, 'YYYY-MM-DD') as "titlesVotedOn"
           from emulation.cycle where cluster_id in (?)`,
        [clusterIds],
      );
      const found = new Map(rows.map((row) => [row.clusterId, row]));
      return clusterIds.map(
        (clusterId) =>
          found.get(clusterId) ?? { clusterId, stage: EmulationStage.REGISTRATION, criteriaSetOn: null, scoringStartedOn: null, rankedOn: null, titlesVotedOn: null },
      );
    }),
    EmulationRegistrationsByClusterIdLoader: new DataLoader<string, EmulationRegistration[]>(async (clusterIds) => {
      const rows = await sql<MemberRow & { id: string; clusterId: string; kind: EmulationRegistrationKind; title: string; description: string | null; registeredOn: string | null }>(
        em,
        `select r.id, r.cluster_id as "clusterId", r.kind, r.title, r.description, to_char(r.registered_on, 'YYYY-MM-DD') as "registeredOn", ${MEMBER_COLUMNS}
           from emulation.registration r join emulation.cluster_member m on m.id = r.member_id
          where r.cluster_id in (?)
          order by m.position, r.kind, r.title, r.id`,
        [clusterIds],
      );
      return byCluster(clusterIds, rows).map((group) =>
        group.map(({ id, clusterId, kind, title, description, registeredOn, ...member }) => ({ id, clusterId, kind, title, description, registeredOn, member: toMember(member) })),
      );
    }),
    EmulationCriteriaByClusterIdLoader: new DataLoader<string, EmulationCriterion[]>(async (clusterIds) => {
      const rows = await sql<EmulationCriterion>(em, `select ${CRITERION_COLUMNS} from emulation.criterion c where c.cluster_id in (?) order by c.position`, [clusterIds]);
      return byCluster(clusterIds, rows);
    }),
    EmulationScoresByClusterIdLoader: new DataLoader<string, EmulationScore[]>(async (clusterIds) => {
      const rows = await sql<MemberRow & EmulationCriterion & { points: number; scoredOn: string | null }>(
        em,
        `select ${CRITERION_COLUMNS}, s.points, to_char(s.scored_on, 'YYYY-MM-DD') as "scoredOn", ${MEMBER_COLUMNS}
           from emulation.score s
           join emulation.cluster_member m on m.id = s.member_id
           join emulation.criterion c on c.id = s.criterion_id
          where s.cluster_id in (?)
          order by m.position, c.position`,
        [clusterIds],
      );
      return byCluster(clusterIds, rows).map((group) =>
        group.map(({ id, clusterId, position, name, description, weight, maxPoints, points, scoredOn, ...member }) => ({
          clusterId,
          member: toMember(member),
          criterion: { id, clusterId, position, name, description, weight, maxPoints },
          points,
          scoredOn,
        })),
      );
    }),
    /** See ranking.sql.ts: computed in SQL for clusters at RANKED or later, empty before. */
    EmulationRankingByClusterIdLoader: new DataLoader<string, EmulationRankingEntry[]>(async (clusterIds) => {
      const rows = await sql<MemberRow & { clusterId: string; rank: number; weightedScore: string; tieGroup: string[] }>(em, RANKING_SQL, [clusterIds]);
      return byCluster(clusterIds, rows).map((group) => {
        const members = new Map(group.map((row) => [row.memberId, toMember(row)]));
        return group.map(({ clusterId, rank, weightedScore, tieGroup, ...member }) => {
          const tiedWith = tieGroup
            .filter((id) => id !== member.memberId)
            .map((id) => members.get(id)!)
            .sort((a, b) => a.position - b.position);
          return { clusterId, rank, weightedScore, member: members.get(member.memberId)!, tiedWith, tieNote: tieNote(rank, weightedScore, tiedWith.length) };
        });
      });
    }),
    EmulationTitleAwardsByClusterIdLoader: new DataLoader<string, EmulationTitleAward[]>(async (clusterIds) => {
      const rows = await sql<MemberRow & { id: string; clusterId: string; title: EmulationTitle; votedOn: string | null; note: string | null }>(
        em,
        `select t.id, t.cluster_id as "clusterId", t.title, to_char(t.voted_on, 'YYYY-MM-DD') as "votedOn", t.note, ${MEMBER_COLUMNS}
           from emulation.title_award t join emulation.cluster_member m on m.id = t.member_id
          where t.cluster_id in (?)
          order by ${enumRank('t.title', Object.values(EmulationTitle))}, m.position`,
        [clusterIds],
      );
      return byCluster(clusterIds, rows).map((group) =>
        group.map(({ id, clusterId, title, votedOn, note, ...member }) => ({ id, clusterId, title, votedOn, note, member: toMember(member) })),
      );
    }),
    CommendationProposalsByClusterIdLoader: new DataLoader<string, CommendationProposal[]>(async (clusterIds) => {
      const rows = await sql<MemberRow & { id: string; clusterId: string; form: CommendationForm; proposedOn: string | null; reason: string | null }>(
        em,
        `select p.id, p.cluster_id as "clusterId", p.form, to_char(p.proposed_on, 'YYYY-MM-DD') as "proposedOn", p.reason, ${MEMBER_COLUMNS}
           from emulation.commendation_proposal p join emulation.cluster_member m on m.id = p.member_id
          where p.cluster_id in (?)
          order by ${enumRank('p.form', Object.values(CommendationForm))}, m.position`,
        [clusterIds],
      );
      return byCluster(clusterIds, rows).map((group) =>
        group.map(({ id, clusterId, form, proposedOn, reason, ...member }) => ({ id, clusterId, form, proposedOn, reason, member: toMember(member) })),
      );
    }),
  };
}

export type CycleLoaders = ReturnType<typeof createCycleLoaders>;
