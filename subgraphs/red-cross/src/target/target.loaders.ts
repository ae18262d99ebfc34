import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@hoi/common/orm';
import { storedPeriod } from '@hoi/common/period';
import type { Target, TargetAchievement, TargetMetric } from './target.type.ts';

export const TARGET_COLUMNS = `t.id, t.metric, t.period_type as "periodType", to_char(t.period_start, 'YYYY-MM-DD') as "periodStart", t.value,
  t.setter_chapter_id as "setterChapterId", t.chapter_id as "chapterId", t.campaign_id as "campaignId"`;

export function toTarget(row: Record<string, unknown>): Target {
  return {
    id: String(row.id),
    metric: row.metric as TargetMetric,
    period: storedPeriod(String(row.periodType), String(row.periodStart)),
    value: row.value as string,
    setterChapterId: String(row.setterChapterId),
    chapterId: String(row.chapterId),
    campaignId: (row.campaignId as string | null) ?? null,
  };
}

export function createTargetLoaders(em: EntityManager) {
  return {
    TargetsByChapterIdLoader: new DataLoader<string, Target[]>(async (chapterIds) => {
      const rows = await sql(em, `select ${TARGET_COLUMNS} from red_cross.target t where t.chapter_id in (?) order by t.period_start desc, t.metric, t.id`, [chapterIds]);
      const byChapter = Map.groupBy(rows.map(toTarget), (target) => target.chapterId);
      return chapterIds.map((id) => byChapter.get(id) ?? []);
    }),
    /**
     * Achievement of many targets in one statement: each target's actual comes from the relief
     * activities of its chapter's subtree in its period (and campaign); the ratio is exact numeric.
     */
    TargetAchievementByTargetIdLoader: new DataLoader<string, TargetAchievement>(async (targetIds) => {
      const rows = await sql<TargetAchievement & { id: string }>(
        em,
        `select t.id, actual.value::text as actual,
                round(actual.value * 10000 / t.value)::text as "basisPoints",
                round(actual.value * 100 / t.value, 2)::text as percent
           from red_cross.target t
           join red_cross.chapter tc on tc.id = t.chapter_id
           cross join lateral (
             select coalesce(sum(case
                      when t.metric = 'PEOPLE_REACHED' then a.people_reached
                      when t.metric = 'VALUE_VND' then a.value_vnd
                      else a.quantity end), 0)::numeric as value
               from red_cross.relief_activity a
               join red_cross.chapter c on c.id = a.chapter_id
              where c.path @> array[tc.id]
                and a.occurred_on between t.period_start and t.period_end
                and (t.campaign_id is null or a.campaign_id = t.campaign_id)
                and (t.metric in ('PEOPLE_REACHED', 'VALUE_VND') or a.kind = t.metric)
           ) actual
          where t.id in (?)`,
        [targetIds],
      );
      const byId = new Map(rows.map(({ id, ...achievement }) => [id, achievement]));
      return targetIds.map((id) => byId.get(id)!);
    }),
  };
}
