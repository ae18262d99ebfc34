import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@hoi/common/orm';
import type { Period } from '@hoi/common/period';
import { MEMBERSHIP_SUMS, nearestReportOf, PERIOD_REPORTS } from '../membership/membership-report.loaders.ts';
import type { RedCrossTotals } from './emulation-cluster.type.ts';
import { ROLLED_UP_LEVELS } from '../relief/relief-summary.sql.ts';

export interface ClusterTotalsKey {
  clusterId: string;
  chapterIds: string[];
  period: Period;
}

/**
 * Every cluster of a list in one statement: the (cluster, member chapter) pairs come in as JSON;
 * membership sums the nearest reports under each member, relief the activities under each.
 */
const ROLLED = ROLLED_UP_LEVELS.map((level) => `'${level}'`).join(', ');

const CLUSTER_TOTALS_SQL = `
  with pairs as (
    select distinct cluster_id, chapter_id from jsonb_to_recordset(?::jsonb) as pair (cluster_id text, chapter_id uuid)
  ),
  ${PERIOD_REPORTS},
  membership as (
    select pairs.cluster_id, ${MEMBERSHIP_SUMS}
      from pairs join reports r on ${nearestReportOf('pairs.chapter_id')}
     group by pairs.cluster_id
  ),
  -- National and province members read the relief roll-up; members below them their activities.
  relief_parts as (
    select pairs.cluster_id, r.kind, r.quantity, r.value_vnd
      from pairs
      join red_cross.chapter m on m.id = pairs.chapter_id and m.level in (${ROLLED})
      join red_cross.relief_rollup r on r.chapter_id = m.id and r.month between ?::date and ?::date
    union all
    select pairs.cluster_id, a.kind, a.quantity, a.value_vnd
      from pairs
      join red_cross.chapter m on m.id = pairs.chapter_id and m.level not in (${ROLLED})
      join red_cross.chapter c on c.path @> array[pairs.chapter_id]
      join red_cross.relief_activity a on a.chapter_id = c.id and a.occurred_on between ? and ?
  ),
  relief as (
    select cluster_id,
           coalesce(sum(quantity) filter (where kind in ('REGULAR_ASSISTANCE', 'EMERGENCY_ASSISTANCE')), 0)::text as "casesHelped",
           coalesce(sum(value_vnd) filter (where kind in ('REGULAR_ASSISTANCE', 'EMERGENCY_ASSISTANCE')), 0)::text as "assistanceValueVnd",
           coalesce(sum(value_vnd), 0)::text as "reliefValueVnd"
      from relief_parts
     group by cluster_id
  ),
  clusters as (select cluster_id, count(*)::int as chapters from pairs group by cluster_id)
  select clusters.cluster_id as "clusterId", clusters.chapters,
         coalesce(membership."grassrootsOrganisations", '0') as "grassrootsOrganisations", coalesce(membership.branches, '0') as branches,
         coalesce(membership."individualMembers", '0') as "individualMembers", coalesce(membership."collectiveMembers", '0') as "collectiveMembers",
         coalesce(membership.volunteers, '0') as volunteers,
         coalesce(relief."casesHelped", '0') as "casesHelped", coalesce(relief."assistanceValueVnd", '0') as "assistanceValueVnd",
         coalesce(relief."reliefValueVnd", '0') as "reliefValueVnd"
    from clusters
    left join membership using (cluster_id)
    left join relief using (cluster_id)`;

const EMPTY = { chapters: 0, grassrootsOrganisations: '0', branches: '0', individualMembers: '0', collectiveMembers: '0', volunteers: '0', casesHelped: '0', assistanceValueVnd: '0', reliefValueVnd: '0' };

export function createClusterTotalsLoaders(em: EntityManager) {
  return {
    RedCrossTotalsByClusterLoader: new DataLoader<ClusterTotalsKey, RedCrossTotals, string>(
      async (keys) => {
        const results = new Map<ClusterTotalsKey, RedCrossTotals>();
        for (const group of Map.groupBy(keys, (key) => `${key.period.type}:${key.period.start}`).values()) {
          const { period } = group[0];
          const pairs = group.flatMap((key) => key.chapterIds.map((chapterId) => ({ cluster_id: key.clusterId, chapter_id: chapterId })));
          const rows = pairs.length ? await sql<Record<string, unknown>>(em, CLUSTER_TOTALS_SQL, [JSON.stringify(pairs), period.type, period.start, period.start, period.end, period.start, period.end]) : [];
          const byCluster = new Map(rows.map(({ clusterId, ...figures }) => [String(clusterId), figures]));
          for (const key of group) results.set(key, { ...EMPTY, ...(byCluster.get(key.clusterId) as object), period } as RedCrossTotals);
        }
        return keys.map((key) => results.get(key)!);
      },
      { cacheKeyFn: (key) => `${key.clusterId}:${key.period.type}:${key.period.start}` },
    ),
  };
}
