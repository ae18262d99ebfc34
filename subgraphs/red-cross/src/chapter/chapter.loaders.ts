import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid, rowsByIds, sql } from '@hoi/common/orm';
import { loadChildPages, type ChildPageKey, type Connection } from '@hoi/common/pagination';
import { ChapterEntity } from './chapter.entity.ts';
import type { Chapter, ChapterLevel } from './chapter.type.ts';

export const CHAPTER_COLUMNS = `id, name, level, parent_id as "parentId", unit_id as "unitId"`;

export function toChapter(entity: ChapterEntity): Chapter {
  const { id, name, level, parentId, unitId } = entity;
  return { id, name, level: level as ChapterLevel, parentId, unitId };
}

export function createChapterLoaders(em: EntityManager) {
  return {
    /** Ids from the national chapter down to each chapter itself (null for an unknown id). */
    ChapterPathByIdLoader: new DataLoader<string, string[] | null>(async (ids) => {
      // Only well-formed ids are looked up, by the primary key; any other id names no chapter.
      const wellFormed = ids.filter(isUuid);
      const rows = wellFormed.length === 0
        ? []
        : await sql<{ id: string; path: string[] }>(em, `select id, path::text[] as path from red_cross.chapter where id in (?)`, [wellFormed]);
      const byId = new Map(rows.map((row) => [row.id, row.path]));
      return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
    }),
    ChapterByIdLoader: new DataLoader<string, Chapter | null>((ids) => rowsByIds<Chapter>(em, 'red_cross.chapter', CHAPTER_COLUMNS, ids)),
    ChildrenByChapterIdLoader: new DataLoader<ChildPageKey, Connection<Chapter>, string>(
      (keys) =>
        loadChildPages<Chapter>(em, {
          table: 'red_cross.chapter',
          parentColumn: 'parent_id',
          orderColumns: ['name', 'id'],
          select: CHAPTER_COLUMNS,
        }, keys),
      { cacheKeyFn: (key) => JSON.stringify(key) },
    ),
    /** Every chapter below each key chapter, at any depth: one statement over the materialised paths. */
    DescendantsByChapterIdLoader: new DataLoader<ChildPageKey, Connection<Chapter>, string>(
      (keys) =>
        loadChildPages<Chapter>(em, {
          table: 'red_cross.chapter c cross join lateral unnest(c.path[1:cardinality(c.path) - 1]) as ancestor (id)',
          parentColumn: 'ancestor.id',
          orderColumns: ['c.name', 'c.id'],
          select: `c.id, c.name, c.level, c.parent_id as "parentId", c.unit_id as "unitId"`,
        }, keys),
      { cacheKeyFn: (key) => JSON.stringify(key) },
    ),
  };
}

export type ChapterLoaders = ReturnType<typeof createChapterLoaders>;
