import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { prepared, sql } from '@hoi/common/orm';
import type { Period } from '@hoi/common/period';
import { latestApprovedSnapshotSql, ReportBasis } from '@hoi/common/period-report';
import { ChapterReportKind } from '../period-report/period-report.type.ts';
import { MEMBERSHIP_SUMS, nearestReports } from '../membership/membership-report.loaders.ts';
import type { RedCrossTotals } from './emulation-cluster.type.ts';
import { ROLLED_UP_LEVELS } from '../relief/relief-summary.sql.ts';

export interface ClusterTotalsKey {
  clusterId: string;
  chapterIds: string[];
  period: Period;
  basis: ReportBasis;
}

/**
 * Every cluster of a list in one statement: the (cluster, member chapter) pairs come in as JSON;
 * membership sums the nearest reports under each member, relief the activities under each. Each
 * part is driven from the members (index probes per member), never from the period's rows across
 * the country: a province member reads its own report and its roll-up rows. Prepared: planning
 * it (~2 ms) cost more than running it for such a member.
 */
const ROLLED = ROLLED_UP_LEVELS.map((level) => `'${level}'`).join(', ');

const CLUSTER_TOTALS_SQL = `
  with recursive
  pairs as (
    select distinct cluster_id, chapter_id from jsonb_to_recordset(?::jsonb) as pair (cluster_id text, chapter_id uuid)
  ),
  roots as (select distinct chapter_id as id, ?::text as period_type, ?::date as period_start from pairs),
  ${nearestReports('roots')},
  membership as (
    select pairs.cluster_id, ${MEMBERSHIP_SUMS}
      from pairs join nearest r on r.root_id = pairs.chapter_id
     group by pairs.cluster_id
  ),
  -- National and province members read the relief roll-up; members below them their subtree's
  -- activities, member by member (an aggregate keeps the lateral from being flattened into one
  -- scan of the period's activities across the country).
  relief_parts as (
    select pairs.cluster_id, r.kind, r.quantity, r.value_vnd
      from pairs
      join red_cross.chapter m on m.id = pairs.chapter_id and m.level in (${ROLLED})
      join red_cross.relief_rollup r on r.chapter_id = m.id and r.month between ?::date and ?::date
    union all
    select pairs.cluster_id, a.kind, a.quantity, a.value_vnd
      from pairs
      join red_cross.chapter m on m.id = pairs.chapter_id and m.level not in (${ROLLED})
      cross join lateral (
        select a.kind, sum(a.quantity) as quantity, sum(a.value_vnd) as value_vnd
          from red_cross.chapter c
          join red_cross.relief_activity a on a.chapter_id = c.id and a.occurred_on between ?::date and ?::date
         where c.path @> array[m.id]
         group by a.kind
      ) a
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

/** A figure of an approved snapshot `a.figures` at a path, as an exact number (0 where the snapshot has none). */
const held = (...path: string[]) => `coalesce((a.figures #>> '{${path.join(',')}}')::numeric, 0)`;
const ASSISTANCE = ['REGULAR_ASSISTANCE', 'EMERGENCY_ASSISTANCE'];

/**
 * CLUSTER_TOTALS_SQL on basis APPROVED, in one statement for every cluster of a list: each member
 * chapter's latest approved snapshot of its report of exactly the period, added up as the live
 * statement adds up the members (membership from the nearest reports, relief of the subtree);
 * members without one are listed, not counted. Parameters: the pairs as JSON, period type, start.
 */
const APPROVED_CLUSTER_TOTALS_SQL = `
  with pairs as (
    select distinct cluster_id, chapter_id from jsonb_to_recordset(?::jsonb) as pair (cluster_id text, chapter_id uuid)
  ),
  k as (select ?::text as period_type, ?::date as period_start),
  approved as (
    select pairs.cluster_id, pairs.chapter_id, a.report_id, a.version, a.figures
      from pairs cross join k
      left join lateral ${latestApprovedSnapshotSql('red_cross', 'pairs.chapter_id', `'${ChapterReportKind.ACTIVITIES}'`, 'k.period_type', 'k.period_start')} a on true
  )
  select a.cluster_id as "clusterId", count(a.report_id)::int as chapters,
         ${['grassrootsOrganisations', 'branches', 'individualMembers', 'collectiveMembers', 'volunteers'].map((figure) => `sum(${held('membership', figure)})::text as "${figure}"`).join(', ')},
         sum(${ASSISTANCE.map((kind) => held('relief', 'byKind', kind, 'quantity')).join(' + ')})::text as "casesHelped",
         sum(${ASSISTANCE.map((kind) => held('relief', 'byKind', kind, 'valueVnd')).join(' + ')})::text as "assistanceValueVnd",
         sum(${held('relief', 'total', 'valueVnd')})::text as "reliefValueVnd",
         coalesce(jsonb_agg(jsonb_build_object('organisationId', a.chapter_id, 'reportId', a.report_id, 'version', a.version) order by a.chapter_id)
                    filter (where a.report_id is not null), '[]') as "approvedReports",
         coalesce(array_agg(a.chapter_id::text order by a.chapter_id) filter (where a.report_id is null), '{}') as "unapprovedChapterIds"
    from approved a
   group by a.cluster_id`;

const EMPTY = { chapters: 0, grassrootsOrganisations: '0', branches: '0', individualMembers: '0', collectiveMembers: '0', volunteers: '0', casesHelped: '0', assistanceValueVnd: '0', reliefValueVnd: '0' };

export function createClusterTotalsLoaders(em: EntityManager) {
  return {
    RedCrossTotalsByClusterLoader: new DataLoader<ClusterTotalsKey, RedCrossTotals, string>(
      async (keys) => {
        const results = new Map<ClusterTotalsKey, RedCrossTotals>();
        for (const group of Map.groupBy(keys, (key) => `${key.basis}:${key.period.type}:${key.period.start}`).values()) {
          const { period, basis } = group[0];
          const pairs = JSON.stringify(group.flatMap((key) => key.chapterIds.map((chapterId) => ({ cluster_id: key.clusterId, chapter_id: chapterId }))));
          const rows = pairs === '[]' ? []
            : basis === ReportBasis.APPROVED ? await sql<Record<string, unknown>>(em, APPROVED_CLUSTER_TOTALS_SQL, [pairs, period.type, period.start])
            : await prepared<Record<string, unknown>>(em, CLUSTER_TOTALS_SQL, [pairs, period.type, period.start, period.start, period.end, period.start, period.end]);
          const byCluster = new Map(rows.map(({ clusterId, ...figures }) => [String(clusterId), figures]));
          const none = basis === ReportBasis.APPROVED ? { approvedReports: [], unapprovedChapterIds: [] } : { approvedReports: null, unapprovedChapterIds: null };
          for (const key of group) results.set(key, { ...EMPTY, ...none, ...(byCluster.get(key.clusterId) as object), period } as RedCrossTotals);
        }
        return keys.map((key) => results.get(key)!);
      },
      { cacheKeyFn: (key) => `${key.clusterId}:${key.basis}:${key.period.type}:${key.period.start}` },
    ),
  };
}
