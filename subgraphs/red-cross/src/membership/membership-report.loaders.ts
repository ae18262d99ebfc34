import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@hoi/common/orm';
import { loadChildPages, type ChildPageKey, type Connection } from '@hoi/common/pagination';
import { storedPeriod, type Period } from '@hoi/common/period';
import type { MembershipReport, MembershipTotals } from './membership-report.type.ts';

export const REPORT_COLUMNS = `id, chapter_id as "chapterId", period_type as "periodType", to_char(period_start, 'YYYY-MM-DD') as "periodStart",
  grassroots_organisations as "grassrootsOrganisations", branches, individual_members as "individualMembers",
  collective_members as "collectiveMembers", volunteers`;

export function toReport(row: Record<string, unknown>): MembershipReport {
  const { periodType, periodStart, ...figures } = row;
  return { ...(figures as unknown as Omit<MembershipReport, 'period'>), period: storedPeriod(String(periodType), String(periodStart)) };
}

/** The reports of one period (parameters: type, start) with their chapters' paths, as the CTE `reports`. */
export const PERIOD_REPORTS = `reports as (
  select r.*, c.path from red_cross.membership_report r join red_cross.chapter c on c.id = r.chapter_id
   where r.period_type = ? and r.period_start = ?)`;

/**
 * A report r counts towards root when it lies in root's subtree and no other report of the
 * period lies between them: that one already stands for everything under it.
 */
export const nearestReportOf = (root: string) => `r.path @> array[${root}]
  and not exists (select 1 from reports covering
                   where covering.id <> r.id and r.path @> array[covering.chapter_id] and covering.path @> array[${root}])`;

export const MEMBERSHIP_SUMS = `coalesce(sum(r.grassroots_organisations), 0)::text as "grassrootsOrganisations",
  coalesce(sum(r.branches), 0)::text as branches, coalesce(sum(r.individual_members), 0)::text as "individualMembers",
  coalesce(sum(r.collective_members), 0)::text as "collectiveMembers", coalesce(sum(r.volunteers), 0)::text as volunteers`;

export interface TotalsKey {
  chapterId: string;
  period: Period;
}

export function createMembershipLoaders(em: EntityManager) {
  return {
    MembershipReportsByChapterIdLoader: new DataLoader<ChildPageKey, Connection<MembershipReport>, string>(
      async (keys) => {
        const pages = await loadChildPages<Record<string, unknown>>(em, {
          table: 'red_cross.membership_report',
          parentColumn: 'chapter_id',
          orderColumns: ['-extract(epoch from period_start)::bigint', 'period_type', 'id'],
          select: REPORT_COLUMNS,
        }, keys);
        return pages.map((page) => ({ ...page, edges: page.edges.map((edge) => ({ ...edge, node: toReport(edge.node) })) }));
      },
      { cacheKeyFn: (key) => JSON.stringify(key) },
    ),
    /**
     * Totals of each chapter's subtree in one statement: a report counts unless another report of
     * the same period lies between it and the chapter asked about (that one already covers it).
     */
    MembershipTotalsByChapterLoader: new DataLoader<TotalsKey, MembershipTotals, string>(
      async (keys) => {
        const byPeriod = Map.groupBy(keys, (key) => `${key.period.type}:${key.period.start}`);
        const results = new Map<TotalsKey, MembershipTotals>();
        for (const group of byPeriod.values()) {
          const { period } = group[0];
          const rows = await sql<Record<string, number | string>>(
            em,
            `with ${PERIOD_REPORTS}
             select root.id as "chapterId", count(r.id)::int as reports, ${MEMBERSHIP_SUMS}
               from unnest(array[?]::uuid[]) as root (id)
               left join reports r on ${nearestReportOf('root.id')}
              group by root.id`,
            [period.type, period.start, group.map((key) => key.chapterId)],
          );
          const byChapter = new Map(rows.map((row) => [String(row.chapterId), row]));
          for (const key of group) {
            const { chapterId: _id, ...figures } = byChapter.get(key.chapterId)!;
            results.set(key, { ...(figures as unknown as MembershipTotals), period: key.period });
          }
        }
        return keys.map((key) => results.get(key)!);
      },
      { cacheKeyFn: (key) => `${key.chapterId}:${key.period.type}:${key.period.start}` },
    ),
  };
}

export type MembershipLoaders = ReturnType<typeof createMembershipLoaders>;
