import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@hoi/common/orm';
import type { Period } from '@hoi/common/period';
import { fundFiguresRollupSql } from '../fund/club-fund.sql.ts';
import { rollupRowsAsOf } from '../member/club-statistics.sql.ts';
import type { ElderlyTotals } from './emulation-cluster.type.ts';

export interface ElderlyTotalsKey {
  clusterId: string;
  associationIds: string[];
  period: Period;
}

/**
 * Every cluster of a list in one statement: the fund figures at the period's end (the fund
 * module's own statement over its roll-up, exact on a month's last day, as a subquery) beside the clubs and members of the same association subtrees, summed
 * from the clubStatistics roll-up (exact as of a period's last day, see `rollupRowsAsOf`). A
 * member association below another member of the same cluster is already in that one's figures,
 * so only the topmost members of each cluster are summed: subtrees of a tree are nested or
 * disjoint, so this counts each club once, as the distinct clubs of every member's subtree.
 */
export const ELDERLY_TOTALS_SQL = `
  select fund.id as "clusterId", fund."totalFund", fund."contributedOrRaised", fund."outOnLoan", fund.borrowers,
         coalesce(people.clubs, 0) as clubs, coalesce(people.members, 0) as members
    from (${fundFiguresRollupSql('clusterMembers')}) fund
    left join (
      with recursive pairs (root_id, association_id) as (
        select distinct cluster_id, association_id from jsonb_to_recordset(?::jsonb) as pair (cluster_id text, association_id uuid)
      ),
      above (root_id, association_id, ancestor_id) as (
        select pairs.root_id, pairs.association_id, a.parent_id
          from pairs join elderly.association a on a.id = pairs.association_id where a.parent_id is not null
        union
        select above.root_id, above.association_id, a.parent_id
          from above join elderly.association a on a.id = above.ancestor_id where a.parent_id is not null
      ),
      tops as (
        select pairs.root_id, pairs.association_id from pairs
         where not exists (select 1 from above join pairs outer_member on outer_member.root_id = above.root_id and outer_member.association_id = above.ancestor_id
                            where above.root_id = pairs.root_id and above.association_id = pairs.association_id)
      ),
      params as (select ?::date as period_end)
      select tops.root_id, sum(r.clubs)::int as clubs, sum(r.members)::int as members
        from tops cross join params
       cross join lateral ${rollupRowsAsOf('tops.association_id', 'params.period_end')} r
       group by tops.root_id
    ) people on people.root_id = fund.id`;

export function createElderlyTotalsLoaders(em: EntityManager) {
  return {
    ElderlyTotalsByClusterLoader: new DataLoader<ElderlyTotalsKey, ElderlyTotals, string>(
      async (keys) => {
        const results = new Map<ElderlyTotalsKey, ElderlyTotals>();
        for (const group of Map.groupBy(keys, (key) => `${key.period.type}:${key.period.start}`).values()) {
          const { period } = group[0];
          const pairs = JSON.stringify(group.flatMap((key) => key.associationIds.map((id) => ({ cluster_id: key.clusterId, association_id: id }))));
          const rows = await sql<Record<string, unknown>>(em, ELDERLY_TOTALS_SQL, [period.end, pairs, pairs, period.end]);
          const byCluster = new Map(rows.map(({ clusterId, ...figures }) => [String(clusterId), figures]));
          for (const key of group) {
            const figures = byCluster.get(key.clusterId) ?? { clubs: 0, members: 0, totalFund: '0', contributedOrRaised: '0', outOnLoan: '0', borrowers: 0 };
            results.set(key, { ...(figures as object), associations: key.associationIds.length, period } as ElderlyTotals);
          }
        }
        return keys.map((key) => results.get(key)!);
      },
      { cacheKeyFn: (key) => `${key.clusterId}:${key.period.type}:${key.period.start}` },
    ),
  };
}
