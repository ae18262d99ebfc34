import type { SubgraphDefinition } from '@hoi/common/service';
import { loadRedCrossDemoData } from './demo/demo-data.ts';
import { ChapterEntity } from './chapter/chapter.entity.ts';
import { createRedCrossLoaders } from './context.ts';
import { MembershipReportEntity } from './membership/membership-report.entity.ts';
import { Migration20261123000100_chapters } from './migrations/Migration20261123000100_chapters.ts';
import { Migration20261123010000_chapter_paths_and_membership } from './migrations/Migration20261123010000_chapter_paths_and_membership.ts';
import { buildRedCrossSchema } from './schema.ts';

export const redCross: SubgraphDefinition<ReturnType<typeof createRedCrossLoaders>> = {
  name: 'red-cross',
  schemaName: 'red_cross',
  entities: [ChapterEntity, MembershipReportEntity],
  migrations: [Migration20261123000100_chapters, Migration20261123010000_chapter_paths_and_membership],
  buildSchema: buildRedCrossSchema,
  createLoaders: createRedCrossLoaders,
  loadDemoData: loadRedCrossDemoData,
};
