import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@hoi/common/orm';
import type { ModelProgramme } from './model-programme.type.ts';

export interface ModelProgrammesKey {
  chapterId: string;
  /** Only the registrations for this year; all of them when null. */
  year: number | null;
}

export function createModelProgrammeLoaders(em: EntityManager) {
  return {
    /** The model programmes of many chapters, newest year first, in Vietnamese order: one statement per year asked. */
    ModelProgrammesByChapterLoader: new DataLoader<ModelProgrammesKey, ModelProgramme[], string>(
      async (keys) => {
        const byYear = Map.groupBy(keys, (key) => key.year);
        const results = new Map<string, ModelProgramme[]>();
        for (const [year, group] of byYear) {
          const rows = await sql<ModelProgramme>(
            em,
            `select id, chapter_id as "chapterId", year, name, description
               from red_cross.model_programme
              where chapter_id in (?) ${year == null ? '' : 'and year = ?'}
              order by year desc, name, id`,
            [group.map((key) => key.chapterId), ...(year == null ? [] : [year])],
          );
          const byChapter = Map.groupBy(rows, (row) => row.chapterId);
          for (const key of group) results.set(`${key.chapterId}:${year}`, byChapter.get(key.chapterId) ?? []);
        }
        return keys.map((key) => results.get(`${key.chapterId}:${key.year}`)!);
      },
      { cacheKeyFn: (key) => `${key.chapterId}:${key.year}` },
    ),
  };
}

export type ModelProgrammeLoaders = ReturnType<typeof createModelProgrammeLoaders>;
