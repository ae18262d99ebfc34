import type { SubgraphDefinition } from '@hoi/common/service';
import { loadRedCrossDemoData } from './demo/demo-data.ts';
import { ChapterEntity } from './chapter/chapter.entity.ts';
import { createChapterLoaders, type ChapterLoaders } from './chapter/chapter.loaders.ts';
import { Migration20261123000100_chapters } from './migrations/Migration20261123000100_chapters.ts';
import { buildRedCrossSchema } from './schema.ts';

export const redCross: SubgraphDefinition<ChapterLoaders> = {
  name: 'red-cross',
  schemaName: 'red_cross',
  entities: [ChapterEntity],
  migrations: [Migration20261123000100_chapters],
  buildSchema: buildRedCrossSchema,
  createLoaders: createChapterLoaders,
  loadDemoData: loadRedCrossDemoData,
};
