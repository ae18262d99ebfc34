import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@hoi/common/orm';
import type { Period } from '@hoi/common/period';
import { fundFiguresSql, SCOPES } from '../fund/club-fund.sql.ts';
import type { ElderlyTotals } from './emulation-cluster.type.ts';

export interface ElderlyTotalsKey {
  clusterId: string;
  associationIds: string[];
  period: Period;
}

/**
 * Every cluster of a list in one statement: the fund ledgers' figures (the fund module's own
 * statement, as a subquery) beside the clubs and members of the same association subtrees.
 */
const ELDERLY_TOTALS_SQL = `
  select fund.id as "clusterId", fund."totalFund", fund."contributedOrRaised", fund."outOnLoan", fund.borrowers,
         coalesce(people.clubs, 0) as clubs, coalesce(people.members, 0) as members
    from (${fundFiguresSql('clusterMembers')}) fund
    left join (
      with recursive ${SCOPES.clusterMembers.ctes}
      select scope.root_id,
             count(distinct c.id)::int as clubs,
             count(m.id)::int as members
        from scope
        join elderly.club c on c.id = scope.club_id and (c.founded_on is null or c.founded_on <= ?::date)
        left join elderly.club_member m on m.club_id = c.id and m.joined_on <= ?::date and (m.left_on is null or m.left_on > ?::date)
       group by scope.root_id
    ) people on people.root_id = fund.id`;

export function createElderlyTotalsLoaders(em: EntityManager) {
  return {
    ElderlyTotalsByClusterLoader: new DataLoader<ElderlyTotalsKey, ElderlyTotals, string>(
      async (keys) => {
        const results = new Map<ElderlyTotalsKey, ElderlyTotals>();
        for (const group of Map.groupBy(keys, (key) => `${key.period.type}:${key.period.start}`).values()) {
          const { period } = group[0];
          const pairs = JSON.stringify(group.flatMap((key) => key.associationIds.map((id) => ({ cluster_id: key.clusterId, association_id: id }))));
          const rows = await sql<Record<string, unknown>>(em, ELDERLY_TOTALS_SQL, [period.end, pairs, pairs, period.end, period.end, period.end]);
          const byCluster = new Map(rows.map(({ clusterId, ...figures }) => [String(clusterId), figures]));
          for (const key of group) {
            const figures = byCluster.get(key.clusterId) ?? { clubs: 0, members: 0, totalFund: 0, contributedOrRaised: 0, outOnLoan: 0, borrowers: 0 };
            results.set(key, { ...(figures as object), associations: key.associationIds.length, period } as ElderlyTotals);
          }
        }
        return keys.map((key) => results.get(key)!);
      },
      { cacheKeyFn: (key) => `${key.clusterId}:${key.period.type}:${key.period.start}` },
    ),
  };
}
