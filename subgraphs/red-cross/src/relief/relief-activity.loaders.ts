import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loadChildPages, type ChildPageKey, type Connection } from '@hoi/common/pagination';
import type { ReliefActivity } from './relief-activity.type.ts';

export const ACTIVITY_COLUMNS = `id, kind, quantity, people_reached as "peopleReached", value_vnd as "valueVnd",
  to_char(occurred_on, 'YYYY-MM-DD') as "occurredOn", note, chapter_id as "chapterId", campaign_id as "campaignId"`;

/** The aggregate columns every relief figure shares, over rows aliased `a`. */
export const FIGURES = `count(a.id)::int as activities, coalesce(sum(a.quantity), 0)::text as quantity,
  coalesce(sum(a.people_reached), 0)::text as "peopleReached", coalesce(sum(a.value_vnd), 0)::text as "valueVnd"`;

export function createReliefLoaders(em: EntityManager) {
  return {
    ReliefActivitiesByChapterIdLoader: new DataLoader<ChildPageKey, Connection<ReliefActivity>, string>(
      (keys) =>
        loadChildPages<ReliefActivity>(em, {
          table: 'red_cross.relief_activity',
          parentColumn: 'chapter_id',
          // Newest first, as one ascending keyset.
          orderColumns: ['-(occurred_on - date \'2000-01-01\')', 'id'],
          select: ACTIVITY_COLUMNS,
        }, keys),
      { cacheKeyFn: (key) => JSON.stringify(key) },
    ),
  };
}
