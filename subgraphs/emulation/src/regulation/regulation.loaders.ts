import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@hoi/common/orm';
import type { Regulation } from './regulation.type.ts';

export const REGULATION_COLUMNS = `id, cluster_id as "clusterId", title, status, votes_for as "votesFor", votes_against as "votesAgainst",
  votes_abstaining as "votesAbstaining", votes_for + votes_against + votes_abstaining as "votesCast",
  to_char(voted_on, 'YYYY-MM-DD') as "votedOn", meeting_id as "meetingId"`;

export function createRegulationLoaders(em: EntityManager) {
  return {
    /** The regulations each cluster voted on, by the day of the vote (unknown last): one statement for any number of clusters. */
    RegulationsByClusterIdLoader: new DataLoader<string, Regulation[]>(async (clusterIds) => {
      const rows = await sql<Regulation>(
        em,
        `select ${REGULATION_COLUMNS} from emulation.regulation where cluster_id in (?) order by voted_on nulls last, created_at, id`,
        [[...clusterIds]],
      );
      const byCluster = Map.groupBy(rows, (regulation) => regulation.clusterId);
      return clusterIds.map((id) => byCluster.get(id) ?? []);
    }),
  };
}

export type RegulationLoaders = ReturnType<typeof createRegulationLoaders>;
