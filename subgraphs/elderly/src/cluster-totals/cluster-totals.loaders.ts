import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@hoi/common/orm';
import type { Period } from '@hoi/common/period';
import { completenessLoader, latestApprovedSnapshotSql, listedOrganisations, ReportBasis, type CompletenessKey } from '@hoi/common/period-report';
import { ElderlyReportKind } from '../period-report/elderly-period-report.type.ts';
import { rollupRowsAsOf } from '../member/club-statistics.sql.ts';
import type { ElderlyTotals } from './emulation-cluster.type.ts';

export interface ElderlyTotalsKey {
  clusterId: string;
  associationIds: string[];
  period: Period;
  basis: ReportBasis;
}

/**
 * The CTEs `pairs` (cluster, member association; parameter: the pairs as JSON) and `tops`: the
 * members of each cluster that lie below no other member of it. After `with recursive`. The
 * ancestors are looked up one by one through the primary key (scalar subqueries): a join here was
 * planned as a hash over every association (the JSON's row count is unknown to the planner).
 */
const TOP_MEMBERS = `pairs (root_id, association_id) as (
        select distinct cluster_id, association_id from jsonb_to_recordset(?::jsonb) as pair (cluster_id text, association_id uuid)
      ),
      above (root_id, association_id, ancestor_id) as (
        select root_id, association_id, (select a.parent_id from elderly.association a where a.id = pairs.association_id) from pairs
        union
        select root_id, association_id, (select a.parent_id from elderly.association a where a.id = above.ancestor_id) from above where ancestor_id is not null
      ),
      tops as (
        select pairs.root_id, pairs.association_id from pairs
         where not exists (select 1 from above join pairs outer_member on outer_member.root_id = above.root_id and outer_member.association_id = above.ancestor_id
                            where above.root_id = pairs.root_id and above.association_id = pairs.association_id)
      )`;

/**
 * Every cluster of a list in one statement, from the topmost members of each (a member below
 * another member of the same cluster is already in that one's figures; subtrees of a tree are
 * nested or disjoint, so each club counts once): the fund figures at the period's end from the
 * per-association fund roll-up (elderly.association_fund_month: a few dozen rows a member, exact
 * on a month's last day, held to the ledger statement by the tests), the clubs and members from
 * the clubStatistics roll-up's PROVINCE grain (exact as of a period's last day, see
 * `rollupRowsAsOf`). Parameters: the pairs as JSON, the period's last day.
 */
export const ELDERLY_TOTALS_SQL = `
  with recursive ${TOP_MEMBERS},
  params (period_end) as (select ?::date),
  fund as (
    select tops.root_id, sum(f.total_fund) as total_fund, sum(f.contributed_or_raised) as contributed_or_raised,
           sum(f.out_on_loan) as out_on_loan, sum(f.borrowers) as borrowers
      from tops cross join params
      join elderly.association_fund_month f on f.association_id = tops.association_id and f.month <= date_trunc('month', params.period_end::timestamp)::date
     group by tops.root_id
  ),
  people as (
    select tops.root_id, sum(r.clubs) as clubs, sum(r.members) as members
      from tops cross join params
     cross join lateral ${rollupRowsAsOf('tops.association_id', 'params.period_end', 'PROVINCE')} r
     group by tops.root_id
  )
  select roots.root_id as "clusterId",
         coalesce(fund.total_fund, 0)::text as "totalFund", coalesce(fund.contributed_or_raised, 0)::text as "contributedOrRaised",
         coalesce(fund.out_on_loan, 0)::text as "outOnLoan", coalesce(fund.borrowers, 0)::int as borrowers,
         coalesce(people.clubs, 0)::int as clubs, coalesce(people.members, 0)::int as members
    from (select distinct root_id from pairs) roots
    left join fund on fund.root_id = roots.root_id
    left join people on people.root_id = roots.root_id`;

export interface ClusterCompletenessKey extends CompletenessKey {
  kind: ElderlyReportKind;
  associationIds: string[];
}

/** A figure of an approved snapshot `a.figures` at a path, as an exact number. */
const held = (...path: string[]) => `coalesce((a.figures #>> '{${path.join(',')}}')::numeric, 0)`;

/**
 * ELDERLY_TOTALS_SQL on basis APPROVED, in one statement for every cluster of a list: the latest
 * approved snapshot of each topmost member's report of exactly the period (a member below another
 * is inside that one's figures, as live), added up; topmost members without one are listed, not
 * counted. Parameters: the pairs as JSON, period type, start.
 */
const APPROVED_ELDERLY_TOTALS_SQL = `
  with recursive ${TOP_MEMBERS},
  k as (select ?::text as period_type, ?::date as period_start),
  approved as (
    select tops.root_id, tops.association_id, a.report_id, a.version, a.figures
      from tops cross join k
      left join lateral ${latestApprovedSnapshotSql('elderly', 'tops.association_id', `'${ElderlyReportKind.ACTIVITIES}'`, 'k.period_type', 'k.period_start')} a on true
  )
  select a.root_id as "clusterId", count(a.report_id)::int as associations,
         sum(${held('clubs')})::int as clubs, sum(${held('members', 'members')})::int as members,
         sum(${held('fund', 'totalFund')})::text as "totalFund", sum(${held('fund', 'contributedOrRaised')})::text as "contributedOrRaised",
         sum(${held('fund', 'outOnLoan')})::text as "outOnLoan", sum(${held('fund', 'borrowers')})::int as borrowers,
         coalesce(jsonb_agg(jsonb_build_object('organisationId', a.association_id, 'reportId', a.report_id, 'version', a.version) order by a.association_id)
                    filter (where a.report_id is not null), '[]') as "approvedReports",
         coalesce(array_agg(a.association_id::text order by a.association_id) filter (where a.report_id is null), '{}') as "unapprovedAssociationIds"
    from approved a
   group by a.root_id`;

export function createElderlyTotalsLoaders(em: EntityManager) {
  return {
    /** Each cluster's (groupKey) member associations' own reporting, in one statement for every cluster of a kind and period. */
    ElderlyCompletenessByClusterLoader: completenessLoader<ClusterCompletenessKey>(em, 'elderly', listedOrganisations('elderly.association', (key) => key.associationIds)),
    ElderlyTotalsByClusterLoader: new DataLoader<ElderlyTotalsKey, ElderlyTotals, string>(
      async (keys) => {
        const results = new Map<ElderlyTotalsKey, ElderlyTotals>();
        for (const group of Map.groupBy(keys, (key) => `${key.basis}:${key.period.type}:${key.period.start}`).values()) {
          const { period, basis } = group[0];
          const pairs = JSON.stringify(group.flatMap((key) => key.associationIds.map((id) => ({ cluster_id: key.clusterId, association_id: id }))));
          const empty = { clubs: 0, members: 0, totalFund: '0', contributedOrRaised: '0', outOnLoan: '0', borrowers: 0 };
          if (basis === ReportBasis.APPROVED) {
            const rows = pairs === '[]' ? [] : await sql<Record<string, unknown>>(em, APPROVED_ELDERLY_TOTALS_SQL, [pairs, period.type, period.start]);
            const byCluster = new Map(rows.map(({ clusterId, ...figures }) => [String(clusterId), figures]));
            for (const key of group) {
              results.set(key, { ...empty, associations: 0, approvedReports: [], unapprovedAssociationIds: [], ...(byCluster.get(key.clusterId) as object), period } as ElderlyTotals);
            }
            continue;
          }
          const rows = await sql<Record<string, unknown>>(em, ELDERLY_TOTALS_SQL, [pairs, period.end]);
          const byCluster = new Map(rows.map(({ clusterId, ...figures }) => [String(clusterId), figures]));
          for (const key of group) {
            const figures = byCluster.get(key.clusterId) ?? empty;
            results.set(key, { ...(figures as object), associations: key.associationIds.length, period, approvedReports: null, unapprovedAssociationIds: null } as ElderlyTotals);
          }
        }
        return keys.map((key) => results.get(key)!);
      },
      { cacheKeyFn: (key) => `${key.clusterId}:${key.basis}:${key.period.type}:${key.period.start}` },
    ),
  };
}
