import type { EntityManager } from '@mikro-orm/postgresql';
import type { Period } from '@hoi/common/period';
import { childrenOfParents, completenessLoader, listedOrganisations, type CompletenessKey } from '@hoi/common/period-report';
import { provinceInEdition, type UnitEdition } from '@hoi/common/references';
import { chapterReports } from './period-report.plug.ts';
import type { ChapterReportKind } from './period-report.type.ts';

/**
 * The chapters of every provincial chapter's subtree, keyed by the province in the edition asked
 * for (the reform merged some). Each chapter's path names its province: one pass over the
 * chapters hash-joined to the provincial ones, not an index lookup per province.
 */
export function provinceChaptersSql(edition: UnitEdition): string {
  const province = provinceInEdition(edition, 'p.unit_id');
  return `select ${province.key} as group_key, c.id, c.level
            from red_cross.chapter c
            cross join lateral unnest(c.path) as ancestor (id)
            join red_cross.chapter p on p.id = ancestor.id and p.level = 'PROVINCE'
            ${province.join}`;
}

export interface ChapterCompletenessKey extends CompletenessKey {
  kind: ChapterReportKind;
  period: Period;
}

export interface ClusterCompletenessKey extends ChapterCompletenessKey {
  chapterIds: string[];
}

export function createReportingCompletenessLoaders(em: EntityManager) {
  return {
    /** Each chapter's (groupKey) children's reporting, in one statement for every chapter of a kind and period. */
    CompletenessByChapterLoader: completenessLoader<ChapterCompletenessKey>(em, 'red_cross', childrenOfParents(chapterReports.completeness!)),
    /** Each cluster's (groupKey) member chapters' own reporting, in one statement for every cluster of a kind and period. */
    CompletenessByClusterLoader: completenessLoader<ClusterCompletenessKey>(em, 'red_cross', listedOrganisations('red_cross.chapter', (key) => key.chapterIds)),
  };
}
