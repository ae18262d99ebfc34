import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@hoi/common/orm';
import { loadChildPages, type ChildPageKey, type Connection } from '@hoi/common/pagination';
import { storedPeriod, type Period } from '@hoi/common/period';
import type { MembershipReport, MembershipTotals } from './membership-report.type.ts';

/** The five membership figures' columns. */
const REPORT_FIGURES = 'grassroots_organisations, branches, individual_members, collective_members, volunteers';

export const REPORT_COLUMNS = `id, chapter_id as "chapterId", period_type as "periodType", to_char(period_start, 'YYYY-MM-DD') as "periodStart",
  grassroots_organisations as "grassrootsOrganisations", branches, individual_members as "individualMembers",
  collective_members as "collectiveMembers", volunteers`;

export function toReport(row: Record<string, unknown>): MembershipReport {
  const { periodType, periodStart, ...figures } = row;
  return { ...(figures as unknown as Omit<MembershipReport, 'period'>), period: storedPeriod(String(periodType), String(periodStart)) };
}

/**
 * The CTEs `nearest_*` ending with `nearest`: for each row of `roots` (a CTE with columns `id`, a
 * chapter, and `period_type`, `period_start`), the reports of that period that count towards the
 * chapter, as `nearest` (root_id, id, chapter_id and the five figures). A report counts when it
 * lies in the chapter's subtree and no other report of the period lies between them (that one
 * already stands for everything under it). Found by walking down from the chapter through the
 * chapters without a report (index probes on chapter(parent_id) and membership_report(chapter_id,
 * period_type, period_start)): a chapter with its own report costs one probe, and the walk never
 * costs more than the chapter's subtree (a province's ~2,000 chapters), nothing for a period
 * without reports. A root of the tree without its own report (its subtree: every chapter) reads
 * the period's reports instead, each kept unless one on its path above it has a report. Chapters
 * never move (chapter_path refuses it): parent_id and path name the same subtree. The enclosing
 * WITH must be `with recursive`; roots' rows must be distinct.
 */
export const nearestReports = (roots: string) => `nearest_tree_roots as materialized (
    select roots.* from ${roots} roots
      join red_cross.chapter root_chapter on root_chapter.id = roots.id and root_chapter.parent_id is null
     where not exists (select 1 from red_cross.membership_report own
                        where own.chapter_id = roots.id and own.period_type = roots.period_type and own.period_start = roots.period_start)
  ),
  nearest_tree_reports as materialized (
    select tree_root.id as root_id, r.id, r.chapter_id, r.period_type, r.period_start, ${REPORT_FIGURES}, c.path
      from nearest_tree_roots tree_root
      join red_cross.membership_report r on r.period_type = tree_root.period_type and r.period_start = tree_root.period_start
      join red_cross.chapter c on c.id = r.chapter_id and c.path[1] = tree_root.id
  ),
  nearest_walk (root_id, period_type, period_start, chapter_id, report_id) as (
    select roots.id, roots.period_type, roots.period_start, roots.id, r.id
      from ${roots} roots
      left join red_cross.membership_report r on r.chapter_id = roots.id and r.period_type = roots.period_type and r.period_start = roots.period_start
     where not exists (select 1 from nearest_tree_roots tree_root where tree_root.id = roots.id)
       and exists (select 1 from red_cross.membership_report any_report
                    where any_report.period_type = roots.period_type and any_report.period_start = roots.period_start)
    union all
    select walk.root_id, walk.period_type, walk.period_start, c.id, r.id
      from nearest_walk walk
      join red_cross.chapter c on c.parent_id = walk.chapter_id
      left join red_cross.membership_report r on r.chapter_id = c.id and r.period_type = walk.period_type and r.period_start = walk.period_start
     where walk.report_id is null
  ),
  nearest as (
    select walk.root_id, r.id, r.chapter_id, ${REPORT_FIGURES.replace(/(\w+)/g, 'r.$1')}
      from nearest_walk walk join red_cross.membership_report r on r.id = walk.report_id
    union all
    select t.root_id, t.id, t.chapter_id, ${REPORT_FIGURES}
      from nearest_tree_reports t
     where not exists (select 1 from red_cross.membership_report above
                        where above.chapter_id = any(t.path[1:cardinality(t.path) - 1])
                          and above.period_type = t.period_type and above.period_start = t.period_start)
  )`;

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
            `with recursive
             root as (select distinct id, ?::text as period_type, ?::date as period_start from unnest(array[?]::uuid[]) as root (id)),
             ${nearestReports('root')}
             select root.id as "chapterId", count(r.id)::int as reports, ${MEMBERSHIP_SUMS}
               from root left join nearest r on r.root_id = root.id
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
